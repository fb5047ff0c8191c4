package com.reportresumer.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run left in its database: the job's own wall time (BATCH_JOB_EXECUTION start and end), the requests by
 * status, the audit rows by outcome and by number of attempts.
 */
record JobFigures(Long executionId, String batchStatus, String exitCode, double wallSeconds,
        Map<String, Long> requests, Map<String, Long> outcomes, List<Attempts> attempts) {

    /** Audit rows that took {@code attempts} calls, and the shortest of them. */
    record Attempts(int attempts, long rows, long minDurationMs, long sumAttempts) {
    }

    static JobFigures read(Connection c) throws SQLException {
        Long id = null;
        String status = null;
        String exit = null;
        double wall = Double.NaN;
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("""
                    SELECT job_execution_id, status, exit_code, EXTRACT(EPOCH FROM (end_time - start_time))
                      FROM batch_job_execution ORDER BY job_execution_id DESC LIMIT 1""")) {
                if (rs.next()) {
                    id = rs.getLong(1);
                    status = rs.getString(2);
                    exit = rs.getString(3);
                    double w = rs.getDouble(4);
                    wall = rs.wasNull() ? Double.NaN : w;
                }
            }
            Map<String, Long> requests = counts(s, "SELECT status, count(*) FROM resume_request GROUP BY status");
            Map<String, Long> outcomes = counts(s, "SELECT outcome, count(*) FROM resume_audit GROUP BY outcome");
            List<Attempts> attempts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("""
                    SELECT coalesce(attempts, 0), count(*), min(duration_ms), sum(coalesce(attempts, 0))
                      FROM resume_audit GROUP BY 1 ORDER BY 1""")) {
                while (rs.next()) {
                    attempts.add(new Attempts(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
            return new JobFigures(id, status, exit, wall, requests, outcomes, attempts);
        }
    }

    private static Map<String, Long> counts(Statement s, String sql) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    long requests(String status) {
        return requests.getOrDefault(status, 0L);
    }

    long auditRows() {
        return outcomes.values().stream().mapToLong(Long::longValue).sum();
    }

    long callsByAudit() {
        return attempts.stream().mapToLong(Attempts::sumAttempts).sum();
    }

    String outcomesText() {
        StringBuilder sb = new StringBuilder();
        outcomes.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }
}
