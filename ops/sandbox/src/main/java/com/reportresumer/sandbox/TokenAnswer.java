package com.reportresumer.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * An answer a test scripts for a token request with {@link SandboxScript#answerTokenRequests}: a token issued without
 * checking the request, a refusal, a raw answer, or the sandbox's usual checks. A scripted answer is given to any
 * request to either token endpoint, whatever its method, tenant or form; the request itself is in the
 * {@link RequestJournal} for the test to check.
 *
 * <p>An issued token is shaped by the endpoint asked: v1 ({@code …/oauth2/token}) answers numbers as strings and
 * names the resource, v2.0 answers numbers and the scope, as Entra ID does.
 */
public sealed interface TokenAnswer {

    /** The sandbox's own handling: the form is checked against the options, a fresh token is issued. */
    record AsUsual() implements TokenAnswer {
    }

    /**
     * A token issued whatever the request said.
     *
     * @param accessToken       the token; null: a fresh random one for every request
     * @param expiresInSeconds  the {@code expires_in} answered
     * @param acceptedByApiFor  how long the API accepts the token; null: {@code expiresInSeconds};
     *                          {@code Duration.ZERO}: never (a token the API refuses with 401)
     */
    record Issue(String accessToken, long expiresInSeconds, Duration acceptedByApiFor) implements TokenAnswer {
        public Issue {
            if (accessToken != null && accessToken.isBlank()) {
                throw new IllegalArgumentException("accessToken must not be blank");
            }
            if (expiresInSeconds < 0) {
                throw new IllegalArgumentException("expiresInSeconds must be >= 0");
            }
            if (acceptedByApiFor != null && acceptedByApiFor.isNegative()) {
                throw new IllegalArgumentException("acceptedByApiFor must not be negative");
            }
        }

        /** This token, accepted by the API for another duration than its {@code expires_in}. */
        public Issue acceptedByApiFor(Duration duration) {
            return new Issue(accessToken, expiresInSeconds, Objects.requireNonNull(duration, "duration"));
        }

        /** How long the API accepts the token. */
        Duration apiAcceptance() {
            return acceptedByApiFor != null ? acceptedByApiFor : Duration.ofSeconds(expiresInSeconds);
        }
    }

    /**
     * An Entra-shaped refusal: {@code error}, {@code error_description} starting {@code AADSTS<code>:},
     * {@code error_codes}, trace and correlation ids, as the sandbox's own refusals.
     */
    record Refusal(int status, String error, int aadstsCode, String description) implements TokenAnswer {
        public Refusal {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("status must be 100..599, not " + status);
            }
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(description, "description");
        }
    }

    /** This status and body exactly, e.g. a proxy's text page; {@code contentType} null: none. */
    record Raw(int status, String contentType, String body) implements TokenAnswer {
        public Raw {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("status must be 100..599, not " + status);
            }
            body = body == null ? "" : body;
        }
    }

    /** The usual checks and a fresh token, e.g. after scripted refusals. */
    static TokenAnswer asUsual() {
        return new AsUsual();
    }

    /** This token with this {@code expires_in}, e.g. {@code token("eyJ0-TOKEN", 3599)}. */
    static Issue token(String accessToken, long expiresInSeconds) {
        return new Issue(Objects.requireNonNull(accessToken, "accessToken"), expiresInSeconds, null);
    }

    /** A token of its own for every request (so that the calls of several clients can be told apart). */
    static Issue distinctTokens(long expiresInSeconds) {
        return new Issue(null, expiresInSeconds, null);
    }

    /** A refusal such as {@code refusal(401, "invalid_client", 7000215, "Invalid client secret provided.")}. */
    static Refusal refusal(int status, String error, int aadstsCode, String description) {
        return new Refusal(status, error, aadstsCode, description);
    }

    /** This status, content type and body, exactly. */
    static Raw raw(int status, String contentType, String body) {
        return new Raw(status, contentType, body);
    }
}
