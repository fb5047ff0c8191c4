package com.reportresumer.cli;

import static com.reportresumer.testsupport.PartnerCenterStandIn.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.sandbox.ScriptedAnswer;
import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.PartnerCenterStandIn;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The queue and one report's whole story: {@code pending}, {@code unflag} and the flags of {@code audit --report},
 * against a real PostgreSQL and the sandbox, their formats parsed back; a withdrawn flag never resumed, by
 * {@code run} or {@code rerun-failed}, unless a run had already read it.
 */
class QueueCommandsTest {

    @RegisterExtension
    final ResumerEnvironment env = ResumerEnvironment.forCommands();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void pendingListsTheQueueOldestFirstWithItsAgeAndTheStaleFlags() throws Exception {
        String processed = id(), old = id(), recent = id(), fresh = id();
        env.requests().flag(processed);
        assertThat(env.cli("run").exitCode()).isZero();
        env.requests().flag(old, recent);
        assertThat(env.cli("flag", fresh, "--by", "alice", "--reason", "=HYPERLINK(\"https://evil.example\")")
                .exitCode()).isZero();
        flaggedAgo(old, "3 days");
        flaggedAgo(recent, "2 hours");

        CliRun table = env.cli("pending");

        assertThat(table.exitCode()).as(table.toString()).isZero();
        List<String> lines = table.out().lines().toList();
        // not a terminal: nothing is cut
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("REQUEST  FLAGGED (UTC)").contains("AGE", "STALE", "REPORT ID", "REASON");
        assertThat(lines.get(1)).contains(old, "3 d 00 h", "stale");
        assertThat(lines.get(2)).contains(recent, "2 h 00 min").doesNotContain("stale");
        assertThat(lines.get(3)).contains(fresh, "alice", "=HYPERLINK").doesNotContain("stale");
        assertThat(lines.get(4)).startsWith("3 pending, 1 stale (flagged before ");
        assertThat(table.out()).doesNotContain(processed);
        assertThat(env.cli("pending", "--stale", "1h").out()).contains("3 pending, 2 stale");
        CliRun limited = env.cli("pending", "--limit", "1");
        assertThat(limited.out().lines()).hasSize(3);
        assertThat(limited.out()).contains(old).contains("3 pending, 1 stale").contains("the oldest 1 shown");

        JsonNode json = JSON.readTree(env.cli("pending", "--format", "json").out());
        assertThat(json.isArray()).isTrue();
        assertThat(json).extracting(r -> r.get("report_id").asString()).containsExactly(old, recent, fresh);
        assertThat(json.get(0).get("stale").asBoolean()).isTrue();
        assertThat(json.get(0).get("age_seconds").asLong()).isBetween(3 * 86_400L, 3 * 86_400L + 120);
        assertThat(json.get(2).get("stale").asBoolean()).isFalse();
        assertThat(json.get(2).get("requested_by").asString()).isEqualTo("alice");
        assertThat(OffsetDateTime.parse(json.get(0).get("requested_at").asString())).isNotNull();
        assertThat(json.get(0).get("id").asLong()).isLessThan(json.get(1).get("id").asLong());

        List<Map<String, String>> csv = parseCsv(env.cli("pending", "--format", "csv"));
        assertThat(csv.get(0).keySet()).containsExactly("id", "report_id", "requested_at", "age_seconds", "stale",
                "requested_by", "reason");
        assertThat(csv).extracting(r -> r.get("stale")).containsExactly("true", "false", "false");
        assertThat(csv.get(2).get("reason")).isEqualTo("'=HYPERLINK(\"https://evil.example\")");
    }

    @Test
    void pendingOfAnEmptyQueueSaysSo() {
        CliRun empty = env.cli("pending");
        assertThat(empty.exitCode()).as(empty.toString()).isZero();
        assertThat(empty.out()).contains("0 pending, 0 stale");
        assertThat(env.cli("pending", "--format", "json").out().strip()).isEqualTo("[ ]");
    }

    @Test
    void pendingRefusesABadLimitOrAgeInOneLine() {
        assertOneLineUsage(env.cli("pending", "--limit", "0"), "--limit");
        assertOneLineUsage(env.cli("pending", "--stale", "a while"), "--stale");
        assertOneLineUsage(env.cli("pending", "--format", "xml"), "xml");
    }

