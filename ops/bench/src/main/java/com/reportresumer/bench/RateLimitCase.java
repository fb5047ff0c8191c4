package com.reportresumer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Case {@code ratelimit}: with {@code RESUMER_JOB_RATELIMIT} the sandbox must never count more calls than the limit in
 * one wall-clock second; then the same N without throttling and with 20 % answered 429 + {@code Retry-After: 1}, to
 * show the extra time and, from the audit, that every retried report waited at least (tries − 1) × Retry-After.
 */
final class RateLimitCase {

    static final BenchCase CASE = new BenchCase("ratelimit", BenchOptions::nRateLimit, RateLimitCase::run);

    /** The throttled sandbox: share of calls answered 429, and the Retry-After it sends (seconds). */
    private static final double THROTTLE_RATE = 0.2;
    private static final int RETRY_AFTER_SECONDS = 1;

    /** Per-second counts shown in full up to this many seconds, otherwise only the first and last five. */
    private static final int PER_SECOND_SHOWN_IN_FULL = 40;

    /** What the audit says about the retried reports: whether each waited its Retry-After, and the waits as text. */
    record RetryWaits(boolean honoured, String text) {

        static RetryWaits of(List<JobFigures.Attempts> attempts, long retryAfterMs) {
            boolean honoured = true;
            StringBuilder waits = new StringBuilder();
            for (JobFigures.Attempts a : attempts) {
                if (a.attempts() >= 2) {
                    honoured &= a.minDurationMs() >= (a.attempts() - 1) * retryAfterMs;
                    waits.append(waits.length() == 0 ? "" : ", ").append(a.rows()).append(" reports took ")
                            .append(a.attempts()).append(" calls, shortest ").append(a.minDurationMs()).append(" ms");
                }
            }
            return new RetryWaits(honoured, waits.toString());
        }
    }

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

        JobSpec unlimited = context.jobSpec(null, options.appXmx);
        Row baseRow = context.app().run("throttle-none", spec, unlimited).toRow("ratelimit", "no throttling");
        results.accept(baseRow);

        SandboxProcess.Spec throttled = spec.throttled(THROTTLE_RATE, RETRY_AFTER_SECONDS);
        JobRun thr = context.app().run("throttle-" + THROTTLE_RATE, throttled, unlimited);
        results.accept(throttlingRow(thr, baseRow, options.concurrency));
    }

    /** The throttled run against the unthrottled one: its 429s, its extra time, the waits the audit shows. */
    private static Row throttlingRow(JobRun thr, Row baseRow, int concurrency) {
        Row thrRow = thr.toRow("ratelimit", "throttle " + THROTTLE_RATE + ", Retry-After " + RETRY_AFTER_SECONDS);
        long http429 = thr.counters().responses(429);
        thrRow.throttled = http429;
        double extra = thrRow.wallSeconds - baseRow.wallSeconds;
        double expected = http429 * (double) RETRY_AFTER_SECONDS / concurrency;
        RetryWaits waits = RetryWaits.of(thr.figures().attempts(), RETRY_AFTER_SECONDS * 1000L);
        boolean callsMatch = thr.counters().resumeCalls() == thr.figures().callsByAudit();
        thrRow.check(String.format(Locale.ROOT, "%d x 429, +%.1f s vs no throttling (429s x 1 s / conc = %.1f s);"
                        + " every retry waited >= Retry-After", http429, extra, expected),
                waits.honoured() && callsMatch && thr.process().exitCode() != 1);
        thrRow.note = "sandbox resume calls " + thr.counters().resumeCalls() + " = attempts in the audit "
                + thr.figures().callsByAudit() + (callsMatch ? "" : " (MISMATCH)") + "; " + waits.text()
                + "; outcomes " + thr.figures().outcomesText()
                + (thr.figures().outcomes().containsKey("FAILED") ? " (FAILED = throttled on all 4 tries)" : "");
        return thrRow;
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
