package com.reportresumer.resume;

import com.reportresumer.text.UntrustedText;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Report IDs as the API defines them: a UUID in its canonical 8-4-4-4-12 hex form. Surrounding whitespace (a
 * pasted ID) is trimmed; anything else (braces, URNs, other characters, look-alike digits) is invalid. Only a
 * parsed {@link UUID} ever becomes part of a URL.
 */
public final class ReportIds {

    private static final Pattern CANONICAL = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ReportIds() {
    }

    public static Optional<UUID> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String trimmed = raw.strip();
        if (!CANONICAL.matcher(trimmed).matches()) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(trimmed));
    }

    /** A printable, bounded preview of a rejected ID for messages. */
    static String preview(String raw) {
        if (raw == null) {
            return "null";
        }
        String printable = UntrustedText.printable(raw);
        return printable.length() <= 60 ? "'" + printable + "'"
                : "'" + UntrustedText.cut(printable, 60) + "…' (" + raw.length() + " characters)";
    }
}
