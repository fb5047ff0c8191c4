package com.reportresumer.partnercenter;

import feign.Request;
import feign.Response;
import feign.slf4j.Slf4jLogger;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feign's wire log (enabled with {@code spring.cloud.openfeign.client.config.<client>.logger-level} and the client's
 * logger at DEBUG) without secrets: the {@code Authorization} header is redacted, and for the token endpoint
 * neither the form (client secret, password) nor the answer (access token) is ever printed.
 */
class RedactingFeignLogger extends Slf4jLogger {

    private final boolean tokenEndpoint;

    RedactingFeignLogger(Class<?> client, boolean tokenEndpoint) {
        super(client);
        this.tokenEndpoint = tokenEndpoint;
    }

    @Override
    protected void logRequest(String configKey, Level logLevel, Request request) {
        Map<String, Collection<String>> headers = new LinkedHashMap<>(request.headers());
        headers.computeIfPresent("Authorization", (name, value) -> List.of("Bearer [redacted]"));
        byte[] body = tokenEndpoint ? null : request.body();
        Request redacted = Request.create(request.httpMethod(), request.url(), headers, body, request.charset(),
                request.requestTemplate());
        super.logRequest(configKey, tokenEndpoint ? cap(logLevel) : logLevel, redacted);
    }

    @Override
    protected Response logAndRebufferResponse(String configKey, Level logLevel, Response response, long elapsedTime)
            throws IOException {
        return super.logAndRebufferResponse(configKey, tokenEndpoint ? cap(logLevel) : logLevel, response,
                elapsedTime);
    }

    private static Level cap(Level level) {
        return level == Level.FULL ? Level.HEADERS : level;
    }
}
