package com.reportresumer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Case {@code ratelimit}: with {@code RESUMER_JOB_RATELIMIT} the sandbox must never count more calls than the limit in
 * one wall-clock second. (How the job finds a quota it is not told of is case {@code quota}, {@link QuotaCase}.)
 */
final class RateLimitCase {

    static final BenchCase CASE = new BenchCase("ratelimit", BenchOptions::nRateLimit, RateLimitCase::run);

    /** Per-second counts shown in full up to this many seconds, otherwise only the first and last five. */
    private static final int PER_SECOND_SHOWN_IN_FULL = 40;

    private RateLimitCase() {
    }

    static void run(CaseContext context, int n, Consumer<Row> results) throws Exception {
        BenchOptions options = context.options();
        int rate = options.rate;
        SandboxProcess.Spec spec = SandboxProcess.Spec.of(n, 0, 0, options.seed);

        JobSpec limited = context.jobSpec(rate, options.appXmx);
        JobRun run = context.app().run("ratelimit-job", spec, limited);
        Row row = run.toRow("ratelimit", "rate-limit " + rate + "/s");
        row.ideal((double) n / rate);
        long max = run.counters().maxResumeCallsPerSecond();
        row.check("busiest second " + max + " calls <= " + rate, max <= rate && Boolean.TRUE.equals(row.pass));
        row.note = "resume calls per wall-clock second (sandbox): "
                + perSecondText(new ArrayList<>(run.counters().resumeCallsPerSecond().values()));
        results.accept(row);
    }

    /** The calls per second in full, or for a long run the first and last five and the number of seconds. */
    static String perSecondText(List<Long> perSecond) {
        if (perSecond.size() <= PER_SECOND_SHOWN_IN_FULL) {
            return perSecond.toString();
        }
        return perSecond.subList(0, 5) + " ... " + perSecond.subList(perSecond.size() - 5, perSecond.size())
                + " (" + perSecond.size() + " seconds)";
    }
}
