package com.reportresumer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The size of the console case's history, and how its figures are summed up. */
class ConsoleCaseTest {

    @Test
    void atFullSizeTheHistoryIsAMillionAuditRowsOverAThousandExecutions() {
        ConsoleData full = new ConsoleData(BenchOptions.parse(new String[] {"--case", "console"}).nConsole());
        assertThat(full.auditRows).isEqualTo(1_000_000);
        assertThat(full.executions).isEqualTo(1_000);
        assertThat(full.pending).isEqualTo(20_000);
        // the large run is among the 50 the Runs page lists
        assertThat(full.largeRun()).isGreaterThan(full.executions - 50);
        assertThat(full.largeRunRows()).isEqualTo(100_000);

        ConsoleData quick = new ConsoleData(BenchOptions.parse(new String[] {"--case", "console", "--quick"})
                .nConsole());
        assertThat(quick.auditRows).isEqualTo(100_000);
        assertThat(quick.executions).isEqualTo(100);
    }

    @Test
    void theConsoleCaseIsAskedForNotRunByDefault() {
        assertThat(BenchCases.selectedBy(BenchOptions.parse(new String[0]))).doesNotContain(ConsoleCase.CASE);
        assertThat(BenchCases.selectedBy(BenchOptions.parse(new String[] {"--case", "console"})))
                .containsExactly(ConsoleCase.CASE);
    }

    @Test
    void theMedianOfAnOddOrEvenNumberOfFetches() {
        assertThat(ConsoleCase.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(ConsoleCase.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }
}