    @Test
    void unflagWithdrawsPendingFlagsAndListsTheIdsItCouldNot() {
        String a = id(), b = id(), processed = id(), never = id();
        env.requests().flag(processed);
        assertThat(env.cli("run").exitCode()).isZero();
        assertThat(env.cli("flag", a, b, "--by", "alice", "--reason", "incident 42").exitCode()).isZero();

        CliRun result = env.cli("unflag", a.toUpperCase(), " " + a + " ", processed, never, "../etc/passwd",
                "--reason", "wrong tenant", "--by", "bob");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.out()).contains("1 withdrawn, 0 already withdrawn, 2 not pending, 1 malformed")
                .containsPattern("withdrawn: " + a + " \\(request \\d+, flagged \\d{4}-\\d\\d-\\d\\d [\\d:]{8}Z by "
                        + "alice\\)")
                .contains("not pending: " + processed + ": its latest flag, request 1, is DONE (RESUMED in "
                        + "execution 1): too late to withdraw")
                .contains("not pending: " + never + ": never flagged")
                .contains("malformed (not a UUID): ../etc/passwd");
        assertThat(result.err().lines()).singleElement().asString()
                .startsWith("report-resumer: 3 of the IDs withdrew nothing");
        assertThat(env.requests().query("SELECT report_id, status, withdrawn_by, withdraw_reason, "
                + "now() - withdrawn_at < interval '1 minute' AS just_now FROM resume_request ORDER BY id"))
                .containsExactly(
                        row(processed, "DONE", null, null, null),
                        row(a, "WITHDRAWN", "bob", "wrong tenant", true),
                        row(b, "PENDING", null, null, null));

