package com.reportresumer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.sandbox.RecordedRequest;
import com.reportresumer.sandbox.ReportStatus;
import com.reportresumer.sandbox.Sandbox;
import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code run --dry-run [--check]}: the plan of the next run, with nothing resumed and nothing written. */
class RunDryRunTest {

    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment()
            .withSandbox(options -> options.reports(20).pausedShare(0.5).inactiveShare(0.25));

    private String paused;
    private String active;
    private String inactive;
    private final String unknown = UUID.randomUUID().toString();

    /** One report in each state the API knows, one it does not, and a malformed ID flagged with plain SQL. */
    private void flagOneOfEach() throws Exception {
        Sandbox sandbox = env.api().sandbox();
        paused = sandbox.reports(ReportStatus.PAUSED).get(0).reportId().toString();
        active = sandbox.reports(ReportStatus.ACTIVE).get(0).reportId().toString();
        inactive = sandbox.reports(ReportStatus.INACTIVE).get(0).reportId().toString();
        env.requests().flag(paused, active, inactive, unknown);
        env.requests().update("INSERT INTO resume_request (report_id) VALUES ('not-a-report')");
    }

    /** Everything a run could change: the requests as they are, the audit, the job's metadata. */
    private Map<String, Object> databaseNow() {
        Requests requests = env.requests();
        Map<String, Object> now = new HashMap<>();
        now.put("requests", requests.query("SELECT * FROM resume_request ORDER BY id"));
        now.put("audit", requests.count("SELECT count(*) FROM resume_audit"));
        now.put("executions", requests.count("SELECT count(*) FROM batch_job_execution"));
        return now;
    }

    @Test
    void theDryRunPrintsThePlanAndTouchesNothing() throws Exception {
        flagOneOfEach();
        Map<String, Object> before = databaseNow();

        CliRun dry = env.cli("run", "--dry-run");

        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        List<String> lines = dry.out().lines().toList();
        assertThat(lines.get(0)).startsWith("REQUEST  REPORT ID");
        assertThat(lines).hasSize(1 + 5 + 2);
        assertThat(lines.get(1)).contains(paused).contains("resume");
        assertThat(lines.get(5)).contains("not-a-report").contains("INVALID_ID");
        assertThat(lines.get(6)).isEqualTo("5 requests PENDING: 4 would be resumed, 1 malformed (INVALID_ID, no call) "
                + "(--check reads their status now)");
        assertThat(lines.get(7)).isEqualTo("Dry run: nothing was resumed or written.");
        assertThat(env.api().sandbox().journal().requests()).as("no call at all without --check").isEmpty();
        assertThat(databaseNow()).isEqualTo(before);
    }

    @Test
    void withCheckEachReportsStatusNowAndTheOutcomeItLeadsTo() throws Exception {
        flagOneOfEach();
        Map<String, Object> before = databaseNow();

        CliRun dry = env.cli("run", "--dry-run", "--check", "--format", "json");

        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        JsonNode rows = JsonMapper.builder().build().readTree(dry.out()); // standard output holds the data alone
        Map<String, String> statusOf = new HashMap<>();
        Map<String, String> expected = new HashMap<>();
        for (JsonNode row : rows) {
            statusOf.put(row.get("report_id").asString(), row.get("report_status").isNull() ? null
                    : row.get("report_status").asString());
            expected.put(row.get("report_id").asString(), row.get("expected_outcome").asString());
        }
        assertThat(statusOf).containsEntry(paused, "Paused").containsEntry(active, "Active")
                .containsEntry(inactive, "Inactive").containsEntry(unknown, "not found")
                .containsEntry("not-a-report", null);
        assertThat(expected).containsEntry(paused, "RESUMED").containsEntry(active, "RESUMED")
                .containsEntry(inactive, "REJECTED").containsEntry(unknown, "NOT_FOUND")
                .containsEntry("not-a-report", "INVALID_ID");
        List<RecordedRequest> calls = env.api().sandbox().journal().requests();
        assertThat(env.api().sandbox().journal().resumeCalls()).as("no resume").isEmpty();
        assertThat(calls).isNotEmpty().allSatisfy(call -> assertThat(call.method()).isIn("GET", "POST"));
        assertThat(databaseNow()).isEqualTo(before);

        CliRun csv = env.cli("run", "--dry-run", "--format", "csv");
        assertThat(csv.out().lines().findFirst().orElse(""))
                .isEqualTo("request_id,report_id,plan,report_status,expected_outcome");
    }

    @Test
    void checkWithoutDryRunIsAMistake() {
        CliRun run = env.cli("run", "--check");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--check goes with --dry-run");
        assertThat(env.api().sandbox().journal().requests()).isEmpty();
    }
}
