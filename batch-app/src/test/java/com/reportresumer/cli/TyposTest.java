package com.reportresumer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.UnitTest;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Typos}: the closest command or option to a mistyped one, or none when nothing is close. */
@UnitTest
class TyposTest {

    private static final List<String> COMMANDS = List.of("run", "restart", "rerun-failed", "flag", "audit", "runs",
            "schedule", "migrate");
    private static final List<String> AUDIT_OPTIONS = List.of("--run", "--report", "--outcome", "--since", "--until",
            "--limit", "--format", "--help", "--version");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({ "rnus, runs", "audti, audit", "falg, flag", "restrat, restart", "rerun-faild, rerun-failed",
            "shedule, schedule", "migarte, migrate", "rn, run", "xyzzy, ", "delete, " })
    void commands(String typed, String expected) {
        assertThat(Typos.closest(typed, COMMANDS).orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({ "--lmit, --limit", "--outcom, --outcome", "--sicne, --since", "--formta, --format",
            "--verbose, ", "-x, " })
    void options(String typed, String expected) {
        assertThat(Typos.closest(typed, AUDIT_OPTIONS).orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({ "runs, runs, 0", "rnus, runs, 1", "run, runs, 1", "audit, adit, 1", "ab, ba, 1", "abc, cab, 2",
            "'', abc, 3" })
    void distance(String a, String b, int expected) {
        assertThat(Typos.distance(a, b)).isEqualTo(expected);
        assertThat(Typos.distance(b, a)).isEqualTo(expected);
    }
}
