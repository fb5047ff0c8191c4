package com.reportresumer.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.resume.ResumeOutcome;
import com.reportresumer.testsupport.AuditHistory;
import com.reportresumer.testsupport.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail's queries on a trail long enough for the planner to prefer an index where one serves (60,000 rows
 * over seven executions): each key query of the console and the command line reads through an index, never the
 * whole table (by its plan, not by a time); the search's keyset pages cover its window once, in order, whether read
 * forwards or backwards and while rows are appended; and the streamed exports are the list forms, byte for byte.
 */
class AuditAtScaleTest {

    private static final int ROWS = 60_000;

    private static TestDatabases.Database db;
    private static NamedParameterJdbcTemplate jdbc;
    private static AuditTrail trail;

    @BeforeAll
    static void aLongTrail() {
        db = TestDatabases.fresh();
        AuditHistory.append(db, 1, ROWS);
        jdbc = new NamedParameterJdbcTemplate(new DriverManagerDataSource(db.url(), db.user(), db.password()));
        // 30,000 flags, one in 20 still PENDING
        jdbc.getJdbcTemplate().execute("INSERT INTO resume_request (report_id) SELECT DISTINCT report_id "
                + "FROM resume_audit WHERE id % 2 = 0");
        jdbc.getJdbcTemplate().execute("UPDATE resume_request SET status = 'DONE', last_outcome = 'RESUMED' "
                + "WHERE id % 20 <> 0");
        jdbc.getJdbcTemplate().execute("VACUUM ANALYZE");
        trail = new AuditTrail(jdbc);
    }

    private static AuditQuery query(Long run, String report, Set<ResumeOutcome> outcomes, boolean latest, int limit) {
        return new AuditQuery(run, report, outcomes, null, null, limit, latest);
    }

    private static final EnumSet<ResumeOutcome> FAILED = EnumSet.of(ResumeOutcome.FAILED);
    private static final EnumSet<ResumeOutcome> NOT_RESUMED = EnumSet.complementOf(EnumSet.of(ResumeOutcome.RESUMED));

    /** The relations the plan of {@code sql} reads whole (its Seq Scan nodes), and every index it uses. */
    private record Plan(List<String> seqScans, List<String> indexes, String text) {
    }

    private static Plan explain(AuditTrail.Sql sql) {
        return explain(sql.text(), sql.params());
    }

    private static Plan explain(String sql, MapSqlParameterSource params) {
        String json = jdbc.queryForObject("EXPLAIN (FORMAT JSON) " + sql, params, String.class);
        String text = String.join("\n", jdbc.queryForList("EXPLAIN " + sql, params, String.class));
        JsonNode root = JsonMapper.builder().build().readTree(json).get(0).get("Plan");
        List<String> seqScans = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        walk(root, node -> {
            if (node.path("Node Type").asString().equals("Seq Scan")) {
                seqScans.add(node.path("Relation Name").asString());
            }
            if (node.has("Index Name")) {
                indexes.add(node.path("Index Name").asString());
            }
        });
        return new Plan(seqScans, indexes, text);
    }

    private static void walk(JsonNode node, Consumer<JsonNode> visit) {
        visit.accept(node);
        for (JsonNode child : node.path("Plans")) {
            walk(child, visit);
        }
    }

    /** No scan of a whole large table, and one of {@code expected} at least (another may serve as well). */
    private static void assertReadThroughIndexes(String what, Plan plan, String... expected) {
        assertThat(plan.seqScans()).as(what + ": no scan of a whole large table\n" + plan.text())
                .doesNotContain("resume_audit", "resume_request");
        assertThat(plan.indexes()).as(what + "\n" + plan.text()).containsAnyOf(expected);
    }