        CliRun again = env.cli("unflag", a);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("0 withdrawn, 1 already withdrawn, 0 not pending, 0 malformed")
                .contains("already withdrawn: " + a + ": request 2, ").contains(" by bob");
        assertThat(again.err()).isEmpty();
    }

    @Test
    void aWithdrawnFlagIsNeverResumedAndTheReportCanBeFlaggedAgain() throws Exception {
        String a = id(), b = id();
        env.requests().flag(a, b);
        assertThat(env.cli("unflag", a, "--by", "bob", "--reason", "not needed").exitCode()).isZero();

        CliRun run = env.cli("run");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(env.api().callsPerReport()).containsOnlyKeys(b);
        assertThat(env.requests().count("SELECT count(*) FROM resume_audit WHERE report_id = ?", a)).isZero();
        env.requests().assertConsistent();

        CliRun flagAgain = env.cli("flag", a, "--by", "carol");
        assertThat(flagAgain.out()).as(flagAgain.toString()).contains("1 added, 0 already pending");
        assertThat(env.cli("pending").out()).contains(a).contains("1 pending");
        assertThat(env.cli("run").exitCode()).isZero();
        assertThat(env.api().callsPerReport()).containsEntry(a, 1L);
        env.requests().assertConsistent();

        CliRun story = env.cli("audit", "--report", a);
        assertThat(story.exitCode()).as(story.toString()).isZero();
        assertThat(story.out().lines()).allMatch(line -> line.length() <= 120);
        String calls = story.out().substring(0, story.out().indexOf("Flags (resume_request)"));
        assertThat(calls).startsWith("TIME (UTC)").contains("RESUMED").contains("1 row\n");
        String flags = story.out().substring(story.out().indexOf("Flags (resume_request)"));
        assertThat(flags).containsPattern("request 1  flagged .* by \\S+\\n +WITHDRAWN: withdrawn .* by bob: not "
                + "needed; no run took it")
                .containsPattern("request 3  flagged .* by carol\\n +DONE: RESUMED in execution 2, .* \\(1 call\\)")
                .endsWith("2 flags\n");

        JsonNode json = JSON.readTree(env.cli("audit", "--report", a.toUpperCase(), "--flags", "--format", "json")
                .out());
        assertThat(json).extracting(r -> r.get("status").asString()).containsExactly("WITHDRAWN", "DONE");
        assertThat(json.get(0).get("withdrawn_by").asString()).isEqualTo("bob");
        assertThat(json.get(0).get("withdraw_reason").asString()).isEqualTo("not needed");
        assertThat(OffsetDateTime.parse(json.get(0).get("withdrawn_at").asString())).isNotNull();
        assertThat(json.get(0).get("last_outcome").isNull()).isTrue();
        assertThat(json.get(1).get("last_outcome").asString()).isEqualTo("RESUMED");
        assertThat(json.get(1).get("withdrawn_at").isNull()).isTrue();
        List<Map<String, String>> csv = parseCsv(env.cli("audit", "--report", a, "--flags", "--format", "csv"));
        assertThat(csv.get(0).keySet()).startsWith("id", "report_id", "status", "requested_at", "requested_by",
                "reason").contains("withdrawn_at", "withdrawn_by", "withdraw_reason");
        assertThat(csv).extracting(r -> r.get("status")).containsExactly("WITHDRAWN", "DONE");
        // the calls alone, as before: one JSON array of audit rows
        JsonNode callsJson = JSON.readTree(env.cli("audit", "--report", a, "--format", "json").out());
        assertThat(callsJson.isArray()).isTrue();
        assertThat(callsJson).singleElement().satisfies(r -> assertThat(r.get("outcome").asString())
                .isEqualTo("RESUMED"));
    }

    @Test
    void auditOfAReportNobodyFlaggedSaysSo() {
        CliRun story = env.cli("audit", "--report", id());
        assertThat(story.exitCode()).as(story.toString()).isZero();
        assertThat(story.out()).contains("0 rows").contains("No flags: nobody flagged this report")
                .endsWith("0 flags\n");
        assertThat(env.cli("audit", "--report", id(), "--flags", "--format", "json").out().strip()).isEqualTo("[ ]");
    }

    @Test
    void auditFlagsNeedsAReportAndNoFilterOfCalls() {
        assertOneLineUsage(env.cli("audit", "--flags"), "give --report");
        assertOneLineUsage(env.cli("audit", "--report", id(), "--flags", "--outcome", "FAILED"), "choose calls");
        assertOneLineUsage(env.cli("audit", "--report", "not-a-uuid", "--flags"), "no audit row or flag has it");
        // a malformed ID flagged with plain SQL has a flag before it has an audit row, and is found as typed
        env.requests().flag("not-a-uuid");
        CliRun found = env.cli("audit", "--report", "not-a-uuid");
        assertThat(found.exitCode()).as(found.toString()).isZero();
        assertThat(found.out()).contains("0 rows").contains("PENDING: the next run takes it").contains("1 flag\n");
    }

    @Test
    void rerunFailedLeavesAReportWhoseFlagWasWithdrawnAfterItFailed() {
        UUID withdrawn = UUID.randomUUID(), kept = UUID.randomUUID();
        env.api().answersFirst(withdrawn, 2, status(503, "busy"), PartnerCenterStandIn.resumed())
                .answersFirst(kept, 2, status(503, "busy"), PartnerCenterStandIn.resumed());
        env.requests().flag(withdrawn.toString(), kept.toString());
        assertThat(env.cli("run").exitCode()).isEqualTo(3);
        assertThat(env.cli("flag", withdrawn.toString()).exitCode()).isZero();
        assertThat(env.cli("unflag", withdrawn.toString(), "--reason", "leave it paused").exitCode()).isZero();

        CliRun rerun = env.cli("rerun-failed");

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(rerun.out()).contains("Flagged 1 FAILED report again");
        assertThat(env.api().callsPerReport()).containsEntry(withdrawn.toString(), 2L)
                .containsEntry(kept.toString(), 3L);
        assertThat(env.cli("rerun-failed").err()).contains("nothing to rerun");
        env.requests().assertConsistent();
    }

    @Test
    void aFlagWithdrawnWhileARunHasItInFlightKeepsTheCallsOutcomeBesideTheWithdrawal() throws Exception {
        UUID slow = UUID.randomUUID();
        env.api().answers(slow, ScriptedAnswer.resumed().withDelay(Duration.ofSeconds(3)));
        env.requests().flag(slow.toString());
        CliRun.Running run = CliRun.start(env.args("run"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (env.api().resumeCalls().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(env.api().resumeCalls()).as("the run's call is in flight").hasSize(1);

        CliRun unflag = env.cli("unflag", slow.toString(), "--by", "bob");
        CliRun ran = run.result().get(60, TimeUnit.SECONDS);

        assertThat(unflag.exitCode()).as(unflag.toString()).isZero();
        assertThat(unflag.out()).contains("1 withdrawn");
        assertThat(unflag.err()).contains("execution 1 is running: a request it read before the withdrawal is still "
                + "resumed");
        assertThat(ran.exitCode()).as(ran.toString()).isZero();
        // the call was made: its audit row stands, the request has its outcome, and the withdrawal is kept beside it
        assertThat(env.requests().query("SELECT status, last_outcome, withdrawn_by, withdrawn_at IS NOT NULL AS "
                + "withdrawn FROM resume_request")).containsExactly(Map.of("status", "DONE", "last_outcome",
                        "RESUMED", "withdrawn_by", "bob", "withdrawn", true));
        env.requests().assertConsistent();
        assertThat(env.cli("audit", "--report", slow.toString()).out()).contains("DONE: RESUMED in execution 1")
                .containsPattern("and withdrawn .* by bob, too late: that run had read it");
    }

    private void flaggedAgo(String reportId, String interval) {
        try {
            env.requests().update("UPDATE resume_request SET requested_at = now() - CAST(? AS interval) "
                    + "WHERE report_id = ?", interval, reportId);
        }
        catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static Map<String, Object> row(String reportId, String status, String by, String reason, Boolean justNow) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("report_id", reportId);
        row.put("status", status);
        row.put("withdrawn_by", by);
        row.put("withdraw_reason", reason);
        row.put("just_now", justNow);
        return row;
    }

    private static List<Map<String, String>> parseCsv(CliRun result) throws Exception {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(result.out())) {
            return it.readAll();
        }
    }

    private static void assertOneLineUsage(CliRun result, String mention) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains(mention);
        assertThat(result.out()).isEmpty();
    }
}
