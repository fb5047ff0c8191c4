package com.reportresumer.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Case {@code quota}: the sandbox has a quota the job is not told of ({@code --max-calls-per-second}, 100 by default)
 * and answers 429 beyond it, once with {@code Retry-After: 1} and once with no Retry-After at all; 3,000 reports at
 * 30 ms, concurrency 32, no {@code rate-limit}: 32 calls in flight at 30 ms would be ~1,000 calls/s, ten times the
 * quota, so the job has to find the pace from the 429s alone. The best possible run takes N ÷ quota. Targets: every
 * report {@code RESUMED} and exit 0, the job within 1/0.85 of N ÷ quota (x ideal ≥ 0.85), at most 10 % of the API
 * calls answered 429.
 */
final class QuotaCase {

    static final BenchCase CASE = new BenchCase("quota", BenchOptions::nQuota, QuotaCase::run);

    /** The least share of the ideal (N ÷ quota) the job must reach: it takes at most ideal ÷ this. */
    static final double MIN_RATIO_TO_IDEAL = 0.85;
    /** The largest share of the API calls that may be answered 429. */
    static final double MAX_THROTTLED_SHARE = 0.10;

    private static final Pattern THROTTLED_LINE = Pattern.compile("^The API throttled the run: (.*?)\\.?$",
            Pattern.MULTILINE);

    private QuotaCase() {
    }

    static void run(CaseContext context, int n, Consumer<Row> results) throws Exception {
        BenchOptions options = context.options();
        int quota = options.quota;
        SandboxProcess.Spec base = SandboxProcess.Spec.of(n, options.quotaLatencyMs, 0, options.seed);
        JobSpec job = new JobSpec(options.quotaConcurrency, options.chunk, null, options.appXmx);
        for (boolean retryAfter : new boolean[] {true, false}) {
            String name = "quota-" + quota + (retryAfter ? "-retry-after" : "-no-retry-after");
            JobRun run = context.app().run(name, base.withQuota(quota, retryAfter), job);
            Row row = run.toRow("quota", "quota " + quota + "/s, " + (retryAfter ? "Retry-After: 1" : "no Retry-After"));
            judge(row, quota, run.counters().responses(429), run.counters().totalCalls(), options.quick);
            String summary = throttledLine(read(run.process().stdout()));
            boolean callsMatch = run.counters().resumeCalls() == run.figures().callsByAudit();
            row.addNote("job's summary: "
                    + (summary == null ? "no throttling line" : "'" + summary + "'") + "; sandbox resume calls "
                    + run.counters().resumeCalls() + (callsMatch ? " = " : " (MISMATCH) ") + "calls in the audit "
                    + run.figures().callsByAudit() + " (429s included); resume calls per wall-clock second, 429s"
                    + " included: " + RateLimitCase.perSecondText(
                            new ArrayList<>(run.counters().resumeCallsPerSecond().values())));
            results.accept(row);
        }
    }

    /**
     * The verdict on one run: the ideal N ÷ quota, and whether the job took at most ideal ÷ {@link #MIN_RATIO_TO_IDEAL}
     * with at most {@link #MAX_THROTTLED_SHARE} of the API {@code calls} answered 429 ({@code http429}; both as the
     * sandbox counted them), given that the run itself was correct (every report RESUMED, exit 0: {@code row.pass}).
     */
    static void judge(Row row, int quota, long http429, long calls, boolean quickSize) {
        row.ideal((double) row.n / quota);
        double share = calls == 0 ? 0 : (double) http429 / calls;
        boolean fastEnough = row.ratioToIdeal >= MIN_RATIO_TO_IDEAL;
        boolean fewThrottled = share <= MAX_THROTTLED_SHARE;
        String text = String.format(Locale.ROOT, "job %.2f s <= %.2f s (N/quota / %.2f); %,d x 429 = %.1f%% of %,d"
                        + " calls <= %.0f%%", row.wallSeconds, row.idealSeconds / MIN_RATIO_TO_IDEAL,
                MIN_RATIO_TO_IDEAL, http429, 100 * share, calls, 100 * MAX_THROTTLED_SHARE);
        PerformanceTarget.judge(row, text, fastEnough && fewThrottled, Boolean.TRUE.equals(row.pass), quickSize);
    }

    /** What the job's summary says after "The API throttled the run: ", or null when it has no such line. */
    static String throttledLine(String stdout) {
        Matcher m = THROTTLED_LINE.matcher(stdout);
        return m.find() ? m.group(1).strip() : null;
    }

    private static String read(Path file) {
        try {
            return file == null ? "" : Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
