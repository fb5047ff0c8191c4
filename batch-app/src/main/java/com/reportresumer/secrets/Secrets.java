package com.reportresumer.secrets;

import com.reportresumer.text.UntrustedText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secret values this process knows of, in every form they could be printed in (as is, form-encoded as in a
 * token request, JSON-escaped as in a token answer). Process-wide because loggers are: a value registered once is
 * never printed by any logger afterwards.
 */
public final class Secrets {

    /** Below this length a "secret" is too short to redact without mangling ordinary text (and no real one is). */
    static final int MIN_LENGTH = 4;

    static final String REDACTED = "[redacted]";

    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();

    private Secrets() {
    }

    /** Registers {@code value} (null or blank is ignored) so that no log line will ever contain it. */
    public static void register(String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        for (String form : List.of(value, value.strip(), URLEncoder.encode(value, StandardCharsets.UTF_8),
                value.replace("\\", "\\\\").replace("/", "\\/").replace("\"", "\\\""))) {
            if (form.length() >= MIN_LENGTH) {
                VALUES.add(form);
            }
        }
    }

    /** Whether {@code text} contains a registered secret. */
    public static boolean appearIn(CharSequence text) {
        if (text == null || VALUES.isEmpty()) {
            return false;
        }
        String s = text.toString();
        for (String secret : VALUES) {
            if (s.contains(secret)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Text from outside as one line ({@link UntrustedText#oneLine}), every registered secret redacted first: a cut
     * to length made before would leave the start of a secret that straddles it.
     */
    public static String oneLine(String text) {
        return UntrustedText.oneLine(redact(text));
    }

    /** {@code text} with every registered secret replaced by {@value #REDACTED}, longest first. */
    public static String redact(String text) {
        if (!appearIn(text)) {
            return text; // most text holds none: no sorting and no copy for it (an answer's message per call)
        }
        String result = text;
        for (String secret : VALUES.stream().sorted((a, b) -> b.length() - a.length()).toList()) {
            result = result.replace(secret, REDACTED);
        }
        return result;
    }
}
