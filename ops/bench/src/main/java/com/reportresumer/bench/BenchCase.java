package com.reportresumer.bench;

import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * One case of the bench, by the name {@code --case} selects it by (also the first column of its rows) (latency,
 * overhead, memory, ratelimit, quota, sweep,
 * startup): its size (the reports of each run: {@code --n-<case>}, or its quick or full
 * default), the runs it makes and how it judges them.
 * Rows go to {@code results} as each run ends rather than in one list at the end, so that the console shows every
 * run as it finishes and an error later in the case keeps the rows already measured.
 */
record BenchCase(String name, ToIntFunction<BenchOptions> size, Runs runs) {

    /** The runs of a case at its size {@code n}, one after the other, each row handed to {@code results}. */
    @FunctionalInterface
    interface Runs {
        void run(CaseContext context, int n, Consumer<Row> results) throws Exception;
    }

    /** Makes the case's runs, at its size for the context's options. */
    void run(CaseContext context, Consumer<Row> results) throws Exception {
        runs.run(context, size.applyAsInt(context.options()), results);
    }
}
