package com.reportresumer.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Every case the bench knows, and the ones {@code --case} selects, in the order given there. The names are those of
 * {@link BenchOptions#ALL_CASES}, which the command line is checked against.
 */
final class BenchCases {

    static final List<BenchCase> ALL = List.of(LatencyCase.CASE, OverheadCase.CASE, MemoryCase.CASE,
            RateLimitCase.CASE, QuotaCase.CASE, SweepCase.CASE, StartupCase.CASE, ConsoleCase.CASE);

    private BenchCases() {
    }

    /** The cases of {@code options.cases}, in that order. */
    static List<BenchCase> selectedBy(BenchOptions options) {
        List<BenchCase> selected = new ArrayList<>();
        for (String name : options.cases) {
            selected.add(ALL.stream().filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no bench case named '" + name + "'")));
        }
        return selected;
    }
}
