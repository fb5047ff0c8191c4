package com.reportresumer.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code a=1&b=2} text, the shape of both a token request's form body and an API call's query string. One
 * lenient decoder for both, so that a malformed escape never turns into a 500: it is kept as sent.
 */
final class Forms {

    private Forms() {
    }

    /** Parses {@code a=1&b=2}; keys are lower-cased, values URL-decoded, the first of repeated keys wins. */
    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(k, v);
        }
        return out;
    }

    /** URL-decodes; text that is not validly escaped is returned unchanged. */
    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** Null for null or blank text, the trimmed text otherwise. */
    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
