package com.reportresumer.bench;

import java.util.function.Consumer;

/**
 * Case {@code sweep}: chunk size 10 / 50 / 200 × concurrency 4 / 16 / 64 at 20 ms ± 5 ms. No target: a table to choose
 * the settings from, each run against its ideal N × 20 ms ÷ concurrency.
 */
final class SweepCase {

    static final BenchCase CASE = new BenchCase("sweep", BenchOptions::nSweep, SweepCase::run);

    private static final int[] CHUNKS = {10, 50, 200};
    private static final int[] CONCURRENCIES = {4, 16, 64};

    private SweepCase() {
    }

    static void run(CaseContext context, int n, Consumer<Row> results) throws Exception {
        BenchOptions options = context.options();
        SandboxProcess.Spec spec = SandboxProcess.Spec.of(n, 20, 5, options.seed);
        for (int chunk : CHUNKS) {
            for (int conc : CONCURRENCIES) {
                JobSpec job = new JobSpec(conc, chunk, null, options.appXmx);
                Row row = context.app().run("sweep-k" + chunk + "-c" + conc, spec, job)
                        .toRow("sweep", "chunk " + chunk + " x conc " + conc);
                row.ideal(n * 0.020 / conc);
                results.accept(row);
            }
        }
    }
}
