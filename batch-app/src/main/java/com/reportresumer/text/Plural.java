package com.reportresumer.text;

/** A count and what it counts, as a sentence says it: {@code 1 row}, {@code 2 rows}. */
public final class Plural {

    private Plural() {
    }

    /** {@code n} and {@code thing}, with an {@code s} unless there is one (English nouns of this application only). */
    public static String of(long n, String thing) {
        return n + " " + thing + (n == 1 ? "" : "s");
    }
}
