package com.reportresumer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which case classes {@code --case} selects, and in which order. */
class BenchCasesTest {

    private static List<String> names(List<BenchCase> cases) {
        return cases.stream().map(BenchCase::name).toList();
    }

    @Test
    void everyNameTheCommandLineAcceptsHasItsCaseClass() {
        assertThat(names(BenchCases.ALL)).containsExactlyElementsOf(BenchOptions.ALL_CASES);
    }

    @Test
    void theDefaultSelectionLeavesTheLongMemoryCaseOut() {
        List<BenchCase> selected = BenchCases.selectedBy(BenchOptions.parse(new String[0]));
        assertThat(names(selected)).containsExactly("latency", "overhead", "ratelimit", "quota", "sweep", "startup");
        assertThat(selected.get(2)).isSameAs(RateLimitCase.CASE);
        assertThat(selected.get(3)).isSameAs(QuotaCase.CASE);
    }

    @Test
    void casesRunInTheOrderOfTheCommandLine() {
        BenchOptions o = BenchOptions.parse(new String[] {"--case", "sweep,memory,latency"});
        assertThat(BenchCases.selectedBy(o)).containsExactly(SweepCase.CASE, MemoryCase.CASE, LatencyCase.CASE);
    }

    @Test
    void anUnknownNameIsRefused() {
        BenchOptions o = BenchOptions.parse(new String[0]);
        o.cases = new LinkedHashSet<>(List.of("latency", "nosuchcase"));
        assertThatThrownBy(() -> BenchCases.selectedBy(o)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nosuchcase");
    }
}
