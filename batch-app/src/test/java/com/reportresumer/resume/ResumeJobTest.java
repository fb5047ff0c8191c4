package com.reportresumer.resume;

import static com.reportresumer.testsupport.FakePartnerCenter.okJson;
import static com.reportresumer.testsupport.FakePartnerCenter.resumed;
import static com.reportresumer.testsupport.FakePartnerCenter.status;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.FakePartnerCenter;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code run} command end to end: real PostgreSQL, a real HTTP server playing Partner Center. */
class ResumeJobTest {

    private FakePartnerCenter api;
    private TestDatabases.Database db;
    private Requests requests;

    @BeforeEach
    void setUp() {
        api = new FakePartnerCenter().issuesTokens();
        db = TestDatabases.fresh();
        requests = new Requests(db);
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private CliRun run(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(db.springArgs()));
        args.addAll(List.of(api.springArgs()));
        args.addAll(List.of("--resumer.job.max-attempts=3", "--resumer.job.backoff.initial=20ms",
                "--resumer.job.backoff.max=200ms", "--resumer.partner-center.read-timeout=700ms"));
        args.addAll(List.of(extra));
        return CliRun.of(CliRun.line(args.get(0), args.subList(1, args.size())));
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }

    @Test
    void everyOutcomeOfTheContractEndsWithItsStatusAuditRowAndExitCode3() {
        api.resumesEverything(0);
        List<String> fine = IntStream.range(0, 20).mapToObj(i -> uuid()).toList();
        UUID rejected = UUID.randomUUID(), forbidden = UUID.randomUUID(), missing = UUID.randomUUID();
        UUID flaky = UUID.randomUUID(), down = UUID.randomUUID(), throttled = UUID.randomUUID();
        UUID garbage = UUID.randomUUID(), hangs = UUID.randomUUID(), reset = UUID.randomUUID();
        UUID camel = UUID.randomUUID(), inactive = UUID.randomUUID();
        String padded = uuid();
        api.answers(rejected, status(400, "Report is Inactive"))
                .answers(forbidden, status(403, "Caller lacks the insights role"))
                .answers(missing, status(404, "Report not found"))
                .answersFirst(flaky, 2, status(500, "Internal error"), resumed(flaky))
                .answers(down, status(503, "Service unavailable"))
                .answersFirst(throttled, 1, status(429, "Too many requests").withHeader("Retry-After", "1"),
                        resumed(throttled))
                .answers(garbage, aResponse().withStatus(200).withBody("<html>502 Bad Gateway</html>"))
                .answers(hangs, resumed(hangs).withFixedDelay(3_000))
                .answers(reset, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .answers(camel, okJson("""
                        {"value":[{"reportId":"%s","reportStatus":"Active","extra":1}],"totalCount":1,
                         "message":"ok","statusCode":200,"nextLink":null,"dataRedacted":false}""".formatted(camel)))
                .answers(inactive, okJson("{\"Value\":[],\"TotalCount\":0,\"Message\":\"nothing\"}"));
        requests.flag(fine.toArray(String[]::new));
        requests.flag(rejected.toString(), forbidden.toString(), missing.toString(), flaky.toString(),
                down.toString(), throttled.toString(), garbage.toString(), hangs.toString(), reset.toString(),
                camel.toString(), inactive.toString(), "not-a-uuid", "{" + uuid() + "}", "", "  " + padded);

        CliRun result = run("run", "--resumer.job.concurrency=4", "--resumer.job.chunk-size=7");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        Map<String, Map<String, Object>> audit = requests.latestAudit();
        for (String id : fine) {
            assertThat(audit.get(id)).containsEntry("outcome", "RESUMED").containsEntry("http_status", 200)
                    .containsEntry("api_status_code", 200).containsEntry("report_status", "Active")
                    .containsEntry("attempts", 1).containsEntry("message", "Report resumed successfully");
        }
        assertThat(audit.get(rejected.toString())).containsEntry("outcome", "REJECTED")
                .containsEntry("http_status", 400).containsEntry("api_status_code", 400)
                .containsEntry("message", "Report is Inactive").containsEntry("attempts", 1);
        assertThat(audit.get(forbidden.toString())).containsEntry("outcome", "FORBIDDEN")
                .containsEntry("http_status", 403);
        assertThat(audit.get(missing.toString())).containsEntry("outcome", "NOT_FOUND")
                .containsEntry("http_status", 404);
        assertThat(audit.get(flaky.toString())).containsEntry("outcome", "RESUMED").containsEntry("attempts", 3);
        assertThat(audit.get(down.toString())).containsEntry("outcome", "FAILED").containsEntry("http_status", 503)
                .containsEntry("attempts", 3);
        assertThat((String) audit.get(down.toString()).get("message")).contains("after 3 tries")
                .contains("Service unavailable");
        assertThat(audit.get(throttled.toString())).containsEntry("outcome", "RESUMED").containsEntry("attempts", 2);
        assertThat((Long) audit.get(throttled.toString()).get("duration_ms")).isGreaterThanOrEqualTo(200L);
        assertThat(audit.get(garbage.toString())).containsEntry("outcome", "FAILED").containsEntry("attempts", 3);
        assertThat((String) audit.get(garbage.toString()).get("message")).contains("unreadable");
        assertThat(audit.get(hangs.toString())).containsEntry("outcome", "FAILED").containsEntry("attempts", 3);
        assertThat(audit.get(reset.toString())).containsEntry("outcome", "FAILED");
        assertThat(audit.get(camel.toString())).containsEntry("outcome", "RESUMED")
                .containsEntry("report_status", "Active").containsEntry("message", "ok");
        assertThat(audit.get(inactive.toString())).containsEntry("outcome", "RESUMED")
                .containsEntry("report_status", null);
        assertThat(requests.count("SELECT count(*) FROM resume_audit WHERE outcome = 'INVALID_ID' "
                + "AND attempts IS NULL AND http_status IS NULL")).isEqualTo(3);
        // whitespace around a valid ID is trimmed: it is resumed like the others
        assertThat(requests.count("SELECT count(*) FROM resume_audit WHERE report_id = ? AND outcome = 'RESUMED'",
                "  " + padded)).isEqualTo(1);

        Map<String, Long> calls = api.callsPerReport();
        assertThat(calls.get(fine.get(1))).isEqualTo(1);
        assertThat(calls.get(padded)).isEqualTo(1);
        assertThat(calls.get(rejected.toString())).isEqualTo(1);
        assertThat(calls.get(down.toString())).isEqualTo(3);
        assertThat(calls.get(flaky.toString())).isEqualTo(3);
        assertThat(api.resumeCalls()).allSatisfy(r -> assertThat(r.getUrl())
                .matches(FakePartnerCenter.RESUME.replace("/", "\\/") + "[0-9a-f-]{36}"));
        assertThat(api.resumeCalls()).allSatisfy(r -> {
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + FakePartnerCenter.TOKEN);
            assertThat(r.getHeader("Content-Type")).startsWith("application/json");
        });
        assertThat(api.tokenRequests()).isEqualTo(1);

        assertThat(requests.count("SELECT count(*) FROM resume_request WHERE status = 'PENDING'")).isZero();
        assertThat(requests.count("SELECT count(*) FROM resume_request WHERE status = 'FAILED'")).isEqualTo(4);
        assertThat(requests.count("SELECT count(*) FROM resume_request WHERE id IN "
                + "(SELECT request_id FROM resume_audit WHERE report_id = ?) AND attempts = 3", down.toString()))
                .isEqualTo(1);
        requests.assertConsistent();
        assertThat(result.out()).contains("RESUMED", "FAILED", "INVALID_ID").contains("audit --run");
        assertThat(result.out() + result.err()).doesNotContain(FakePartnerCenter.CLIENT_SECRET)
                .doesNotContain(FakePartnerCenter.TOKEN);
    }

