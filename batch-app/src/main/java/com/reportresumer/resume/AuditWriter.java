package com.reportresumer.resume;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes a chunk's results in the chunk's transaction: one {@code resume_audit} row per request and the request's
 * new status, each as one statement for the whole chunk. Only the database is touched here: a retried write never
 * calls the API again. Each chunk first checks that the run lock is still held ({@link RunLock#requireHeld()}).
 */
@Component
class AuditWriter implements ItemWriter<ResumeResult> {

    /**
     * The chunk's audit rows in one statement: one array per column, a row per index, inserted in the chunk's order
     * (the audit ids follow it). A JDBC batch would be one statement per row on the server. Each row is stamped when
     * it is written, at the end of the chunk ({@code statement_timestamp()}): the column's default, {@code now()}, is
     * when the chunk's transaction began, before the calls it records were answered.
     */
    private static final String INSERT_AUDIT = """
            INSERT INTO resume_audit (request_id, job_execution_id, report_id, outcome, http_status, api_status_code,
                                      attempts, message, report_status, duration_ms, confirmed_by_read, created_at)
            SELECT r.request_id, ?, r.report_id, r.outcome, r.http_status, r.api_status_code, r.attempts, r.message,
                   r.report_status, r.duration_ms, r.confirmed_by_read, statement_timestamp()
              FROM unnest(?::bigint[], ?::text[], ?::text[], ?::int[], ?::int[], ?::int[], ?::text[], ?::text[],
                          ?::bigint[], ?::boolean[])
                   WITH ORDINALITY AS r(request_id, report_id, outcome, http_status, api_status_code, attempts, message,
                                        report_status, duration_ms, confirmed_by_read, n)
             ORDER BY r.n""";

    /**
     * The chunk's requests' new status in one statement, as {@link #INSERT_AUDIT}. A request joined twice would be
     * updated once: the keyset reader hands out each request once, so a chunk never holds one twice.
     */
    private static final String UPDATE_REQUESTS = """
            UPDATE resume_request q
               SET status = r.status, last_outcome = r.outcome, last_job_execution_id = ?,
                   attempts = q.attempts + r.attempts, updated_at = statement_timestamp()
              FROM unnest(?::bigint[], ?::text[], ?::text[], ?::int[]) AS r(id, status, outcome, attempts)
             WHERE q.id = r.id""";

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
        jdbc.execute((ConnectionCallback<Void>) c -> {
            // the columns both statements send, each made an SQL array once
            Array ids = array(c, "bigint", results, r -> r.request().id());
            Array outcomes = array(c, "text", results, r -> r.outcome().name());
            try (PreparedStatement insert = c.prepareStatement(INSERT_AUDIT)) {
                insert.setLong(1, jobExecutionId);
                insert.setArray(2, ids);
                insert.setArray(3, array(c, "text", results, r -> r.request().reportId()));
                insert.setArray(4, outcomes);
                insert.setArray(5, array(c, "int", results, ResumeResult::httpStatus));
                insert.setArray(6, array(c, "int", results, ResumeResult::apiStatusCode));
                insert.setArray(7, array(c, "int", results, r -> r.attempts() == 0 ? null : r.attempts()));
                insert.setArray(8, array(c, "text", results, ResumeResult::message));
                insert.setArray(9, array(c, "text", results, ResumeResult::reportStatus));
                insert.setArray(10, array(c, "bigint", results, ResumeResult::durationMs));
                insert.setArray(11, array(c, "boolean", results, ResumeResult::confirmedByRead));
                insert.executeUpdate();
            }
            try (PreparedStatement update = c.prepareStatement(UPDATE_REQUESTS)) {
                update.setLong(1, jobExecutionId);
                update.setArray(2, ids);
                update.setArray(3, array(c, "text", results, r -> r.outcome().requestStatus().name()));
                update.setArray(4, outcomes);
                update.setArray(5, array(c, "int", results, ResumeResult::attempts));
                update.executeUpdate();
            }
            return null;
        });
        // the last write of the chunk: the lease is still this owner's, or nothing of the chunk is committed; it also
        // tells the console the pace so far, and this owner whether a stop was asked for
        runLock.requireOwnLeaseInTransaction(jdbc, jobExecutionId, pace.summary());
        results.stream().collect(Collectors.groupingBy(ResumeResult::outcome, Collectors.counting()))
                .forEach((outcome, count) -> metrics.recorded(outcome, count.intValue()));
    }

    /** One column of the chunk as an SQL array of {@code type}, in the chunk's order. */
    private static Array array(Connection connection, String type, List<? extends ResumeResult> results,
            Function<ResumeResult, ?> column) throws SQLException {
        Object[] values = new Object[results.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(results.get(i));
        }
        return connection.createArrayOf(type, values);
    }
}