    @Test
    void theKeyQueriesReadThroughAnIndex() {
        String report = AuditHistory.reportOf(4_242);
        assertReadThroughIndexes("runs (the Runs page)", explain(AuditTrail.runsSql(null, 50)),
                "resume_audit_by_execution_id");
        assertReadThroughIndexes("one run (/runs/ID)", explain(AuditTrail.runsSql(3L, 1)),
                "resume_audit_by_execution_id");
        assertReadThroughIndexes("failure groups", explain(AuditTrail.FAILURE_GROUPS,
                new MapSqlParameterSource("run", 3L).addValue("limit", 50)), "resume_audit_failures_by_execution");
        assertReadThroughIndexes("slowest calls", explain(AuditTrail.SLOWEST,
                new MapSqlParameterSource("run", 3L).addValue("n", 10)), "resume_audit_slowest_by_execution");
        // the planner proves that the outcomes other than RESUMED are failures' when it sees them
        assertReadThroughIndexes("reports not resumed of a run",
                explain(AuditTrail.findSql(query(3L, null, NOT_RESUMED, false, 500))), "resume_audit_by_execution_id",
                "resume_audit_failures_by_execution");
        assertReadThroughIndexes("report history", explain(AuditTrail.findSql(query(null, report, null, false, 1000))),
                "resume_audit_by_normalised_report_prefix");
        Plan prefix = explain(AuditTrail.REPORT_IDS_STARTING_WITH, new MapSqlParameterSource("pattern",
                AuditTrail.prefixPattern(report.substring(0, 34))).addValue("limit", 51));
        assertReadThroughIndexes("report ID prefix, audit rows", prefix, "resume_audit_by_normalised_report_prefix");
        assertReadThroughIndexes("report ID prefix, flags", prefix, "resume_request_by_normalised_report");
        assertReadThroughIndexes("audit, no filter", explain(AuditTrail.findSql(query(null, null, null, false, 1000))),
                "resume_audit_pkey");
        assertReadThroughIndexes("audit, a run", explain(AuditTrail.windowSql(query(5L, null, null, false, 1000),
                null)), "resume_audit_by_execution_id");
        // a sixth of the rows FAILED: walking the newest rows back is as good, unless the index is read alone
        // (which a VACUUM beside another test's open transaction may not allow)
        assertReadThroughIndexes("audit, an outcome", explain(AuditTrail.windowSql(query(null, null, FAILED, false,
                1000), null)), "resume_audit_by_outcome", "resume_audit_pkey");
        assertReadThroughIndexes("audit, latest", explain(AuditTrail.windowSql(query(null, null, null, true, 1000),
                null)), "resume_audit_by_normalised_report_prefix");
        assertReadThroughIndexes("audit, latest FAILED", explain(AuditTrail.findSql(query(null, null, FAILED, true,
                1000))), "resume_audit_by_normalised_report_prefix");
        AuditQuery all = query(null, null, null, false, 50_000);
        AuditTrail.Window window = trail.window(all, null);
        assertReadThroughIndexes("a page deep in the search", explain(AuditTrail.pageSql(all, window,
                window.floor() + 30_000, null, 100)), "resume_audit_pkey");
        assertReadThroughIndexes("a page back", explain(AuditTrail.pageSql(all, window, null,
                window.floor() + 30_000, 100)), "resume_audit_pkey");
    }

