package com.reportresumer.flag;

import com.reportresumer.audit.AuditTrail;
import com.reportresumer.resume.ResumeRuns;
import com.reportresumer.resume.RunReport;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.springframework.stereotype.Component;

/**
 * {@code rerun-failed}, for the command line and the console alike: flags again the reports whose latest outcome is
 * {@code FAILED} (only those of one execution, when given; never one whose flag was withdrawn since), then runs the
 * job under the run lock, like {@code run}. With nothing to flag again, no execution starts.
 */
@Component
public class RerunFailed {

    private final AuditTrail trail;
    private final ResumeRuns runs;

    RerunFailed(AuditTrail trail, ResumeRuns runs) {
        this.trail = trail;
        this.runs = runs;
    }

    /**
     * Flags again, tells {@code flagged} how many, and runs when there were some: the run's report, or empty when
     * nothing was flagged (no execution started).
     *
     * @throws ResumeRuns.AlreadyRunningException when another execution holds the run lock (the flags stay
     *         {@code PENDING} for the next run)
     */
    public Optional<RunReport> rerun(Long runId, IntConsumer flagged) {
        int n = trail.reflagFailed(runId);
        flagged.accept(n);
        return n == 0 ? Optional.empty() : Optional.of(runs.run());
    }
}
