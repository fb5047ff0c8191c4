package com.reportresumer.sandbox;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One request the sandbox received, as the {@link RequestJournal} recorded it: what was sent, when it arrived and,
 * once answered, with which status when. The answer is recorded as it starts to be sent (or just before the
 * connection is closed without one), so a client that has its answer always finds its request answered here.
 *
 * @param method        the method as sent
 * @param path          the raw path, as sent (not decoded)
 * @param rawQuery      the raw query string, or null when there was none
 * @param headers       the request headers; names in any case find them
 * @param body          the body as UTF-8 text ({@code ""} when none)
 * @param receivedAt    when the request arrived (wall clock)
 * @param receivedNanos {@link System#nanoTime()} when it arrived, to order and time requests precisely
 * @param status        the status answered; 0 while the call runs, or when the connection was closed without one
 * @param answeredAt    when the answer started (or the connection was closed without one); null while the call runs
 */
public record RecordedRequest(
        String method,
        String path,
        String rawQuery,
        Map<String, List<String>> headers,
        String body,
        Instant receivedAt,
        long receivedNanos,
        int status,
        Instant answeredAt) {

    public RecordedRequest {
        headers = caseInsensitive(headers);
        body = body == null ? "" : body;
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** An unmodifiable copy of {@code headers} in which a name in any case finds its values. */
    private static Map<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    /** The path and, if any, {@code ?} and the query, as sent. */
    public String url() {
        return rawQuery == null ? path : path + "?" + rawQuery;
    }

    /** The first value of this header (name in any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The last segment of the path, as sent: the report id of a resume call. */
    public String lastPathSegment() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Whether the call was answered (or its connection closed without an answer). */
    public boolean answered() {
        return answeredAt != null;
    }
}
