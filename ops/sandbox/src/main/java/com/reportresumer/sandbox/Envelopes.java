package com.reportresumer.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Renders the scheduled-report API's JSON: the envelope {@code {"Value":[…],"TotalCount":n,"Message":"…",
 * "StatusCode":code}} around reports, in the configured {@link Casing}. Errors use the same envelope with an empty
 * {@code Value}, as the real API does; one renderer for every answer keeps the field names in one place.
 */
final class Envelopes {

    /** The body of an injected garbage answer. */
    static final String GARBAGE_BODY = "<html><body><h1>oops</h1><p>upstream returned an unexpected page</p></body></html>";

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private static final String[] REPORT_FIELDS = {"ReportId", "ReportName", "Description", "QueryId", "Query", "User",
        "CreatedTime", "ModifiedTime", "ExecuteNow", "StartTime", "ReportStatus", "RecurrenceInterval", "RecurrenceCount",
        "CallbackUrl", "CallbackMethod", "Format"};

    private final JsonMapper json;
    private final boolean camel;

    Envelopes(JsonMapper json, Casing casing) {
        this.json = json;
        this.camel = casing == Casing.CAMEL;
    }

    /** The envelope around these reports. */
    Answer envelope(int status, List<Report> value, String message) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> rendered = new ArrayList<>(value.size());
        for (Report r : value) {
            rendered.add(render(r));
        }
        out.put(name("Value"), rendered);
        out.put(name("TotalCount"), rendered.size());
        out.put(name("Message"), message);
        out.put(name("StatusCode"), status);
        if (camel) {
            out.put("nextLink", null);
            out.put("dataRedacted", false);
        }
        return new Answer(status, json.writeValueAsBytes(out), Answer.JSON_TYPE, Map.of());
    }

    /** An error: the envelope with an empty {@code Value}. */
    Answer error(int status, String message) {
        return envelope(status, List.of(), message);
    }

    /** An error with headers such as {@code Retry-After} or {@code WWW-Authenticate}. */
    Answer error(int status, String message, Map<String, String> headers) {
        return error(status, message).withHeaders(headers);
    }

    /** A 200 whose body is an HTML page instead of JSON. */
    static Answer garbage() {
        return new Answer(200, GARBAGE_BODY.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8", Map.of());
    }

    /** Any value as a JSON answer (for the admin endpoints). */
    Answer json(int status, Object value) {
        return new Answer(status, json.writeValueAsBytes(value), Answer.JSON_TYPE, Map.of());
    }

    private Map<String, Object> render(Report r) {
        Object[] values = {r.reportId().toString(), r.reportName(), r.description(), r.queryId(), r.query(), r.user(),
            TIME.format(r.createdTime()), TIME.format(r.modifiedTime()), r.executeNow(), TIME.format(r.startTime()),
            r.reportStatus().apiName(), r.recurrenceInterval(), r.recurrenceCount(), r.callbackUrl(), r.callbackMethod(),
            r.format()};
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < REPORT_FIELDS.length; i++) {
            out.put(name(REPORT_FIELDS[i]), values[i]);
        }
        return out;
    }

    private String name(String pascal) {
        return camel ? Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1) : pascal;
    }
}
