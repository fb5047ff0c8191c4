package com.reportresumer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.UnitTest;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link TerminalWidth}: what {@code COLUMNS} says, read defensively; no terminal, no width. */
@UnitTest
class TerminalWidthTest {

    @ParameterizedTest(name = "COLUMNS={0} → {1}")
    @CsvSource({ "200, 200", "' 132 ', 132", "40, 40", "39, -1", "0, -1", "-5, -1", "wide, -1", "'', -1" })
    void columns(String value, int expected) {
        assertThat(TerminalWidth.columns(value)).isEqualTo(expected < 0 ? OptionalInt.empty() : OptionalInt.of(expected));
    }

    @Test
    void theTestsOutputIsNoTerminalSoNothingIsCut() {
        // surefire's standard output is a pipe: as for a script, the width is empty whatever COLUMNS says
        assertThat(TerminalWidth.ofStandardOutput(Map.of("COLUMNS", "80"))).isEmpty();
    }
}
