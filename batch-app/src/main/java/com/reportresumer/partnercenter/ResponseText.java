package com.reportresumer.partnercenter;

import com.reportresumer.text.UntrustedText;
import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import tools.jackson.databind.JsonNode;

/** Reads answers defensively: bounded bodies, one-line messages ({@link UntrustedText#oneLine}). */
public final class ResponseText {

    /** Error bodies are only skimmed for a message. */
    private static final int MAX_ERROR_BODY = 64 * 1024;
    /** A report listing of a large tenant can be big; anything beyond this is not a plausible answer. */
    static final int MAX_ANSWER_BODY = 64 * 1024 * 1024;

    private ResponseText() {
    }

    /** An error body as bytes, at most 64 KiB of it; empty when there is none. */
    static byte[] body(Response response) throws IOException {
        return body(response, MAX_ERROR_BODY);
    }

    /** The body as bytes, at most {@code limit} of them; empty when there is none. */
    static byte[] body(Response response, int limit) throws IOException {
        if (response.body() == null) {
            return new byte[0];
        }
        try (InputStream in = response.body().asInputStream()) {
            return in.readNBytes(limit);
        }
    }

    /**
     * What an error body says: the envelope's Message, an Entra error description, or the start of the text.
     */
    static String errorMessage(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode json = PartnerCenterJson.MAPPER.readTree(body);
            for (String field : new String[] { "Message", "message", "error_description", "error" }) {
                JsonNode node = json.get(field);
                if (node != null && node.isString()) {
                    return UntrustedText.oneLine(node.asString());
                }
            }
        }
        catch (RuntimeException notJson) {
            // fall through: not JSON, keep the start of the text
        }
        return UntrustedText.oneLine(new String(body, StandardCharsets.UTF_8));
    }

    /** A {@code Retry-After} header, in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(Response response) {
        Collection<String> values = response.headers().entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase("Retry-After"))
                .map(e -> e.getValue())
                .findFirst()
                .orElse(null);
        if (values == null || values.isEmpty()) {
            return null;
        }
        String value = values.iterator().next().strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        }
        catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            }
            catch (RuntimeException unreadable) {
                return null;
            }
        }
    }
}
