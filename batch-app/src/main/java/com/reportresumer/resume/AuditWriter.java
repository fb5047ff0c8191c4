package com.reportresumer.resume;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes a chunk's results in the chunk's transaction: one {@code resume_audit} row per request and the request's
 * new status, each as one JDBC batch. Only the database is touched here: a retried write never calls the API again.
 * Each chunk first checks that the run lock is still held ({@link RunLock#requireHeld()}).
 */
@Component
class AuditWriter implements ItemWriter<ResumeResult> {

    private static final String INSERT_AUDIT = """
            INSERT INTO resume_audit (request_id, job_execution_id, report_id, outcome, http_status, api_status_code,
                                      attempts, message, report_status, duration_ms, confirmed_by_read)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String UPDATE_REQUEST = """
            UPDATE resume_request
               SET status = ?, last_outcome = ?, last_job_execution_id = ?, attempts = attempts + ?, updated_at = now()
             WHERE id = ?""";

    private final JdbcTemplate jdbc;
    private final ResumeMetrics metrics;
    private final RunLock runLock;
    private final JobPace pace;

    AuditWriter(JdbcTemplate jdbc, ResumeMetrics metrics, RunLock runLock, JobPace pace) {
        this.jdbc = jdbc;
        this.runLock = runLock;
        this.pace = pace;
        this.metrics = metrics;
    }

    @Override
    public void write(Chunk<? extends ResumeResult> chunk) {
        runLock.requireHeld(); // nothing is committed once another run may have taken over
        if (chunk.isEmpty()) {
            return;
        }
        long jobExecutionId = StepSynchronizationManager.getContext().getStepExecution().getJobExecutionId();
        List<? extends ResumeResult> results = chunk.getItems();
        jdbc.batchUpdate(INSERT_AUDIT, results, results.size(), (ps, r) -> {
            ps.setLong(1, r.request().id());
            ps.setLong(2, jobExecutionId);
            ps.setString(3, r.request().reportId());
            ps.setString(4, r.outcome().name());
            ps.setObject(5, r.httpStatus());
            ps.setObject(6, r.apiStatusCode());
            ps.setObject(7, r.attempts() == 0 ? null : r.attempts());
            ps.setString(8, r.message());
            ps.setString(9, r.reportStatus());
            ps.setLong(10, r.durationMs());
            ps.setBoolean(11, r.confirmedByRead());
        });
        jdbc.batchUpdate(UPDATE_REQUEST, results, results.size(), (ps, r) -> {
            ps.setString(1, r.outcome().requestStatus().name());
            ps.setString(2, r.outcome().name());
            ps.setLong(3, jobExecutionId);
            ps.setInt(4, r.attempts());
            ps.setLong(5, r.request().id());
        });
        // the last write of the chunk: the lease is still this owner's, or nothing of the chunk is committed; it also
        // tells the console the pace so far, and this owner whether a stop was asked for
        runLock.requireOwnLeaseInTransaction(jdbc, jobExecutionId, pace.summary());
        results.stream().collect(Collectors.groupingBy(ResumeResult::outcome, Collectors.counting()))
                .forEach((outcome, count) -> metrics.recorded(outcome, count.intValue()));
    }
}
