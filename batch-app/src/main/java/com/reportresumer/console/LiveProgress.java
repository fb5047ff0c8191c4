package com.reportresumer.console;

import com.reportresumer.audit.AuditTrail;
import com.reportresumer.audit.RunRow;
import com.reportresumer.resume.JobPace;
import com.reportresumer.resume.RunProgress;
import java.util.List;
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


    /** Reports per second since the execution started; 0 before its first chunk. */
    public double rate() {
        return run.durationMs() == null || run.durationMs() <= 0 ? 0 : done() * 1000.0 / run.durationMs();
    }

    /** Done, rate and ETA as {@code run} logs them ({@link RunProgress#line}). */
    public String line() {
        return RunProgress.line(done(), total(), rate());
    }

    /** How much the API throttled the run so far; null while nothing was answered 429. */
    public String throttled() {
        return lease.filter(l -> l.throttledAnswers() != null && l.throttledAnswers() > 0)
                .map(l -> JobPace.Summary.throttledShare(l.throttledAnswers(), l.answers())).orElse(null);
    }

    /** Who asked for a stop, and when (UTC); null when nobody did. */
    public String stopRequested() {
        return lease.filter(l -> l.stopRequestedBy() != null).map(l -> "stop requested by " + l.stopRequestedBy()
                + " at " + ConsoleController.SHOW.time(l.stopRequestedAt()) + " UTC: it stops after its calls in "
                + "flight").orElse(null);
    }
}
