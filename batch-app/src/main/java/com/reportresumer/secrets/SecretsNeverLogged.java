package com.reportresumer.secrets;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import com.reportresumer.failure.Causes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;

/**
 * A Logback turbo filter in front of every logger, so that no level, set by any means (root {@code TRACE},
 * {@code LOGGING_LEVEL_*}, {@code --debug}, a client logger turned up while troubleshooting), can print a secret:
 * <ul>
 * <li>Apache HttpClient's wire and header loggers are silenced outright. They dump the token request's form (with
 * the client secret), the token answer and every {@code Authorization} header, in pieces that no pattern could
 * reliably recognise: a secret may be split across two wire lines. Feign's own wire log, redacted by
 * {@code RedactingFeignLogger}, is the way to see the traffic.</li>
 * <li>Any other event that would be logged is formatted first; if it, or its exception's messages, contain a
 * value registered with {@link Secrets}, it is logged with those values replaced (and without the exception's
 * stack, whose text cannot be rewritten).</li>
 * </ul>
 * Spring Boot resets Logback's configuration (and with it the turbo filters) when it initialises logging, so
 * {@link #install()} is called again right after that, by {@link SecretsListener}.
 */
public final class SecretsNeverLogged extends TurboFilter {

    /** Loggers that dump raw HTTP traffic. */
    private static final List<String> WIRE_LOGGERS = List.of("org.apache.hc.client5.http.wire",
            "org.apache.hc.client5.http.headers", "org.apache.http.wire", "org.apache.http.headers");

    private static final String FQCN = Logger.class.getName();

    /**
     * Whether each logger seen is a wire logger: asked on every log call, {@code isDebugEnabled()} included, which
     * HttpClient makes several times per request.
     */
    private static final Map<String, Boolean> WIRE = new ConcurrentHashMap<>();

    /** Adds the filter to Logback's context unless it is there already. */
    public static void install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // not Logback: nothing of ours logs then
        }
        synchronized (context) {
            if (context.getTurboFilterList().stream().noneMatch(SecretsNeverLogged.class::isInstance)) {
                SecretsNeverLogged filter = new SecretsNeverLogged();
                filter.setName("secrets-never-logged");
                filter.setContext(context);
                filter.start();
                context.addTurboFilter(filter);
            }
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        if (isWireLogger(logger.getName())) {
            return FilterReply.DENY;
        }
        if (format == null || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            return FilterReply.NEUTRAL; // an isEnabled check, or an event that is not logged anyway
        }
        FormattingTuple formatted = MessageFormatter.arrayFormat(format, params);
        Throwable throwable = t != null ? t : formatted.getThrowable();
        boolean inMessage = Secrets.appearIn(formatted.getMessage());
        boolean inThrowable = containsSecret(throwable);
        if (!inMessage && !inThrowable) {
            return FilterReply.NEUTRAL;
        }
        String message = Secrets.redact(formatted.getMessage());
        if (inThrowable) {
            message += " [" + throwable.getClass().getName() + ": details withheld, they contained a secret]";
        }
        LoggingEvent redacted = new LoggingEvent(FQCN, logger, level, message, inThrowable ? null : throwable, null);
        if (marker != null) {
            redacted.addMarker(marker);
        }
        logger.callAppenders(redacted);
        return FilterReply.DENY;
    }

    private static boolean isWireLogger(String name) {
        Boolean known = WIRE.get(name); // a plain read first: computeIfAbsent may lock its bin even when the key is there
        return known != null ? known : WIRE.computeIfAbsent(name, SecretsNeverLogged::namesAWireLogger);
    }

    private static boolean namesAWireLogger(String name) {
        for (String wire : WIRE_LOGGERS) {
            if (name.startsWith(wire)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsSecret(Throwable throwable) {
        for (Throwable c : Causes.of(throwable)) {
            if (Secrets.appearIn(c.getMessage()) || Secrets.appearIn(c.toString())) {
                return true;
            }
            for (Throwable suppressed : c.getSuppressed()) {
                if (Secrets.appearIn(suppressed.toString())) {
                    return true;
                }
            }
        }
        return false;
    }
}
