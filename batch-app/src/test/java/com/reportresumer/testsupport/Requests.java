package com.reportresumer.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/** Plain-SQL access to a test database, as ops staff would use it. */
public final class Requests {

    private final TestDatabases.Database db;

    public Requests(TestDatabases.Database db) {
        this.db = db;
    }

    /** Flags {@code n} new random report IDs; returns them. */
    public String[] flagRandom(int n) {
        String[] ids = IntStream.range(0, n).mapToObj(i -> UUID.randomUUID().toString()).toArray(String[]::new);
        flag(ids);
        return ids;
    }

    /** Flags report IDs the way ops do: {@code INSERT INTO resume_request(report_id) VALUES (...)}. */
    public void flag(String... reportIds) {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("INSERT INTO resume_request(report_id) VALUES (?)")) {
            for (String id : reportIds) {
                ps.setString(1, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Map<String, Object>> query(String sql, Object... params) {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits up to a minute for {@code sql}'s count to reach {@code atLeast}; fails the test if it does not. */
    public void awaitCount(String sql, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (count(sql) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + sql + " >= " + atLeast);
            }
            Thread.sleep(50);
        }
    }

    public long count(String sql, Object... params) {
        return ((Number) query(sql, params).get(0).values().iterator().next()).longValue();
    }

    public int update(String sql, Object... params) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    /** The latest audit row of each report, by report ID. */
    public Map<String, Map<String, Object>> latestAudit() {
        Map<String, Map<String, Object>> byReport = new LinkedHashMap<>();
        for (Map<String, Object> row : query("SELECT * FROM audit_latest")) {
            byReport.put((String) row.get("report_id"), row);
        }
        return byReport;
    }

    /**
     * The guarantee of the README (Reliability): every request is PENDING with no audit row of a finished execution, or has
     * exactly one audit row per execution that processed it, and its status agrees with its latest row. A request
     * withdrawn before any run took it is WITHDRAWN with no audit row.
     */
    public void assertConsistent() {
        long duplicates = count("""
                SELECT count(*) FROM (SELECT request_id, job_execution_id FROM resume_audit
                                      GROUP BY request_id, job_execution_id HAVING count(*) > 1) d""");
        if (duplicates > 0) {
            throw new AssertionError(duplicates + " requests have more than one audit row in one execution");
        }
        long disagreeing = count("""
                SELECT count(*) FROM resume_request r
                  JOIN LATERAL (SELECT outcome, job_execution_id FROM resume_audit a WHERE a.request_id = r.id
                                ORDER BY a.id DESC LIMIT 1) last ON true
                 WHERE r.status = 'PENDING'
                    OR r.last_outcome IS DISTINCT FROM last.outcome
                    OR r.status <> CASE WHEN last.outcome = 'FAILED' THEN 'FAILED' ELSE 'DONE' END""");
        if (disagreeing > 0) {
            throw new AssertionError(disagreeing + " requests disagree with their latest audit row");
        }
        long unaudited = count("SELECT count(*) FROM resume_request r WHERE r.status NOT IN ('PENDING', 'WITHDRAWN') "
                + "AND NOT EXISTS (SELECT 1 FROM resume_audit a WHERE a.request_id = r.id)");
        if (unaudited > 0) {
            throw new AssertionError(unaudited + " requests are finished without an audit row");
        }
    }
}
