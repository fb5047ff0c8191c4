package com.reportresumer.bench;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Case {@code overhead}: no latency, so the job's own cost per report. The same N is run by the hand-written Java
 * reference (job/reference at least 0.80) and a sample by the plain curl + psql loop (the job
 * at least 50 times faster).
 */
final class OverheadCase {

    static final BenchCase CASE = new BenchCase("overhead", BenchOptions::nOverhead, OverheadCase::run);

    /** Keyset page of the Java reference, shown in its chunk column. */
    static final int REFERENCE_PAGE = 500;

    private OverheadCase() {
    }

    static void run(CaseContext context, int n, Consumer<Row> results) throws Exception {
        BenchOptions options = context.options();
        JobRun job = context.singleJob("overhead", n, 0, 0, options.appXmx);
        Row jobRow = job.toRow("overhead", "job");
        // both processes' CPU and their compilers' share: on two cores the job's JIT is CPU its callers do not get
        jobRow.addNote(jobRow.cpuText());
        results.accept(jobRow);

        Row ref = context.reference().run(job.spec(), options.concurrency, REFERENCE_PAGE);
        double refRatio = jobRow.reportsPerSecond / ref.reportsPerSecond;
        context.target(ref, String.format(Locale.ROOT, "job/reference %.3f >= 0.80", refRatio), refRatio >= 0.80,
                Boolean.TRUE.equals(jobRow.pass));
        ref.addNote(ref.cpuText());
        results.accept(ref);

        Row plain = context.plainLoop().run(options.plainSample(), n);
        if (!Double.isNaN(plain.reportsPerSecond)) {
            double plainRatio = jobRow.reportsPerSecond / plain.reportsPerSecond;
            context.target(plain, String.format(Locale.ROOT, "job/plain %.0fx >= 50x", plainRatio), plainRatio >= 50,
                    plain.exitCode != null && plain.exitCode == 0);
        }
        results.accept(plain);
    }
}
