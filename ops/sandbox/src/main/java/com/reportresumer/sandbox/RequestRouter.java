package com.reportresumer.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;

/**
 * The server's one handler: records each request in the {@link RequestJournal}, hands it to the admin endpoints,
 * the token endpoint or the API by its path, and writes the answer. The only class that touches the exchange's
 * life cycle, so that every path ends the same way: the journal told how it ended, the exchange closed, and an
 * unexpected error answered 500 rather than a dropped connection.
 */
record RequestRouter(String apiPath, AdminEndpoints admin, TokenEndpoint tokenEndpoint, ScheduledReportApi api,
        Envelopes envelopes, AnswerWriter writer, RequestJournal journal, Lifecycle lifecycle) implements HttpHandler {

    @Override
    public void handle(HttpExchange ex) {
        Instant arrivedAt = Instant.now();
        long arrivedNanos = System.nanoTime();
        RequestJournal.Entry entry = null;
        try {
            byte[] body = ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getRawPath();
            String rawQuery = ex.getRequestURI().getRawQuery();
            entry = journal.record(new RecordedRequest(ex.getRequestMethod(), path, rawQuery, ex.getRequestHeaders(),
                    new String(body, StandardCharsets.UTF_8), arrivedAt, arrivedNanos, 0, null));
            Answer answer = route(ex.getRequestMethod(), path, rawQuery, body, ex.getRequestHeaders().getFirst("Authorization"));
            if (answer != null && answer.answers()) {
                send(ex, entry, answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing: drop the connection
        } catch (Exception e) {
            if (ex.getResponseCode() == -1 && !lifecycle.isClosed()) {
                try {
                    send(ex, entry, envelopes.error(500, "Sandbox error: " + e));
                } catch (IOException ignored) {
                    // the client went away
                } catch (InterruptedException closing) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            if (entry != null) {
                entry.answered(0); // no answer (or already marked): before the close, which the client sees
            }
            ex.close();
        }
    }

    /**
     * Marks the request answered, then writes the answer: in this order so that a client that has its answer always
     * finds the request answered in the journal.
     */
    private void send(HttpExchange ex, RequestJournal.Entry entry, Answer answer) throws IOException, InterruptedException {
        if (entry != null) {
            entry.answered(answer.status());
        }
        writer.write(ex, answer);
    }

    /** The answer for a request, or null when the connection is to be dropped (closing). */
    private Answer route(String sentMethod, String path, String rawQuery, byte[] body, String authorization)
            throws InterruptedException {
        String method = sentMethod.toUpperCase(Locale.ROOT);
        if (path.startsWith("/_sandbox/") || path.equals("/_sandbox")) {
            return admin.answer(method, path, rawQuery);
        }
        Matcher token = TokenEndpoint.TOKEN_PATH.matcher(path);
        if (token.matches()) {
            return tokenEndpoint.answer(method, Forms.decode(token.group(1)), token.group(2) != null, body);
        }
        if (path.equals(apiPath) || path.startsWith(apiPath + "/")) {
            return api.answer(sentMethod, path.substring(apiPath.length()), rawQuery, authorization);
        }
        return envelopes.error(404, "Resource not found: " + method + " " + path);
    }
}
