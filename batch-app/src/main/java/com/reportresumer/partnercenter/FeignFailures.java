package com.reportresumer.partnercenter;

import com.reportresumer.failure.Causes;
import feign.FeignException;
import feign.RetryableException;
import feign.codec.DecodeException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.function.Supplier;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * The one translation of Feign's exceptions into {@link PartnerCenterException}, for the API and the token
 * endpoint alike. Our error decoder and envelope decoders already throw a {@code PartnerCenterException} for every
 * answer they understand; what reaches here is the rest, and all of it is worth another try: an I/O failure
 * (refused, reset, read timeout), an answer no decoder could read, or a Feign failure with no answer at all.
 * Messages name an I/O failure's root cause, and only the type of any other Feign failure: Feign's own message quotes
 * the request.
 */
final class FeignFailures {

    private FeignFailures() {
    }

    /**
     * Makes {@code call}, with every Feign failure translated. {@code endpoint} names the other side in messages
     * ("the token endpoint"); empty for the API, whose messages end up in the audit trail as they are.
     */
    static <T> T translated(String endpoint, Supplier<T> call) {
        try {
            return call.get();
        }
        catch (DecodeException e) {
            if (e.getCause() instanceof PartnerCenterException understood) {
                throw understood;
            }
            throw new PartnerCenterException.Transient(e.status(),
                    prefixed(endpoint, "HTTP " + e.status() + " with an unreadable answer"), null, null);
        }
        catch (RetryableException e) {
            throw new PartnerCenterException.Transient(null,
                    endpoint.isEmpty() ? rootMessage(e) : endpoint + " could not be reached: " + rootMessage(e),
                    null, !neverSent(e), null);
        }
        catch (FeignException e) {
            throw new PartnerCenterException.Transient(e.status() > 0 ? e.status() : null,
                    prefixed(endpoint, "the call failed: " + e.getClass().getSimpleName()), null, null);
        }
    }

    private static String prefixed(String endpoint, String message) {
        return endpoint.isEmpty() ? message : endpoint + ": " + message;
    }

    /**
     * Whether an I/O failure happened before the request could go out: no connection (refused, no route, a timeout
     * while connecting) or no address. Anything else (a read timeout, a reset, a connection closed without an answer)
     * may have happened after the server received the request.
     */
    static boolean neverSent(Throwable e) {
        for (Throwable t : Causes.of(e)) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause's type and message: what actually went wrong, without Feign's wrapping. */
    static String rootMessage(Throwable e) {
        Throwable root = Causes.root(e);
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
