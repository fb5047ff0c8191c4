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

    /** Both ends of the since/until window are executions the history has, at any size (20,000 rows: 20 of them). */
    @Test
    void theAuditWindowIsWithinTheHistoryAtEverySize() {
        for (int rows : new int[] {1_000, 20_000, 58_000, 59_000, 100_000, 1_000_000}) {
            ConsoleData data = new ConsoleData(rows);
            assertThat(data.windowFrom()).as("%d rows", rows).isBetween(1, data.executions - 1);
            assertThat(data.windowTo()).as("%d rows", rows).isGreaterThan(data.windowFrom())
                    .isLessThanOrEqualTo(data.executions);
            assertThat(data.largeRun()).as("%d rows", rows).isBetween(1, data.executions);
        }
        assertThat(new ConsoleData(58_000).windowTo() - new ConsoleData(58_000).windowFrom()).isEqualTo(29);
        assertThat(new ConsoleData(59_000).windowTo() - new ConsoleData(59_000).windowFrom()).isEqualTo(30);
        assertThat(new ConsoleData(1_000_000).windowTo() - new ConsoleData(1_000_000).windowFrom()).isEqualTo(30);
    }

    /** The deep page is one the window has: the 50th at full size, the last of 20 at 20,000 rows. */
    @Test
    void theDeepPageIsWithinItsWindowAtEverySize() {
        for (int rows : new int[] {1_000, 20_000, 49_999, 50_000, 100_000, 1_000_000}) {
            ConsoleData data = new ConsoleData(rows);
            int pages = (data.deepWindow() + ConsoleData.CONSOLE_PAGE - 1) / ConsoleData.CONSOLE_PAGE;
            assertThat(data.deepPage()).as("%d rows", rows).isBetween(1, Math.max(1, pages));
        }
        assertThat(new ConsoleData(1_000_000).deepPage()).isEqualTo(50);
        assertThat(new ConsoleData(20_000).deepPage()).isEqualTo(20);
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
