package com.reportresumer.flag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.ResumerEnvironment;
import com.reportresumer.testsupport.TestDatabases;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A report is {@code PENDING} at most once whatever the case of its ID or the whitespace around it, as the job
 * itself reads it ({@code ReportIds}): the database decides on the normalised ID, for the command and for plain
 * SQL alike, so a report is never called twice in one run.
 */
class NormalisedReportIdTest {

    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment().withApi(api -> api.resumesEverything(0));

    @Test
    void spellingsOfOneIdArePendingOnceAndCalledOnce() throws Exception {
        Requests requests = env.requests();
        String id = UUID.randomUUID().toString();
        String upper = id.toUpperCase();
        requests.flag(" " + upper + "\t"); // typed by hand, pasted with its surroundings

        // while it is pending, plain SQL cannot flag it again in any spelling
        for (String variant : List.of(upper, id, " " + id, id + "\n", "\u3000" + upper)) {
            assertThat(catchThrowable(() -> requests.flag(variant))).as("'%s'", variant)
                    .hasMessageContaining("resume_request_one_pending_per_report");
        }
        CliRun flagged = env.cli("flag", " " + id, upper, id);
        assertThat(flagged.exitCode()).as(flagged.toString()).isZero();
        assertThat(flagged.out()).contains("0 added, 3 already pending, 0 malformed");
        assertThat(requests.count("SELECT count(*) FROM resume_request WHERE status = 'PENDING'")).isEqualTo(1);

        CliRun run = env.cli("run");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(env.api().callsPerReport()).isEqualTo(Map.of(id, 1L));

        // audit --report finds the row whatever the spelling on either side
        CliRun audit = env.cli("audit", "--report", upper + " ", "--format", "json");
        JsonNode rows = JsonMapper.builder().build().readTree(audit.out());
        assertThat(rows.size()).as(audit.toString()).isEqualTo(1);
        assertThat(rows.get(0).get("report_id").asString()).isEqualTo(" " + upper + "\t");
        assertThat(rows.get(0).get("outcome").asString()).isEqualTo("RESUMED");

        // once processed, the report may be flagged again, in any spelling
        requests.flag(upper);
        assertThat(requests.count("SELECT count(*) FROM resume_request WHERE status = 'PENDING'")).isEqualTo(1);
    }

    @Test
    void theMigrationKeepsTheOldestOfPendingDuplicatesAndMarksTheOthersDone() throws Exception {
        TestDatabases.Database db = TestDatabases.empty();
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("classpath:db/migration")
                .target("4").load().migrate();
        Requests requests = new Requests(db);
        String id = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        requests.update("""
                INSERT INTO resume_request (report_id, status, requested_at, reason) VALUES
                    (?, 'PENDING', now() - interval '2 hours', 'second'),
                    (?, 'PENDING', now() - interval '3 hours', 'first'),
                    (?, 'PENDING', now() - interval '1 hour', NULL),
                    (?, 'DONE', now() - interval '5 hours', 'long ago'),
                    (?, 'PENDING', now(), 'alone')""", id.toUpperCase(), " " + id + "\t", id, id, other);

        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("classpath:db/migration")
                .load().migrate();

        List<Map<String, Object>> rows = requests.query(
                "SELECT id, report_id, status, reason FROM resume_request ORDER BY id");
        long firstId = (Long) rows.get(1).get("id");
        assertThat(rows).extracting(r -> r.get("status"))
                .containsExactly("DONE", "PENDING", "DONE", "DONE", "PENDING");
        assertThat(rows.get(1).get("reason")).isEqualTo("first");
        assertThat(rows.get(0).get("reason")).isEqualTo("second; duplicate of request " + firstId
                + ", merged by migration V5");
        assertThat(rows.get(2).get("reason")).isEqualTo("duplicate of request " + firstId
                + ", merged by migration V5");
        assertThat(rows.get(3).get("reason")).isEqualTo("long ago");
        assertThat(rows.get(4).get("reason")).isEqualTo("alone");
    }
}
