package com.reportresumer.sandbox;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes an {@link Answer} to its exchange: whole, or in one of the broken ways a test may script (a dribbled body,
 * a body cut short, no answer at all). Each broken delivery relies on how the JDK server treats an exchange that
 * is closed early: closed before {@code sendResponseHeaders} it closes the connection without a byte; closed with
 * fewer bytes written than the announced {@code Content-Length} it closes the connection too.
 */
final class AnswerWriter {

    private final Lifecycle lifecycle;

    AnswerWriter(Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /**
     * Writes the answer; the caller closes the exchange afterwards (which is what drops the connection of an
     * unanswered or cut exchange).
     */
    void write(HttpExchange ex, Answer a) throws IOException, InterruptedException {
        switch (a.delivery()) {
            case NO_ANSWER:
                return;
            case CUT_SHORT:
                headers(ex, a);
                ex.sendResponseHeaders(a.status(), Math.max(a.body().length, 2));
                OutputStream cut = ex.getResponseBody();
                cut.write(a.body(), 0, a.body().length / 2);
                cut.flush(); // not closed: closing the stream would leave the connection open and waiting
                return;
            case DRIBBLED:
                headers(ex, a);
                ex.sendResponseHeaders(a.status(), 0); // chunked
                dribble(ex.getResponseBody(), a);
                return;
            default:
                headers(ex, a);
                ex.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
                if (a.body().length > 0) {
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(a.body());
                    }
                }
                return;
        }
    }

    private static void headers(HttpExchange ex, Answer a) {
        if (a.contentType() != null) {
            ex.getResponseHeaders().set("Content-Type", a.contentType());
        }
        a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    }

    /** Sends the body in pieces with equal pauses between them; stops (leaving the body unfinished) on closing. */
    private void dribble(OutputStream out, Answer a) throws IOException, InterruptedException {
        byte[] body = a.body();
        int chunks = Math.max(1, Math.min(a.dribble().chunks(), body.length));
        long pause = chunks > 1 ? a.dribble().over().toMillis() / (chunks - 1) : 0;
        for (int i = 0; i < chunks; i++) {
            if (i > 0 && !lifecycle.pause(pause)) {
                return;
            }
            out.write(Arrays.copyOfRange(body, (int) ((long) body.length * i / chunks),
                    (int) ((long) body.length * (i + 1) / chunks)));
            out.flush();
        }
        out.close();
    }
}
