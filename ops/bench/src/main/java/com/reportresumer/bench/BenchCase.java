package com.reportresumer.bench;

import java.util.function.Consumer;

/**
 * One case of the bench (latency, overhead, memory, ratelimit, sweep): the runs it makes and how it judges them.
 * Rows go to {@code results} as each run ends rather than in one list at the end, so that the console shows every
 * run as it finishes and an error later in the case keeps the rows already measured.
 */
interface BenchCase {

    /** The name {@code --case} selects the case by, also the first column of its rows. */
    String name();

    /** Makes the case's runs one after the other, handing each row to {@code results}. */
    void run(CaseContext context, Consumer<Row> results) throws Exception;
}
