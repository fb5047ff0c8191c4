package com.reportresumer.console;

import static com.reportresumer.testsupport.PartnerCenterStandIn.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.ForkedApp;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator's actions besides rerun-failed, over real HTTP: flag pasted IDs (checked first, as {@code flag}
 * checks them), withdraw a flag, restart a failed execution, stop a running one (live on the page, from another
 * process); each recorded in {@code console_action}, and none open to a viewer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleActionsTest {

    @RegisterExtension
    static final ResumerEnvironment env = new ResumerEnvironment()
            .withProperties("--resumer.job.max-attempts=1", "--resumer.job.backoff.initial=5ms");

    static RunningConsole console;

    @BeforeAll
    static void anExecutionAnOutageStoppedThenTheConsole() throws Exception {
        env.api().answersEveryResume(status(503, "Service unavailable"));
        env.requests().flagRandom(6);
        CliRun outage = env.cli("run", "--resumer.job.outage-after=2", "--resumer.job.concurrency=1");
        assertThat(outage.exitCode()).as(outage.toString()).isEqualTo(1);
        env.api().resumesEverything(0);
        console = env.closedAfter(RunningConsole.withUsers(env));
    }

    @Test
    @Order(1)
    void aViewerSeesNoActionAndIsRefusedEach() throws Exception {
        env.requests().flag(UUID.randomUUID().toString());
        long pending = pending();
        Browserless viewer = new Browserless(true);
        String home = viewer.signIn(console, RunningConsole.VIEWER, RunningConsole.PASSWORD).body();
        String token = Browserless.csrf(home);
        assertThat(viewer.get(console.url("/queue")).body()).contains(pending + " pending").doesNotContain("Flag reports")
                .doesNotContain("/actions/withdraw");
        assertThat(viewer.get(console.url("/runs/1")).body()).contains("FAILED").doesNotContain("/actions/restart");
        long before = env.requests().count("SELECT count(*) FROM console_action");
        String flagged = (String) env.requests().query("SELECT report_id FROM resume_request WHERE status = "
                + "'PENDING'").get(0).get("report_id");
        for (String page : List.of("/actions/flag", "/actions/withdraw?report=" + flagged, "/actions/restart?run=1",
                "/actions/stop?run=1")) {
            assertThat(viewer.get(console.url(page)).statusCode()).as(page).isEqualTo(403);
        }
        for (Map.Entry<String, Map<String, String>> post : Map.of(
                "/actions/flag/check", Map.of("ids", UUID.randomUUID().toString()),
                "/actions/flag", Map.of("ids", UUID.randomUUID().toString()),
                "/actions/withdraw", Map.of("report", flagged),
                "/actions/restart", Map.of("run", "1"),
                "/actions/stop", Map.of("run", "1")).entrySet()) {
            Map<String, String> form = new HashMap<>(post.getValue());
            form.put("_csrf", token);
            HttpResponse<String> refused = viewer.post(console.url(post.getKey()), form);
            assertThat(refused.statusCode()).as(post.getKey()).isEqualTo(403);
            assertThat(refused.body()).as(post.getKey()).contains("only an operator acts");
        }
        assertThat(env.requests().count("SELECT count(*) FROM console_action")).isEqualTo(before);

        // and an operator's post without the page's CSRF token is refused before anything is written
        Browserless operator = Browserless.signedIn(console, RunningConsole.OPERATOR);
        HttpResponse<String> forged = operator.post(console.url("/actions/flag"), Map.of("ids",
                UUID.randomUUID().toString()));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(env.requests().count("SELECT count(*) FROM console_action")).isEqualTo(before);
        assertThat(pending()).isEqualTo(pending);
        assertThat(env.requests().count("SELECT count(*) FROM batch_job_execution")).isOne();
    }

    @Test
    @Order(2)
    void anOperatorFlagsPastedIdsAfterSeeingWhatFlagWouldDo() throws Exception {
        String fresh1 = UUID.randomUUID().toString();
        String fresh2 = UUID.randomUUID().toString().toUpperCase();
        long pending = pending();
        String already = (String) env.requests().query("SELECT report_id FROM resume_request WHERE status = "
                + "'PENDING'").get(0).get("report_id");
        Browserless operator = Browserless.signedIn(console, RunningConsole.OPERATOR);
        String queue = operator.get(console.url("/queue")).body();
        assertThat(queue).contains("href=\"/actions/flag\"").contains("/actions/withdraw?report=" + already);
        String form = operator.get(console.url("/actions/flag")).body();
        String pasted = "# tonight's extra reports\n" + fresh1 + "\n\n" + fresh2 + ", not-a-report\n" + already;

        String check = operator.post(console.url("/actions/flag/check"), Map.of("ids", pasted, "reason",
                "INC-42", "_csrf", Browserless.csrf(form))).body();
        assertThat(check).contains("Flag 2 reports?").contains("2 of the 4 IDs will be flagged PENDING")
                .contains("1 already have a PENDING flag").contains("1 are malformed").contains("<code>not-a-report</code>");
        assertThat(pending()).as("checking flags nothing").isEqualTo(pending);

        HttpResponse<String> done = operator.post(console.url("/actions/flag"), Map.of("ids",
                Browserless.hidden(check, "ids"), "reason", Browserless.hidden(check, "reason"), "_csrf",
                Browserless.csrf(check)));
        assertThat(done.uri().getPath()).isEqualTo("/queue");
        assertThat(done.body()).contains("Flagged: 2 added, 1 already pending, 1 malformed (not flagged: not-a-report)")
                .contains((pending + 2) + " pending");
        assertThat(env.requests().query("SELECT requested_by, reason FROM resume_request WHERE report_id IN (?, ?)",
                fresh1, fresh2.toLowerCase())).hasSize(2).allSatisfy(r -> assertThat(r)
                        .containsEntry("requested_by", "olivia").containsEntry("reason", "INC-42"));
        assertThat(lastAction()).containsEntry("action", "FLAG").containsEntry("target", "4 report IDs")
                .containsEntry("status", "DONE").containsEntry("message", "2 added, 1 already pending, 1 malformed");
    }

    @Test
    @Order(3)
    void anOperatorWithdrawsAPendingFlag() throws Exception {
        long pending = pending();
        String report = (String) env.requests().query("SELECT report_id FROM resume_request WHERE status = "
                + "'PENDING' ORDER BY id").get(0).get("report_id");
        Browserless operator = Browserless.signedIn(console, RunningConsole.OPERATOR);
        String confirm = operator.get(console.url("/actions/withdraw?report=" + report)).body();
        assertThat(confirm).contains("Withdraw the flag of " + report).contains("unflag " + report);

        HttpResponse<String> done = operator.post(console.url("/actions/withdraw"), Map.of("report", report,
                "reason", "wrong tenant", "_csrf", Browserless.csrf(confirm)));
        assertThat(done.body()).contains("Withdrawn: the flag of " + report).contains((pending - 1) + " pending");
        assertThat(env.requests().query("SELECT status, withdrawn_by, withdraw_reason FROM resume_request "
                + "WHERE report_id = ? ORDER BY id DESC", report).get(0)).containsEntry("status", "WITHDRAWN")
                .containsEntry("withdrawn_by", "olivia").containsEntry("withdraw_reason", "wrong tenant");
        assertThat(lastAction()).containsEntry("action", "WITHDRAW").containsEntry("target", report)
                .containsEntry("status", "DONE");

        assertThat(operator.get(console.url("/actions/withdraw?report=" + report)).statusCode())
                .as("nothing PENDING left to withdraw").isEqualTo(404);
        HttpResponse<String> again = operator.post(console.url("/actions/withdraw"), Map.of("report", report,
                "_csrf", Browserless.csrf(confirm)));
        assertThat(again.body()).contains("Nothing withdrawn: " + report + " has no PENDING flag");
        assertThat(lastAction()).containsEntry("action", "WITHDRAW").containsEntry("status", "FAILED");
    }

    @Test
    @Order(4)
    void anOperatorRestartsTheFailedExecution() throws Exception {
        Browserless operator = Browserless.signedIn(console, RunningConsole.OPERATOR);
        String run = operator.get(console.url("/runs/1")).body();
        assertThat(run).contains("href=\"/actions/restart?run=1\"");
        String confirm = operator.get(console.url("/actions/restart?run=1")).body();
        assertThat(confirm).contains("Execution 1 is FAILED").contains("restart 1");

        HttpResponse<String> asked = operator.post(console.url("/actions/restart"), Map.of("run", "1", "_csrf",
                Browserless.csrf(confirm)));
        assertThat(asked.body()).contains("Restart of execution 1 asked");
        env.requests().awaitCount("SELECT count(*) FROM console_action WHERE action = 'RESTART' AND status <> "
                + "'ASKED'", 1);
        assertThat(lastAction()).containsEntry("action", "RESTART").containsEntry("target", "1")
                .containsEntry("status", "DONE").containsEntry("job_execution_id", 2L);
        assertThat((String) lastAction().get("message")).contains("execution 2 ended COMPLETED");
        assertThat(pending()).isZero();
        assertThat(operator.get(console.url("/runs/1")).body()).as("continued: nothing left to restart")
                .doesNotContain("/actions/restart");
        env.requests().assertConsistent();
    }

    @Test
    @Order(5)
    void anOperatorWatchesARunningExecutionFromAnotherProcessAndStopsIt() throws Exception {
        // 400 reports at 50 ms, two at a time: ten seconds to watch it and stop it
        env.api().resumesEverything(50);
        env.requests().flagRandom(400);
        long before = env.requests().count("SELECT coalesce(max(job_execution_id), 0) FROM batch_job_execution");
        ForkedApp run = ForkedApp.start("run", env.properties("--resumer.job.chunk-size=10",
                "--resumer.job.concurrency=2"));
        env.requests().awaitCount("SELECT count(*) FROM batch_job_execution WHERE job_execution_id > " + before, 1);
        long execution = env.requests().count("SELECT max(job_execution_id) FROM batch_job_execution");
        env.requests().awaitCount("SELECT count(*) FROM resume_audit WHERE job_execution_id = " + execution, 20);
        Browserless operator = Browserless.signedIn(console, RunningConsole.OPERATOR);

        String home = operator.get(console.url("/")).body();
        assertThat(home).contains("id=\"live-" + execution + "\"").contains("reports/s, ETA")
                .contains("http-equiv=\"refresh\"").contains("href=\"/actions/stop?run=" + execution + "\"");
        long shown = Long.parseLong(home.replaceAll("(?s).*id=\"live-" + execution + "\" data-done=\"(\\d+)\".*",
                "$1"));
        env.requests().awaitCount("SELECT count(*) FROM resume_audit WHERE job_execution_id = " + execution,
                shown + 20);
        String later = operator.get(console.url("/")).body();
        long shownLater = Long.parseLong(later.replaceAll("(?s).*id=\"live-" + execution
                + "\" data-done=\"(\\d+)\".*", "$1"));
        assertThat(shownLater).as("the live progress moves").isGreaterThan(shown);

        String confirm = operator.get(console.url("/actions/stop?run=" + execution)).body();
        assertThat(confirm).contains("Stop execution " + execution + "?");
        HttpResponse<String> asked = operator.post(console.url("/actions/stop"), Map.of("run",
                String.valueOf(execution), "_csrf", Browserless.csrf(confirm)));
        assertThat(asked.uri().getPath()).isEqualTo("/runs/" + execution);
        assertThat(asked.body()).contains("Stop of execution " + execution + " asked");

        assertThat(run.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.process().exitValue()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("Stop requested by olivia");
        assertThat(env.requests().count("SELECT count(*) FROM batch_job_execution WHERE job_execution_id = "
                + execution + " AND status = 'STOPPED'")).isOne();
        assertThat(lastAction()).containsEntry("action", "STOP").containsEntry("status", "DONE");
        String stopped = operator.get(console.url("/runs/" + execution)).body();
        assertThat(stopped).contains("STOPPED").contains("href=\"/actions/restart?run=" + execution + "\"")
                .doesNotContain("id=\"live-");
        env.requests().assertConsistent();
    }

    private static long pending() {
        return env.requests().count("SELECT count(*) FROM resume_request WHERE status = 'PENDING'");
    }

    private static Map<String, Object> lastAction() {
        return env.requests().query("SELECT actor, action, target, status, job_execution_id, message "
                + "FROM console_action ORDER BY id DESC LIMIT 1").get(0);
    }
}
