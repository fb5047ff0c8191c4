package com.reportresumer.partnercenter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * Reads the API's envelope ({@link ReportEnvelope}) from a body with the streaming parser, by the rules of
 * {@link PartnerCenterJson}: field names in any casing, unknown fields skipped, scalars coerced as Jackson's data
 * binding coerces them (a number or a boolean where text is expected is its text; where a number is expected, a
 * fraction is cut to its whole part and text may hold an integer). Binding the records did the same at a fifth of
 * each call's CPU at zero latency (case-insensitive lookups, record creators called reflectively), and every call's
 * answer is read here.
 * <p>
 * Anything else than an envelope throws {@link NotAnEnvelopeException}; the JSON {@code null} is no envelope either
 * ({@code null} returned), as data binding has it.
 */
final class EnvelopeReader {

    /** The body is JSON but not the envelope, or not JSON. */
    static final class NotAnEnvelopeException extends RuntimeException {

        NotAnEnvelopeException(String message) {
            super(message, null, false, false);
        }
    }

    private EnvelopeReader() {
    }

    /** The envelope in {@code body}; null for the JSON {@code null}. */
    static ReportEnvelope read(byte[] body) {
        try (JsonParser p = PartnerCenterJson.MAPPER.tokenStreamFactory()
                .createParser(ObjectReadContext.empty(), body)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.VALUE_NULL) {
                requireEnd(p);
                return null;
            }
            expect(first == JsonToken.START_OBJECT, "not a JSON object");
            List<ScheduledReport> value = null;
            Integer totalCount = null;
            String message = null;
            Integer statusCode = null;
            String nextLink = null;
            for (String name = nextField(p); name != null; name = nextField(p)) {
                switch (name) {
                    case "value" -> value = reports(p);
                    case "totalcount" -> totalCount = integer(p);
                    case "message" -> message = text(p);
                    case "statuscode" -> statusCode = integer(p);
                    case "nextlink" -> nextLink = text(p);
                    default -> p.skipChildren();
                }
            }
            requireEnd(p);
            return new ReportEnvelope(value, totalCount, message, statusCode, nextLink);
        }
        catch (JacksonException notJson) {
            throw new NotAnEnvelopeException(notJson.getOriginalMessage());
        }
    }

    private static List<ScheduledReport> reports(JsonParser p) {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p.currentToken() == JsonToken.START_ARRAY, "Value is not an array");
        List<ScheduledReport> reports = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.VALUE_NULL) {
                expect(t == JsonToken.START_OBJECT, "an element of Value is not an object");
                reports.add(report(p));
            }
        }
        return reports;
    }

    private static ScheduledReport report(JsonParser p) {
        String reportId = null;
        String reportName = null;
        String description = null;
        String queryId = null;
        String user = null;
        String createdTime = null;
        String modifiedTime = null;
        String startTime = null;
        String reportStatus = null;
        Integer recurrenceInterval = null;
        Integer recurrenceCount = null;
        String format = null;
        for (String name = nextField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "reportid" -> reportId = text(p);
                case "reportname" -> reportName = text(p);
                case "description" -> description = text(p);
                case "queryid" -> queryId = text(p);
                case "user" -> user = text(p);
                case "createdtime" -> createdTime = text(p);
                case "modifiedtime" -> modifiedTime = text(p);
                case "starttime" -> startTime = text(p);
                case "reportstatus" -> reportStatus = text(p);
                case "recurrenceinterval" -> recurrenceInterval = integer(p);
                case "recurrencecount" -> recurrenceCount = integer(p);
                case "format" -> format = text(p);
                default -> p.skipChildren();
            }
        }
        return new ScheduledReport(reportId, reportName, description, queryId, user, createdTime, modifiedTime,
                startTime, reportStatus, recurrenceInterval, recurrenceCount, format);
    }

    /**
     * The name of the object's next field, with the parser on its value; null at the object's end. The name is
     * lower-cased as data binding compares names: {@link String#toLowerCase(Locale)} in the root locale (no default
     * locale turns "ReportId" into something else), not {@code equalsIgnoreCase}, which also takes
     * "ReportStatu\u017f" for "ReportStatus".
     */
    private static String nextField(JsonParser p) {
        if (p.nextToken() != JsonToken.PROPERTY_NAME) {
            return null;
        }
        String name = p.currentName().toLowerCase(Locale.ROOT);
        p.nextToken();
        return name;
    }

    /** Text where text is expected: a string, or the text of a number or a boolean. */
    private static String text(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t.isScalarValue(), "text expected, found " + t);
        return p.getString();
    }

    /**
     * A whole number where one is expected: an integer, a fraction cut to its whole part, text holding an integer;
     * blank text and the text {@code null} are none.
     */
    private static Integer integer(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getIntValue();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            return whole(p.getDoubleValue());
        }
        expect(t == JsonToken.VALUE_STRING, "a number expected, found " + t);
        String s = p.getString().trim();
        if (s.isEmpty() || s.equals("null")) {
            return null; // as data binding coerces them
        }
        try {
            return Integer.valueOf(s);
        }
        catch (NumberFormatException notWhole) {
            throw new NotAnEnvelopeException("not a whole number: " + s);
        }
    }

    private static int whole(double number) {
        expect(!Double.isNaN(number) && number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE,
                "a number out of range");
        return (int) number;
    }

    private static void requireEnd(JsonParser p) {
        expect(p.nextToken() == null, "more than one JSON value");
    }

    private static void expect(boolean condition, String otherwise) {
        if (!condition) {
            throw new NotAnEnvelopeException(otherwise);
        }
    }
}
