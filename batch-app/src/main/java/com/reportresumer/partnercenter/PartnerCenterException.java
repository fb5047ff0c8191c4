package com.reportresumer.partnercenter;

import com.reportresumer.secrets.Secrets;
import java.time.Duration;

/**
 * What can go wrong with a call to Partner Center, sorted by what the caller should do about it. Messages are
 * one line, bounded in length ({@link Secrets#oneLine}, here for every message, as they quote answers), and
 * never contain a token or a secret: an answer may quote the request's {@code Authorization} header, so every
 * registered secret is redacted before the message is cut to length (a cut could leave part of a token).
 */
public abstract sealed class PartnerCenterException extends RuntimeException {

    private final Integer httpStatus;

    PartnerCenterException(Integer httpStatus, String message, Throwable cause) {
        super(Secrets.oneLine(message), cause, false, false);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status of the answer, or null when there was none (timeout, connection refused). */
    public Integer httpStatus() {
        return httpStatus;
    }

    /** Worth another try later: 5xx, 408, 429, timeouts, I/O errors and unreadable answers. */
    public static final class Transient extends PartnerCenterException {

        private final Duration retryAfter;
        private final boolean answerLost;

        public Transient(Integer httpStatus, String message, Duration retryAfter, Throwable cause) {
            this(httpStatus, message, retryAfter, false, cause);
        }

        /** @param answerLost the request went out and no answer came back (a read timeout, a reset connection) */
        public Transient(Integer httpStatus, String message, Duration retryAfter, boolean answerLost,
                Throwable cause) {
            super(httpStatus, message, cause);
            this.retryAfter = retryAfter;
            this.answerLost = answerLost || httpStatus != null && httpStatus / 100 == 2;
        }

        /** What the server's {@code Retry-After} header asked for, or null. */
        public Duration retryAfter() {
            return retryAfter;
        }

        /**
         * Whether the API may have carried the request out: it went out, and its answer was lost on the way back or
         * could not be read (a 2xx with an unreadable body). Only a read of the report can tell.
         */
        public boolean answerLost() {
            return answerLost;
        }
    }

    /** The API refused this report for good (400, 403, 404 and other 4xx): retrying cannot help. */
    public static final class Permanent extends PartnerCenterException {

        private final Integer apiStatusCode;

        public Permanent(int httpStatus, Integer apiStatusCode, String message) {
            super(httpStatus, message, null);
            this.apiStatusCode = apiStatusCode;
        }

        /** The envelope's {@code StatusCode}, when the error body carried one. */
        public Integer apiStatusCode() {
            return apiStatusCode;
        }
    }

    /** 401: the token was not accepted. The client refreshes once; callers see {@link CredentialsRejected}. */
    public static final class Unauthorized extends PartnerCenterException {

        public Unauthorized(String message) {
            super(401, message, null);
        }
    }

    /**
     * The credentials do not work: the token endpoint refused them, or a fresh token got a 401 too. Nothing more
     * should be sent until someone fixes the configuration.
     */
    public static final class CredentialsRejected extends PartnerCenterException {

        public CredentialsRejected(Integer httpStatus, String message) {
            super(httpStatus, message, null);
        }
    }
}
