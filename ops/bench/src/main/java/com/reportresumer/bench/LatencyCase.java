package com.reportresumer.bench;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Case {@code latency}: the sandbox answers in 50 ms ± 10 ms, so the job is bound by latency and the best possible
 * run takes N × 50 ms ÷ concurrency. Target: the job reaches at least 0.90 of that ideal.
 */
final class LatencyCase {

    static final BenchCase CASE = new BenchCase("latency", BenchOptions::nLatency, LatencyCase::run);

    private LatencyCase() {
    }

    static void run(CaseContext context, int n, Consumer<Row> results) throws Exception {
        BenchOptions options = context.options();
        Row row = context.singleJob("latency", n, 50, 10, options.appXmx).toRow("latency", "job");
        row.ideal(n * 0.050 / options.concurrency);
        context.target(row, String.format(Locale.ROOT, "x ideal %.3f >= 0.90", row.ratioToIdeal),
                row.ratioToIdeal >= 0.90, Boolean.TRUE.equals(row.pass));
        row.addNote(row.cpuText()); // at real latency, what the run costs in CPU rather than in time
        results.accept(row);
    }
}
