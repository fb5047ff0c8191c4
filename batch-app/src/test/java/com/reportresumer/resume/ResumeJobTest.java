package com.reportresumer.resume;

import static com.reportresumer.testsupport.PartnerCenterStandIn.okJson;
import static com.reportresumer.testsupport.PartnerCenterStandIn.resumed;
import static com.reportresumer.testsupport.PartnerCenterStandIn.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.reportresumer.sandbox.RecordedRequest;
import com.reportresumer.sandbox.ScriptedAnswer;
import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.PartnerCenterStandIn;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code run} command end to end: real PostgreSQL, the sandbox playing Partner Center. One run, shared by the
 * class, meets every outcome of the contract at once (a scenario each, plus fine reports and malformed IDs); the
 * other tests make runs of their own.
 */
class ResumeJobTest {

    private static final String[] JOB = { "--resumer.job.max-attempts=3", "--resumer.job.backoff.initial=20ms",
            "--resumer.job.backoff.max=200ms", "--resumer.partner-center.read-timeout=700ms" };

    /** The database and stand-in of the run that meets every outcome, shared by the tests of that run. */
    @RegisterExtension
    static final ResumerEnvironment everyOutcome = new ResumerEnvironment().withProperties(JOB);

    /** A database and stand-in of its own for each test that makes its own runs. */
    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment().withProperties(JOB);

