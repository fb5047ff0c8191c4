package com.reportresumer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.reportresumer.testsupport.UnitTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link TimeArgument}: {@code --since}/{@code --until} as ISO-8601 (UTC unless an offset is given) or relative. */
@UnitTest
class TimeArgumentTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.ofHours(5)); // the clock's zone plays no part

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "30m | 2026-11-24T11:30:00Z", "24h | 2026-11-23T12:00:00Z", "7d | 2026-11-17T12:00:00Z",
            "90s | 2026-11-24T11:58:30Z", "15min | 2026-11-24T11:45:00Z", "2w | 2026-11-10T12:00:00Z",
            "0m | 2026-11-24T12:00:00Z", "24H | 2026-11-23T12:00:00Z", "24 h | 2026-11-23T12:00:00Z",
            "'  30m  ' | 2026-11-24T11:30:00Z", "999999s | 2026-11-12T22:13:21Z" })
    void aRelativeTimeIsThatLongBeforeNow(String text, String expected) {
        assertThat(TimeArgument.parse("--since", text, CLOCK)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "2026-11-24T02:00:00Z | 2026-11-24T02:00:00Z", "2026-11-24T02:00:00+02:00 | 2026-11-24T00:00:00Z",
            "2026-11-24T02:00:00.250-05:00 | 2026-11-24T07:00:00.250Z", "2026-11-24T02:00:00 | 2026-11-24T02:00:00Z",
            "2026-11-24T02:00 | 2026-11-24T02:00:00Z", "2026-11-24 | 2026-11-24T00:00:00Z",
            "' 2026-11-24 ' | 2026-11-24T00:00:00Z" })
    void anIsoTimeWithoutAnOffsetIsUtc(String text, String expected) {
        assertThat(TimeArgument.parse("--until", text, CLOCK)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "yesterday", "now", "-5m", "5", "m", "5y", "5 minutes", "1.5h", "1234567h",
            "30m ago", "2026-13-01", "2026-11-31", "24/11/2026", "2026-11-24 02:00", "2026-11-24T25:00:00Z",
            "1732406400", "３０m", "30m\u0000" })
    void anythingElseIsAUsageErrorThatShowsTheForms(String text) {
        assertThatThrownBy(() -> TimeArgument.parse("--since", text, CLOCK)).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--since: cannot read '" + text.strip() + "'")
                .hasMessageContaining("use ISO-8601 (2026-11-24T02:00:00Z, 2026-11-24) or a relative time such as "
                        + "30m, 24h, 7d");
    }
}
