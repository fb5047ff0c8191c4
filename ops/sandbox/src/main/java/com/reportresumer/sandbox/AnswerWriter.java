package com.reportresumer.sandbox;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes an {@link Answer} to its exchange: content type, headers, status and body ({@code -1} as the length of an
 * empty body, so that the JDK server sends {@code Content-Length: 0} instead of switching to chunked encoding).
 */
final class AnswerWriter {

    /**
     * Writes the answer; the caller closes the exchange afterwards.
     *
     * @return the status sent
     */
    int write(HttpExchange ex, Answer a) throws IOException {
        if (a.contentType() != null) {
            ex.getResponseHeaders().set("Content-Type", a.contentType());
        }
        a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
        if (a.body().length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(a.body());
            }
        }
        return a.status();
    }
}
