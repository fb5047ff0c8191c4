package com.reportresumer.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code --since}/{@code --until}: ISO-8601 (UTC when no offset is given) or relative, like {@code 24h}. */
public final class TimeArgument {

    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,6})\\s*(s|m|min|h|d|w)");

    private TimeArgument() {
    }

    public static Instant parse(String option, String text, Clock clock) {
        String value = text.strip();
        Matcher relative = RELATIVE.matcher(value.toLowerCase());
        if (relative.matches()) {
            long n = Long.parseLong(relative.group(1));
            Duration ago = switch (relative.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m", "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return clock.instant().minus(ago);
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        }
        catch (DateTimeParseException notWithOffset) {
            // try the forms without an offset
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        }
        catch (DateTimeParseException notLocal) {
            // try a plain date
        }
        try {
            return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        catch (DateTimeParseException unreadable) {
            throw new UsageException(option + ": cannot read '" + value + "': use ISO-8601 (2026-11-24T02:00:00Z, "
                    + "2026-11-24) or a relative time such as 30m, 24h, 7d");
        }
    }
}
