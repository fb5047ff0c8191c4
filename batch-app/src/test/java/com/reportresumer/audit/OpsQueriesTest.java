package com.reportresumer.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.Psql;
import com.reportresumer.testsupport.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The query files of {@code ops/sql}, run with psql against a trail whose every row is known: each file runs, and
 * says what its header promises. {@code ops_since} (V8) is the one reading of their {@code since} variable.
 */
class OpsQueriesTest {

    private static final String DOWN = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
    private static final String GONE = "7a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
    private static final String FINE = "11111111-2222-4333-8444-555555555555";
    /** Failed in run 1 (its ID in capitals, as plain SQL may flag it), resumed in run 2: not failing now. */
    private static final String HEALED = "99999999-8888-4777-8666-555555555555";

    private static TestDatabases.Database db;

    @BeforeAll
    static void aTrailOfTwoRuns() throws Exception {
        db = TestDatabases.fresh();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            // run 1, two days ago: DOWN failed twice over, GONE was not found, FINE resumed (slowly)
            st.execute("INSERT INTO resume_audit (job_execution_id, report_id, outcome, http_status, attempts, "
                    + "message, duration_ms, created_at) VALUES "
                    + "(1, '" + DOWN + "', 'FAILED', 503, 4, 'still failing after 4 tries: report " + DOWN
                    + " unavailable', 9000, now() - interval '2 days'), "
                    + "(1, '" + GONE + "', 'NOT_FOUND', 404, 1, 'Report " + GONE + " not found', 40, "
                    + "now() - interval '2 days'), "
                    + "(1, '" + FINE + "', 'RESUMED', 200, 1, 'Report resumed successfully', 12000, "
                    + "now() - interval '2 days'), "
                    // run 2, an hour ago: DOWN failed again, with another report in its message
                    + "(2, '" + DOWN + "', 'FAILED', 503, 4, 'still failing after 4 tries: report " + FINE
                    + " unavailable', 8000, now() - interval '1 hour'), "
                    + "(1, '" + HEALED.toUpperCase() + "', 'FAILED', 502, 4, 'a cause that healed', 300, "
                    + "now() - interval '3 hours'), "
                    + "(2, '" + HEALED + "', 'RESUMED', 200, 1, 'Report resumed successfully', 20, "
                    + "now() - interval '1 hour')");
            st.execute("INSERT INTO resume_request (report_id, requested_by, reason) VALUES ('" + GONE + "', "
                    + "'ops', 'left pending')");
        }
    }

    private static OffsetDateTime since(String text) throws Exception {
        try (Connection c = db.connect(); Statement zone = c.createStatement();
                PreparedStatement s = c.prepareStatement("SELECT ops_since(?)")) {
            zone.execute("SET TIME ZONE 'America/New_York'"); // the session's zone must not matter
            s.setString(1, text);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class);
            }
        }
    }

    @ParameterizedTest(name = "since {0} is {1} s ago")
    @CsvSource({ "30m, 1800", "30min, 1800", "90s, 90", "24h, 86400", "' 7 d ', 604800", "2w, 1209600",
            "7D, 604800" })
    void relativeSinceIsCountedBackFromNow(String text, long seconds) throws Exception {
        Duration ago = Duration.between(since(text), OffsetDateTime.now());
        assertThat(ago.toSeconds()).isBetween(seconds - 5, seconds + 5);
    }

    @Test
    void anAbsoluteSinceWithoutAnOffsetIsUtc() throws Exception {
        assertThat(since("2026-11-24")).isEqualTo(OffsetDateTime.of(2026, 11, 24, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(since("2026-11-24T02:00:00")).isEqualTo(OffsetDateTime.of(2026, 11, 24, 2, 0, 0, 0, ZoneOffset.UTC));
        assertThat(since("2026-11-24T02:00:00+01:00").toInstant())
                .isEqualTo(OffsetDateTime.of(2026, 11, 24, 1, 0, 0, 0, ZoneOffset.UTC).toInstant());
    }

    @Test
    void failuresLastNightGroupsOneCauseOnOneLineWithTheReportIdsMasked() throws Exception {
        Psql.Result lastDay = Psql.run(db, Psql.opsFile("failures-last-night.sql"));
        assertThat(lastDay.exitCode()).as(lastDay.output()).isZero();
        assertThat(lastDay.output()).contains("still failing after 4 tries: report <id> unavailable")
                .doesNotContain("NOT_FOUND"); // two days old
        Psql.Result lastWeek = Psql.run(db, Psql.opsFile("failures-last-night.sql"), "since=7d");
        assertThat(lastWeek.exitCode()).as(lastWeek.output()).isZero();
        assertThat(lastWeek.output()).contains("NOT_FOUND").containsPattern("FAILED\\s*\\|\\s*503.*\\|\\s*2\\s*\\|\\s*1\\s*\\|");
    }

    @Test
    void failuresLastNightTellsWhatIsFailingNowFromWhatHealed() throws Exception {
        Psql.Result result = Psql.run(db, Psql.opsFile("failures-last-night.sql"));
        assertThat(result.exitCode()).as(result.output()).isZero();
        String output = result.output();
        String now = output.substring(output.indexOf("== 1. Failing now"), output.indexOf("== 2. History"));
        String history = output.substring(output.indexOf("== 2. History"));
        assertThat(now).contains("still failing after 4 tries").doesNotContain("a cause that healed");
        assertThat(history).contains("a cause that healed");
        // the healed report, in either spelling, is neither failing now nor one rerun-failed would flag
        assertThat(output.substring(output.indexOf("== 3."))).containsPattern("\\b1\\s*\\|\\s*1\\b");
    }

    @Test
    void slowestCallsOfOneExecutionOrSinceACutOff() throws Exception {
        Psql.Result run1 = Psql.run(db, Psql.opsFile("slowest-calls.sql"), "run=1");
        assertThat(run1.exitCode()).as(run1.output()).isZero();
        assertThat(run1.output()).contains("Slowest requests of execution 1");
        assertThat(run1.output().indexOf(FINE)).as("12 s before 9 s").isLessThan(run1.output().indexOf(DOWN));
        assertThat(run1.output()).containsPattern("\\b4\\s*\\|\\s*300\\s*\\|\\s*12000\\s*\\|\\s*12000\\s*\\|\\s*12000");

        Psql.Result lastDay = Psql.run(db, Psql.opsFile("slowest-calls.sql"), "since=24h");
        assertThat(lastDay.exitCode()).as(lastDay.output()).isZero();
        assertThat(lastDay.output()).contains(DOWN).doesNotContain(GONE).containsPattern("\\b3\\s*\\|\\s*300\\s*\\|\\s*8000");
    }

    @Test
    void everyOtherQueryFileRunsAsTheRunbookShows() throws Exception {
        Psql.Result summary = Psql.run(db, Psql.opsFile("run-summary.sql"));
        assertThat(summary.exitCode()).as(summary.output()).isZero();
        // a column for every outcome, whatever outcomes there are
        for (com.reportresumer.resume.ResumeOutcome outcome : com.reportresumer.resume.ResumeOutcome.values()) {
            assertThat(summary.output()).contains(outcome.column());
        }
        Psql.Result pending = Psql.run(db, Psql.opsFile("flagged-never-processed.sql"), "hours=0");
        assertThat(pending.exitCode()).as(pending.output()).isZero();
        assertThat(pending.output()).contains(GONE, "left pending");
        Psql.Result history = Psql.run(db, Psql.opsFile("report-history.sql"), "report_id=" + DOWN.toUpperCase());
        assertThat(history.exitCode()).as(history.output()).isZero();
        assertThat(history.output()).contains(DOWN, "503", "withdrawn_by");
        Psql.Result noReport = Psql.run(db, Psql.opsFile("report-history.sql"));
        assertThat(noReport.exitCode()).isNotZero();
        assertThat(noReport.output()).contains("give the report with -v report_id=<UUID>");
    }
}
