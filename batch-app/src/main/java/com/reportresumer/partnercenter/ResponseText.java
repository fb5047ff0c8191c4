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
import java.util.Optional;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import tools.jackson.databind.JsonNode;

/** Reads answers defensively: bounded bodies, one-line messages ({@link UntrustedText#oneLine}). */
final class ResponseText {

    /** Error bodies are only skimmed for a message. */
    private static final int MAX_ERROR_BODY = 64 * 1024;
    /**
     * A resume answer or a token is a few kB. With {@code concurrency} calls in flight, each body held whole while
     * it is parsed, anything beyond this is refused rather than read.
     */
    static final int MAX_ANSWER_BODY = 1024 * 1024;
    /** A page of the report listing holds many reports, and is read one at a time: bounded all the same. */
    static final int MAX_LISTING_PAGE = 16 * 1024 * 1024;

    private ResponseText() {
    }

    /** An error body as bytes, at most 64 KiB of it (the rest is ignored); empty when there is none. */
    static byte[] body(Response response) throws IOException {
        if (response.body() == null) {
            return new byte[0];
        }
        try (InputStream in = response.body().asInputStream()) {
            return in.readNBytes(MAX_ERROR_BODY);
        }
    }

    /**
     * An answer's body as bytes (zero of them when it has none), or nothing when it is larger than {@code limit}
     * bytes: such a body is never read beyond the limit (with a {@code Content-Length} above it, not at all), and
     * its connection is dropped rather than drained.
     */
    static Optional<byte[]> answer(Response response, int limit) throws IOException {
        if (response.body() == null) {
            return Optional.of(new byte[0]);
        }
        Integer length = response.body().length();
        try (InputStream in = response.body().asInputStream()) {
            byte[] body = length != null && length > limit ? null : in.readNBytes(limit + 1);
            if (body == null || body.length > limit) {
                if (in instanceof EofSensorInputStream connection) {
                    connection.abort();
                }
                return Optional.empty();
            }
            return Optional.of(body);
        }
    }

    /**
     * {@link #answer}, or a transient failure saying that the answer was larger than {@code limit} ({@code who},
     * e.g. "the token endpoint answered", starts the message when it is not empty).
     */
    static byte[] boundedAnswer(Response response, int limit, String who) throws IOException {
        return answer(response, limit).orElseThrow(() -> new PartnerCenterException.Transient(response.status(),
                (who.isEmpty() ? "" : who + " ") + "HTTP " + response.status() + " with an unreadable answer: "
                        + "larger than " + size(limit), null, null));
    }

    /** A limit of {@link #answer} for messages, such as "1 MiB". */
    private static String size(int limit) {
        return limit % (1024 * 1024) == 0 ? limit / (1024 * 1024) + " MiB" : limit / 1024 + " KiB";
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
