package com.reportresumer.console;

import com.reportresumer.audit.AuditTrail;
import com.reportresumer.audit.RunRow;
import com.reportresumer.text.Durations;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A running execution as the console shows it live, from the database alone (so from any process, not only the
 * one that runs it): done of total (its audit rows so far, and those plus what is still {@code PENDING}), the rate
 * since it started, the time left at that rate, how much the API throttled it (what its owner last wrote on its
 * lease) and a stop asked for. The progress line of {@code run}, for a browser.
 */
record LiveProgress(RunRow run, Optional<AuditTrail.Lease> lease) {

    /** The running executions among {@code runs}, each with its lease when it has one. */
    static List<LiveProgress> of(List<RunRow> runs, List<AuditTrail.Lease> leases) {
        return runs.stream().filter(RunRow::running).map(r -> new LiveProgress(r, leases.stream()
                .filter(l -> l.jobExecutionId() == r.jobExecutionId()).findFirst())).toList();
    }

    public long done() {
        return run.total();
    }

    public long total() {
        return run.total() + (run.pendingNow() == null ? 0 : run.pendingNow());
    }

    public int percent() {
        return total() == 0 ? 100 : (int) (done() * 100 / total());
    }

    /** Reports per second since the execution started; 0 before its first chunk. */
    public double rate() {
        return run.durationMs() == null || run.durationMs() <= 0 ? 0 : done() * 1000.0 / run.durationMs();
    }

    /** The time left at {@link #rate()}: "unknown" before the first chunk. */
    public String eta() {
        double rate = rate();
        return rate <= 0 ? "unknown" : Durations.elapsed((long) Math.ceil((total() - done()) / rate * 1000));
    }

    /** Done, rate and ETA as {@code run} logs them. */
    public String line() {
        return String.format(Locale.ROOT, "%d/%d (%d%%), %.1f reports/s, ETA %s", done(), total(), percent(), rate(),
                eta());
    }

    /** How much the API throttled the run so far; null while nothing was answered 429. */
    public String throttled() {
        return lease.filter(l -> l.throttledAnswers() != null && l.throttledAnswers() > 0)
                .map(l -> String.format(Locale.ROOT, "throttled: %d of %d answers 429 (%.1f%%)", l.throttledAnswers(),
                        l.answers(), 100.0 * l.throttledAnswers() / Math.max(1, l.answers()))).orElse(null);
    }

    /** Who asked for a stop, and when (UTC); null when nobody did. */
    public String stopRequested() {
        return lease.filter(l -> l.stopRequestedBy() != null).map(l -> "stop requested by " + l.stopRequestedBy()
                + " at " + ConsoleController.SHOW.time(l.stopRequestedAt()) + " UTC: it stops after its calls in "
                + "flight").orElse(null);
    }
}
