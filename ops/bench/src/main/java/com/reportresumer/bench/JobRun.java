package com.reportresumer.bench;

/**
 * One finished run of the app: how it was set up, its process, what it left in the database and what the sandbox
 * counted. Kept apart from the table row so that a case can judge the raw figures (attempts, calls per second)
 * before it prints anything.
 */
record JobRun(SandboxProcess.Spec spec, JobSpec job, Watched.Result process, JobFigures figures,
        SandboxCounters counters) {

    int n() {
        return spec.reports();
    }

    /** Every request left its PENDING state and got one audit row. */
    boolean complete() {
        return figures.requests("PENDING") == 0 && figures.auditRows() == n();
    }

    /**
     * The run as a table row, {@code pass} when it was {@link #complete()} and the app exited 0; otherwise the note
     * says what the process and the database show.
     */
    Row toRow(String caseName, String run) {
        Row row = new Row(caseName, run, n());
        row.concurrency = job.concurrency();
        row.chunk = job.chunkShown();
        row.latency = spec.latencyText();
        row.wall(figures.wallSeconds(), figures.auditRows());
        row.sandboxCalls(counters);
        row.throttled = counters.responses(429);
        row.measuredProcess(process, job.xmx());
        row.outcomes = figures.outcomesText();
        boolean complete = complete();
        boolean clean = process.exitCode() == 0;
        row.pass = complete && clean;
        if (!complete || !clean) {
            row.note = "exit " + process.exitCode() + ", batch " + figures.batchStatus() + "/" + figures.exitCode()
                    + ", requests " + figures.requests() + ", audit " + row.outcomes + " (see " + process.stderr() + ")";
        }
        return row;
    }
}
