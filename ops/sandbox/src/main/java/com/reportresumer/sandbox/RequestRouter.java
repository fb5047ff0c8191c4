package com.reportresumer.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;

/**
 * The server's one handler: hands each request to the admin endpoints, the token endpoint or the API by its path,
 * and writes the answer. The only class that touches the exchange's life cycle, so that every path ends the same
 * way: the exchange closed, and an unexpected error answered 500 rather than a dropped connection.
 */
final class RequestRouter implements HttpHandler {

    private final String apiPath;
    private final AdminEndpoints admin;
    private final TokenEndpoint tokenEndpoint;
    private final ScheduledReportApi api;
    private final Envelopes envelopes;
    private final AnswerWriter writer;
    private final Lifecycle lifecycle;

    RequestRouter(String apiPath, AdminEndpoints admin, TokenEndpoint tokenEndpoint, ScheduledReportApi api,
            Envelopes envelopes, AnswerWriter writer, Lifecycle lifecycle) {
        this.apiPath = apiPath;
        this.admin = admin;
        this.tokenEndpoint = tokenEndpoint;
        this.api = api;
        this.envelopes = envelopes;
        this.writer = writer;
        this.lifecycle = lifecycle;
    }

    @Override
    public void handle(HttpExchange ex) {
        try {
            byte[] body = ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getRawPath();
            String rawQuery = ex.getRequestURI().getRawQuery();
            Answer answer = route(ex.getRequestMethod(), path, rawQuery, body, ex.getRequestHeaders().getFirst("Authorization"));
            if (answer != null) {
                writer.write(ex, answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing: drop the connection
        } catch (Exception e) {
            if (ex.getResponseCode() == -1 && !lifecycle.isClosed()) {
                try {
                    writer.write(ex, envelopes.error(500, "Sandbox error: " + e));
                } catch (IOException | InterruptedException ignored) {
                    // the client went away, or the sandbox is closing
                }
            }
        } finally {
            ex.close();
        }
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