    /**
     * One special report of the shared run: how the API answers its calls (in turn, the last repeating), and what
     * its latest audit row (every column the job fills in, the message exactly) and the API's journal must show.
     */
    record Scenario(String name, UUID reportId, List<ScriptedAnswer> answers, String outcome, Integer httpStatus,
            Integer apiStatusCode, String reportStatus, int attempts, long calls, String message) {

        static Scenario of(String name, List<ScriptedAnswer> answers, String outcome, Integer httpStatus,
                Integer apiStatusCode, String reportStatus, int attempts, long calls, String message) {
            return new Scenario(name, UUID.randomUUID(), answers, outcome, httpStatus, apiStatusCode, reportStatus,
                    attempts, calls, message);
        }

        void script(PartnerCenterStandIn api) {
            api.answers(reportId, answers.get(0), answers.subList(1, answers.size()).toArray(ScriptedAnswer[]::new));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final String SUCCESS = "Report resumed successfully";
    /**
     * The answer of the last try was lost after the request went out, so the job reads the report (README,
     * confirmed_by_read); the scripted reports are not in the sandbox's listing.
     */
    private static final String READ_FINDS_NOTHING = "; a read says the report is unknown to the API";
    private static final Scenario THROTTLED = Scenario.of("429 with Retry-After, then resumed",
            List.of(status(429, "Too many requests").withHeader("Retry-After", "1"), resumed()),
            "RESUMED", 200, 200, "Active", 2, 2, SUCCESS);
    private static final Scenario DOWN = Scenario.of("503 on every try: FAILED after 3 tries",
            List.of(status(503, "Service unavailable")),
            "FAILED", 503, null, null, 3, 3, "still failing after 3 tries: HTTP 503: Service unavailable");

    private static final UUID CAMEL_CASE = UUID.randomUUID();
    private static final String CAMEL_CASE_ANSWER = """
            {"value":[{"reportId":"%s","reportStatus":"Active","extra":1}],"totalCount":1,
             "message":"ok","statusCode":200,"nextLink":null,"dataRedacted":false}""".formatted(CAMEL_CASE);

    private static final List<Scenario> SCENARIOS = List.of(
            Scenario.of("400: REJECTED, never retried", List.of(status(400, "Report is Inactive")),
                    "REJECTED", 400, 400, null, 1, 1, "Report is Inactive"),
            Scenario.of("403: FORBIDDEN, never retried", List.of(status(403, "Caller lacks the insights role")),
                    "FORBIDDEN", 403, 403, null, 1, 1, "Caller lacks the insights role"),
            Scenario.of("404: NOT_FOUND, never retried", List.of(status(404, "Report not found")),
                    "NOT_FOUND", 404, 404, null, 1, 1, "Report not found"),
            // the chunk is written as one SQL array per column: what an array's text form quotes arrives unchanged
            Scenario.of("400 whose message holds quotes, braces, commas, a backslash and NULL: kept exactly",
                    List.of(status(400, "{\"NULL\", NULL} a\\b, c 'd' \u00e9")),
                    "REJECTED", 400, 400, null, 1, 1, "{\"NULL\", NULL} a\\b, c 'd' \u00e9"),
            Scenario.of("500 twice, then resumed on the third try",
                    List.of(status(500, "Internal error"), status(500, "Internal error"), resumed()),
                    "RESUMED", 200, 200, "Active", 3, 3, SUCCESS),
            DOWN,
            THROTTLED,
            Scenario.of("200 with a body that is not JSON: FAILED after 3 tries and a read",
                    List.of(ScriptedAnswer.raw(200, "<html>502 Bad Gateway</html>")),
                    "FAILED", 200, null, null, 3, 3,
                    "still failing after 3 tries: HTTP 200 with an unreadable answer: <html>502 Bad Gateway</html>"
                            + READ_FINDS_NOTHING),
            Scenario.of("an answer slower than the read timeout: FAILED after 3 tries and a read",
                    List.of(resumed().withDelay(Duration.ofSeconds(3))),
                    "FAILED", null, null, null, 3, 3,
                    "still failing after 3 tries: SocketTimeoutException: Read timed out"
                            + READ_FINDS_NOTHING),
            Scenario.of("the connection closed before any answer: FAILED after 3 tries and a read",
                    List.of(ScriptedAnswer.noAnswer()),
                    "FAILED", null, null, null, 3, 3,
                    "still failing after 3 tries: NoHttpResponseException: The target server failed to respond"
                            + READ_FINDS_NOTHING),
            new Scenario("camelCase names and unknown fields: RESUMED", CAMEL_CASE,
                    List.of(okJson(CAMEL_CASE_ANSWER)), "RESUMED", 200, 200, "Active", 1, 1, "ok"),
            Scenario.of("200 with an empty Value and no StatusCode: RESUMED without a report status",
                    List.of(okJson("{\"Value\":[],\"TotalCount\":0,\"Message\":\"nothing\"}")),
                    "RESUMED", 200, null, null, 1, 1, "nothing"));

    private static final List<String> FINE = IntStream.range(0, 20).mapToObj(i -> uuid()).toList();
    private static final List<String> MALFORMED = List.of("not-a-uuid", "{" + uuid() + "}", "");
    private static final String PADDED = uuid();

    private static CliRun everyOutcomeRun;

    private static String uuid() {
        return UUID.randomUUID().toString();
    }

    static List<Scenario> scenarios() {
        return SCENARIOS;
    }

    @BeforeAll
    static void runEveryOutcomeOnce() {
        PartnerCenterStandIn api = everyOutcome.api().resumesEverything(0);
        SCENARIOS.forEach(scenario -> scenario.script(api));
        Requests requests = everyOutcome.requests();
        requests.flag(FINE.toArray(String[]::new));
        List<String> special = new ArrayList<>(SCENARIOS.stream().map(s -> s.reportId().toString()).toList());
        special.addAll(MALFORMED);
        special.add("  " + PADDED);
        requests.flag(special.toArray(String[]::new));

        everyOutcomeRun = everyOutcome.cli("run", "--resumer.job.concurrency=4", "--resumer.job.chunk-size=7");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyOutcomeOfTheContractEndsWithItsAuditRowAndItsCalls(Scenario scenario) {
        Map<String, Object> row = everyOutcome.requests().latestAudit().get(scenario.reportId().toString());

        assertThat(row).as(scenario.name()).isNotNull()
                .containsEntry("outcome", scenario.outcome())
                .containsEntry("http_status", scenario.httpStatus())
                .containsEntry("api_status_code", scenario.apiStatusCode())
                .containsEntry("report_status", scenario.reportStatus())
                .containsEntry("attempts", scenario.attempts())
                .containsEntry("message", scenario.message());
        assertThat(everyOutcome.api().callsPerReport().get(scenario.reportId().toString())).as(scenario.name())
                .isEqualTo(scenario.calls());
    }

    @Test
    void theRunWithEveryOutcomeExits3() {
        assertThat(everyOutcomeRun.exitCode()).as(everyOutcomeRun.toString()).isEqualTo(3);
    }

    @Test
    void everyFineReportIsResumedWithOneCall() {
        Map<String, Map<String, Object>> audit = everyOutcome.requests().latestAudit();
        Map<String, Long> calls = everyOutcome.api().callsPerReport();
        for (String id : FINE) {
            assertThat(audit.get(id)).containsEntry("outcome", "RESUMED").containsEntry("http_status", 200)
                    .containsEntry("api_status_code", 200).containsEntry("report_status", "Active")
                    .containsEntry("attempts", 1).containsEntry("message", SUCCESS);
            assertThat(calls.get(id)).as(id).isEqualTo(1);
        }
    }

    @Test
    void malformedIdsAreAuditedInvalidAndNeverSent() {
        Requests requests = everyOutcome.requests();
        assertThat(requests.count("SELECT count(*) FROM resume_audit WHERE outcome = 'INVALID_ID' "
                + "AND attempts IS NULL AND http_status IS NULL")).isEqualTo(MALFORMED.size());
        List<String> called = new ArrayList<>(FINE);
        SCENARIOS.forEach(s -> called.add(s.reportId().toString()));
        called.add(PADDED);
        assertThat(everyOutcome.api().callsPerReport().keySet()).containsExactlyInAnyOrderElementsOf(called);
        assertThat(everyOutcome.api().resumeCalls()).allSatisfy(r -> assertThat(r.url())
                .matches(PartnerCenterStandIn.RESUME.replace("/", "\\/") + "[0-9a-f-]{36}"));
    }

    @Test
    void whitespaceAroundAValidIdIsTrimmedAndTheReportResumedWithOneCall() {
        assertThat(everyOutcome.requests().count(
                "SELECT count(*) FROM resume_audit WHERE report_id = ? AND outcome = 'RESUMED'", "  " + PADDED))
                .isEqualTo(1);
        assertThat(everyOutcome.api().callsPerReport().get(PADDED)).isEqualTo(1);
    }

    @Test
    void aThrottledReportWaitsBeforeItsRetry() {
        Map<String, Object> row = everyOutcome.requests().latestAudit().get(THROTTLED.reportId().toString());
        assertThat((Long) row.get("duration_ms")).isGreaterThanOrEqualTo(200L);
    }

    @Test
    void oneTokenServesEveryCallOfTheRun() {
        assertThat(everyOutcome.api().tokenRequests()).isEqualTo(1);
        assertThat(everyOutcome.api().resumeCalls()).allSatisfy(r -> {
            assertThat(r.header("Authorization")).isEqualTo("Bearer " + PartnerCenterStandIn.TOKEN);
            assertThat(r.header("Content-Type")).startsWith("application/json");
        });
    }

    @Test
    void eachRequestEndsWithTheStatusOfItsOutcome() {
        Requests requests = everyOutcome.requests();
        assertThat(requests.count("SELECT count(*) FROM resume_request WHERE status = 'PENDING'")).isZero();
        assertThat(requests.count("SELECT count(*) FROM resume_request WHERE status = 'FAILED'"))
                .isEqualTo(SCENARIOS.stream().filter(s -> s.outcome().equals("FAILED")).count());
        assertThat(requests.count("SELECT count(*) FROM resume_request WHERE id IN "
                + "(SELECT request_id FROM resume_audit WHERE report_id = ?) AND attempts = 3",
                DOWN.reportId().toString())).isEqualTo(1);
        requests.assertConsistent();
    }

    @Test
    void theSummaryNamesTheOutcomesAndNeitherSecretNorToken() {
        assertThat(everyOutcomeRun.out()).contains("RESUMED", "FAILED", "INVALID_ID").contains("audit --run");
        assertThat(everyOutcomeRun.out() + everyOutcomeRun.err()).doesNotContain(PartnerCenterStandIn.CLIENT_SECRET)
                .doesNotContain(PartnerCenterStandIn.TOKEN);
    }

    @Test
    void aRunWhereEverythingIsResumedExitsZeroAndTheNextRunFindsNothingToDo() {
        env.api().resumesEverything(0);
        env.requests().flag(uuid(), uuid(), uuid());

        CliRun first = env.cli("run");
        CliRun second = env.cli("run");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("3 requests processed");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("0 requests processed");
        assertThat(env.api().resumeCalls()).hasSize(3);
        assertThat(env.requests().count("SELECT count(DISTINCT job_execution_id) FROM resume_audit")).isEqualTo(1);
        assertThat(env.requests().count("SELECT count(*) FROM audit_run_summary")).isEqualTo(2);
    }

    @Test
    void callsOverlapUpToTheConfiguredConcurrencyAndNoFurther() {
        env.api().resumesEverything(1_000);
        env.requests().flag(IntStream.range(0, 12).mapToObj(i -> uuid()).toArray(String[]::new));

        CliRun result = env.cli("run", "--resumer.job.concurrency=4", "--resumer.job.chunk-size=8",
                "--resumer.partner-center.read-timeout=5s");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(env.api().resumeCalls()).hasSize(12);
        // every call takes 1 s: the four callers overlap, and a fifth call never starts while four are open
        assertThat(env.api().mostResumeCallsInFlight()).isEqualTo(4);
    }

    /**
     * An audit row's {@code created_at} is when it was written, at the end of its chunk (RUNBOOK): after the answer
     * it records, not when the chunk's transaction began (PostgreSQL's {@code now()}), which a slow chunk would put
     * seconds before its calls, and the duration of an execution that died runs to its last row.
     */
    @Test
    void everyAuditRowIsStampedWhenItIsWrittenAfterTheAnswerItRecords() {
        env.api().resumesEverything(300);
        env.requests().flagRandom(6);

        assertThat(env.cli("run", "--resumer.job.concurrency=1", "--resumer.job.chunk-size=3").exitCode()).isZero();
        Map<String, Instant> answered = env.api().resumeCalls().stream()
                .collect(Collectors.toMap(RecordedRequest::lastPathSegment, RecordedRequest::answeredAt));
        List<Map<String, Object>> rows = env.requests().query("SELECT report_id, created_at FROM resume_audit");
        assertThat(rows).hasSize(6).allSatisfy(row -> assertThat(((Timestamp) row.get("created_at")).toInstant())
                .as("row of " + row.get("report_id")).isAfterOrEqualTo(
                        answered.get((String) row.get("report_id")).truncatedTo(ChronoUnit.MILLIS)));
    }

    @Test
    void aDuplicatePendingFlagIsRefusedByTheDatabase() {
        String id = uuid();
        env.requests().flag(id);

        assertThat(catchThrowable(() -> env.requests().flag(id)))
                .hasMessageContaining("resume_request_one_pending_per_report");
        env.api().resumesEverything(0);
        env.cli("run");
        env.requests().flag(id); // once processed, the report may be flagged again
        assertThat(env.requests().count("SELECT count(*) FROM resume_request WHERE report_id = ?", id)).isEqualTo(2);
        assertThat(env.api().callsPerReport().get(id)).isEqualTo(1);
    }

    @Test
    void theAuditTrailIsAppendOnly() {
        env.api().resumesEverything(0);
        env.requests().flag(uuid());
        env.cli("run");

        for (String sql : List.of("UPDATE resume_audit SET outcome = 'FAILED'", "DELETE FROM resume_audit",
                "TRUNCATE resume_audit CASCADE")) {
            assertThat(catchThrowable(() -> env.requests().update(sql))).as(sql).hasMessageContaining("append-only");
        }
        assertThat(env.requests().count("SELECT count(*) FROM resume_audit WHERE outcome = 'RESUMED'")).isEqualTo(1);
    }
}