    /** The pages of {@code query}, read forwards from the first with its next links' cursors. */
    private static List<List<AuditRow>> forwards(AuditQuery query, AuditTrail.Window window, Runnable afterFirst) {
        List<List<AuditRow>> pages = new ArrayList<>();
        Long after = null;
        while (true) {
            List<AuditRow> rows = trail.page(query, window, after, null, 100);
            List<AuditRow> page = rows.subList(0, Math.min(100, rows.size()));
            if (!page.isEmpty()) {
                pages.add(page);
            }
            if (pages.size() == 1 && afterFirst != null) {
                afterFirst.run();
            }
            if (rows.size() <= 100) {
                return pages;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    private static List<Long> ids(List<AuditRow> rows) {
        return rows.stream().map(AuditRow::id).toList();
    }

    @Test
    void keysetPagesCoverTheWindowOnceInOrderForwardsAndBackwards() {
        for (AuditQuery query : List.of(query(null, null, null, false, 2_345), query(4L, null, null, false, 1_000),
                query(null, null, FAILED, false, 700), query(null, null, NOT_RESUMED, true, 1_500),
                query(null, null, null, false, 100), query(null, AuditHistory.reportOf(9), null, false, 1_000))) {
            List<Long> expected = ids(trail.find(query));
            AuditTrail.Window window = trail.window(query, null);
            assertThat(window.count()).as(query.toString()).isEqualTo(expected.size());
            List<List<AuditRow>> pages = forwards(query, window, null);
            List<Long> read = pages.stream().flatMap(p -> ids(p).stream()).toList();
            assertThat(read).as(query.toString()).isEqualTo(expected);
            for (int i = 0; i < pages.size() - 1; i++) {
                assertThat(pages.get(i)).as("page %d of %s", i + 1, query).hasSize(100);
            }
            assertThat(pages).as(query.toString()).hasSize((expected.size() + 99) / 100);

            // backwards from the last page with the previous links' cursors: the same pages
            List<List<AuditRow>> back = new ArrayList<>();
            Long before = pages.get(pages.size() - 1).get(0).id();
            back.add(pages.get(pages.size() - 1));
            while (true) {
                List<AuditRow> rows = trail.page(query, window, null, before, 100);
                List<AuditRow> page = rows.subList(Math.max(0, rows.size() - 100), rows.size());
                if (page.isEmpty()) {
                    break;
                }
                back.add(0, page);
                if (rows.size() <= 100) {
                    break;
                }
                before = page.get(0).id();
            }
            assertThat(back).as(query.toString()).isEqualTo(pages);
        }
    }

    @Test
    void aSearchsPagesStayPutWhileRowsAreAppended() {
        AuditQuery query = query(null, null, null, false, 1_000);
        AuditTrail.Window window = trail.window(query, null);
        List<Long> expected = ids(trail.find(query));
        // rows appended while the first page is read (runs go on): the window is pinned to its newest row
        List<List<AuditRow>> pages = forwards(query, window, () -> AuditHistory.append(db, ROWS + 1, ROWS + 350));
        assertThat(pages.stream().flatMap(p -> ids(p).stream()).toList()).isEqualTo(expected);
        // the same window asked for again by its top: the same rows; a new search sees the appended ones
        assertThat(trail.window(query, window.top())).isEqualTo(window);
        AuditTrail.Window now = trail.window(query, null);
        assertThat(now.top()).isGreaterThan(window.top());
        assertThat(now.count()).isEqualTo(1_000);
    }

    private static String export(AuditExport format, AuditQuery query) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            format.write(trail, query, out);
        }
        return text.toString();
    }

    private static String listForm(AuditExport format, AuditQuery query) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            List<AuditRow> rows = trail.find(query);
            if (format == AuditExport.CSV) {
                com.reportresumer.text.RowFormats.csv(rows, AuditRow.class, out);
            }
            else {
                com.reportresumer.text.RowFormats.json(rows, out);
            }
        }
        return text.toString();
    }

    @Test
    void theStreamedExportsAreTheListFormsByteForByte() {
        for (AuditQuery query : List.of(query(null, null, null, false, 1_000),
                query(null, null, null, false, ROWS), query(2L, null, NOT_RESUMED, false, 5_000),
                query(null, null, FAILED, true, 3_000), query(null, AuditHistory.reportOf(9), null, false, 1_000),
                query(6L, null, EnumSet.of(ResumeOutcome.FORBIDDEN), false, 1_000),
                new AuditQuery(null, null, null, Instant.parse("2026-11-01T03:00:00Z"),
                        Instant.parse("2026-11-01T05:00:00Z"), 10_000, false))) {
            for (AuditExport format : AuditExport.values()) {
                String streamed = export(format, query);
                assertThat(streamed).as(format + " " + query).isEqualTo(listForm(format, query));
            }
        }
        assertThat(export(AuditExport.JSON, query(6L, null, EnumSet.of(ResumeOutcome.FORBIDDEN), false, 10)))
                .isEqualTo("[ ]" + System.lineSeparator());
        assertThat(export(AuditExport.CSV, query(null, null, null, false, 2)).lines()).hasSize(3)
                .first().asString().startsWith("id,created_at,job_execution_id,");
    }
}