    @Test
    void aRunWhereEverythingIsResumedExitsZeroAndTheNextRunFindsNothingToDo() {
        api.resumesEverything(0);
        requests.flag(uuid(), uuid(), uuid());

        CliRun first = run("run");
        CliRun second = run("run");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("3 requests processed");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("0 requests processed");
        assertThat(api.resumeCalls()).hasSize(3);
        assertThat(requests.count("SELECT count(DISTINCT job_execution_id) FROM resume_audit")).isEqualTo(1);
        assertThat(requests.count("SELECT count(*) FROM audit_run_summary")).isEqualTo(2);
    }

    @Test
    void callsOverlapUpToTheConfiguredConcurrencyAndNoFurther() {
        api.resumesEverything(1_000);
        requests.flag(IntStream.range(0, 12).mapToObj(i -> uuid()).toArray(String[]::new));

        CliRun result = run("run", "--resumer.job.concurrency=4", "--resumer.job.chunk-size=8",
                "--resumer.partner-center.read-timeout=5s");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<Long> arrivals = api.resumeCalls().stream().map(r -> r.getLoggedDate().getTime()).toList();
        int mostAtOnce = 0;
        for (int i = 0; i < arrivals.size(); i++) {
            int j = i;
            while (j < arrivals.size() && arrivals.get(j) - arrivals.get(i) < 900) {
                j++;
            }
            mostAtOnce = Math.max(mostAtOnce, j - i);
        }
        // every call takes 1 s: calls arriving within 900 ms of each other were in flight together
        assertThat(mostAtOnce).isGreaterThanOrEqualTo(3).isLessThanOrEqualTo(4);
    }

    @Test
    void aDuplicatePendingFlagIsRefusedByTheDatabase() {
        String id = uuid();
        requests.flag(id);

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> requests.flag(id)))
                .hasMessageContaining("resume_request_one_pending_per_report");
        api.resumesEverything(0);
        run("run");
        requests.flag(id); // once processed, the report may be flagged again
        assertThat(requests.count("SELECT count(*) FROM resume_request WHERE report_id = ?", id)).isEqualTo(2);
        assertThat(api.callsPerReport().get(id)).isEqualTo(1);
    }

    @Test
    void theAuditTrailIsAppendOnly() {
        api.resumesEverything(0);
        requests.flag(uuid());
        run("run");

        for (String sql : List.of("UPDATE resume_audit SET outcome = 'FAILED'", "DELETE FROM resume_audit",
                "TRUNCATE resume_audit CASCADE")) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> requests.update(sql)))
                    .as(sql).hasMessageContaining("append-only");
        }
        assertThat(requests.count("SELECT count(*) FROM resume_audit WHERE outcome = 'RESUMED'")).isEqualTo(1);
    }
}
