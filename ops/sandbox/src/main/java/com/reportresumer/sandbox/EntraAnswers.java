package com.reportresumer.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;

/**
 * Renders what Entra ID's token endpoint answers: an issued token in the v1 shape (numbers as strings, the
 * resource) or the v2.0 shape (numbers, the scope), and refusals in Entra's error format. Both the usual checks and
 * scripted answers use it, so a scripted token looks exactly like an issued one.
 */
final class EntraAnswers {

    private static final DateTimeFormatter ENTRA_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final JsonMapper json;
    private final Supplier<String> baseUrl;

    /** @param baseUrl the sandbox's base URL, for {@code error_uri} (known once the server is bound) */
    EntraAnswers(JsonMapper json, Supplier<String> baseUrl) {
        this.json = json;
        this.baseUrl = baseUrl;
    }

    /**
     * A 200 with the token.
     *
     * @param audience the v1 {@code resource} answered
     * @param scope    the v2.0 {@code scope} answered
     */
    Answer issued(String token, long expiresIn, boolean v2, String audience, String scope) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token_type", "Bearer");
        if (v2) {
            out.put("scope", scope);
            out.put("expires_in", expiresIn);
            out.put("ext_expires_in", expiresIn);
        } else {
            long nowSec = Instant.now().getEpochSecond();
            out.put("expires_in", Long.toString(expiresIn));
            out.put("ext_expires_in", Long.toString(expiresIn));
            out.put("expires_on", Long.toString(nowSec + expiresIn));
            out.put("not_before", Long.toString(nowSec));
            out.put("resource", audience);
        }
        out.put("access_token", token);
        return new Answer(200, json.writeValueAsBytes(out), Answer.JSON_TYPE,
                Map.of("Cache-Control", "no-store, no-cache", "Pragma", "no-cache"));
    }

    /** A refusal: {@code "AADSTS<code>: <description> Trace ID: … Correlation ID: … Timestamp: …"} and the rest. */
    Answer error(int status, String error, int code, String description) {
        String trace = UUID.randomUUID().toString();
        String correlation = UUID.randomUUID().toString();
        String timestamp = ENTRA_TIME.format(Instant.now());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", error);
        out.put("error_description", "AADSTS" + code + ": " + description + " Trace ID: " + trace
                + " Correlation ID: " + correlation + " Timestamp: " + timestamp);
        out.put("error_codes", List.of(code));
        out.put("timestamp", timestamp);
        out.put("trace_id", trace);
        out.put("correlation_id", correlation);
        out.put("error_uri", baseUrl.get() + "/error?code=" + code);
        return new Answer(status, json.writeValueAsBytes(out), Answer.JSON_TYPE, Map.of("Cache-Control", "no-store, no-cache"));
    }

    /** AADSTS900144: a required form parameter is missing. */
    Answer missing(String parameter) {
        return error(400, "invalid_request", 900144,
                "The request body must contain the following parameter: '" + parameter + "'.");
    }

    /** AADSTS7000215: the client secret is wrong. */
    Answer badSecret(String clientId) {
        return error(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in"
                + " the request is the client secret value, not the client secret ID, for a secret added to app '"
                + clientId + "'.");
    }
}
