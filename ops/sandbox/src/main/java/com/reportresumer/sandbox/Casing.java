package com.reportresumer.sandbox;

/**
 * Spelling of the JSON field names. Microsoft's reference pages show {@link #PASCAL} ({@code Value}, {@code ReportStatus});
 * its worked examples show {@link #CAMEL} ({@code value}, {@code reportStatus}) plus {@code nextLink} and {@code dataRedacted}.
 */
public enum Casing {
    PASCAL,
    CAMEL;

    /** Parses {@code pascal} / {@code camel} (any case). */
    public static Casing parse(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "pascal", "pascalcase" -> PASCAL;
            case "camel", "camelcase" -> CAMEL;
            default -> throw new IllegalArgumentException("casing must be pascal or camel, not '" + text + "'");
        };
    }
}
