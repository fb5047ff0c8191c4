package com.reportresumer.bench;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Case {@code memory}: a million PENDING requests, no latency, the app at {@code --memory-xmx} (256m). Passes when the
 * app exits 0 with every request DONE and audited: it shows the job does not hold the queue in memory.
 */
final class MemoryCase {

    static final BenchCase CASE = new BenchCase("memory", BenchOptions::nMemory, MemoryCase::run);

    private MemoryCase() {
    }

    static void run(CaseContext context, int n, Consumer<Row> results) throws Exception {
        BenchOptions options = context.options();
        JobRun run = context.singleJob("memory", n, 0, 0, options.memoryXmx);
        Row row = run.toRow("memory", "job");
        boolean ok = run.process().exitCode() == 0 && run.figures().requests("DONE") == n
                && run.figures().auditRows() == n;
        row.check(String.format(Locale.ROOT, "exit 0, %,d DONE at -Xmx%s", n, options.memoryXmx), ok);
        results.accept(row);
    }
}
