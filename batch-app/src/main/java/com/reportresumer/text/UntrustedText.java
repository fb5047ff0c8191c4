package com.reportresumer.text;

import java.util.regex.Pattern;

/**
 * The one filter for text from outside (API answers, report IDs typed by anyone who may flag, exception messages)
 * on its way into the audit, a log line or a terminal. Such text may carry characters that a terminal or an
 * editor acts on instead of showing: C0 and C1 controls (an 8-bit CSI, U+009B, starts an escape sequence as ESC [
 * does; NEL, U+0085, breaks the line), format characters (bidi overrides and isolates U+202A–U+202E and
 * U+2066–U+2069 reorder what is shown, zero-width ones hide), line and paragraph separators (U+2028, U+2029) and
 * lone surrogates. None of them survives either method.
 */
public final class UntrustedText {

    /** Longest message kept from an answer or an error. */
    public static final int MAX_MESSAGE = 500;

    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}]");
    private static final Pattern UNSAFE_RUN = Pattern.compile(UNSAFE.pattern() + "+");

    private UntrustedText() {
    }

    /** A message: one line, each run of unsafe characters one space, at most {@link #MAX_MESSAGE} characters. */
    public static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        // most text is clean: one pass over it instead of the pattern's replacement (an answer's message per call)
        String clean = (isSafe(text) ? text : UNSAFE_RUN.matcher(text).replaceAll(" ")).strip();
        return clean.length() <= MAX_MESSAGE ? clean : cut(clean, MAX_MESSAGE - 1) + "…";
    }

    /** Whether no code point of {@code text} is one that {@link #UNSAFE} matches. */
    private static boolean isSafe(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            switch (Character.getType(c)) {
                case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                        Character.SURROGATE:
                    return false;
                default:
                    i += Character.charCount(c);
            }
        }
        return true;
    }

    /** The first {@code length} characters of {@code text}, one fewer where the cut would split a surrogate pair. */
    public static String cut(String text, int length) {
        if (text.length() <= length) {
            return text;
        }
        int end = length > 0 && Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
        return text.substring(0, end);
    }

    /**
     * A value shown as it is, such as a report ID in a table: each unsafe character becomes {@code ?}, so that
     * something was there stays visible; the length is kept (callers fit it to their column).
     */
    public static String printable(String text) {
        return text == null || isSafe(text) ? text : UNSAFE.matcher(text).replaceAll("?");
    }
}
