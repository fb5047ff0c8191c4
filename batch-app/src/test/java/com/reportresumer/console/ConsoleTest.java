package com.reportresumer.console;

import static com.reportresumer.testsupport.PartnerCenterStandIn.resumed;
import static com.reportresumer.testsupport.PartnerCenterStandIn.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console over real HTTP against a database one run has filled: nothing before sign-in, a viewer reads and
 * cannot act, the exports are what {@code audit --format csv|json} prints, and an operator reruns a run's failures.
 */
class ConsoleTest {

    @RegisterExtension
    static final ResumerEnvironment env = new ResumerEnvironment()
            .withProperties("--resumer.job.max-attempts=1", "--resumer.job.backoff.initial=5ms");

    static final String OK_1 = UUID.randomUUID().toString();
    static final String OK_2 = UUID.randomUUID().toString();
    static final UUID DOWN_1 = UUID.randomUUID();
    static final UUID DOWN_2 = UUID.randomUUID();
    static final String TYPO = "not-a-report-id";

    static RunningConsole console;

    @BeforeAll
    static void aRunWithFailuresThenTheConsole() throws Exception {
        // the two DOWN reports fail their one try in the first run, and are resumed when rerun
        env.api().resumesEverything(0).answers(DOWN_1, status(503, "Service unavailable"), resumed())
                .answers(DOWN_2, status(503, "Service unavailable"), resumed());
        env.requests().flag(OK_1, OK_2, DOWN_1.toString(), DOWN_2.toString(), TYPO);
        CliRun run = env.cli("run");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        console = RunningConsole.withUsers(env);
    }

    @AfterAll
    static void stop() throws Exception {
        CliRun stopped = console.stop();
        assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
        assertThat(stopped.err()).contains("console at http://127.0.0.1:" + console.port() + "/");
    }

    @Test
    void nothingIsVisibleBeforeSignIn() throws Exception {
        Browserless anonymous = new Browserless(false);
        for (String path : List.of("/", "/runs/1", "/audit", "/audit.csv", "/audit.json?run=1",
                "/reports?id=" + DOWN_1, "/queue", "/actions/rerun-failed?run=1", "/console/runs.html")) {
            HttpResponse<String> page = anonymous.get(console.url(path));
            assertThat(page.statusCode()).as(path).isEqualTo(302);
            assertThat(page.headers().firstValue("Location")).as(path).hasValue(console.url("/login"));
            assertThat(page.body()).as(path).doesNotContain(DOWN_1.toString()).doesNotContain("Service unavailable");
        }
        HttpResponse<String> post = anonymous.post(console.url("/actions/rerun-failed"), Map.of("run", "1"));
        assertThat(post.statusCode()).isEqualTo(403); // no CSRF token, no session
        assertThat(anonymous.get(console.url("/login")).body()).contains("name=\"username\"")
                .doesNotContain(DOWN_1.toString());
        assertThat(anonymous.get(console.url("/console.css")).statusCode()).isEqualTo(200);
        assertThat(anonymous.get(console.url("/actuator/health")).body()).contains("UP");

        Browserless wrong = new Browserless(false);
        HttpResponse<String> refused = wrong.signIn(console, RunningConsole.OPERATOR, "not the password");
        assertThat(refused.headers().firstValue("Location")).hasValue(console.url("/login?error"));
        assertThat(wrong.get(console.url("/")).statusCode()).isEqualTo(302);
    }

    @Test
    void aViewerReadsEveryPageButHasNoActionAndIsRefusedOne() throws Exception {
        long actionsBefore = env.requests().count("SELECT count(*) FROM console_action");
        Browserless viewer = new Browserless(true);
        HttpResponse<String> home = viewer.signIn(console, RunningConsole.VIEWER, RunningConsole.PASSWORD);
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("<h1>Runs</h1>").contains("victor · viewer").contains("href=\"/runs/1\"");
        // the chart: a bar per execution, a segment per outcome it had, in the enum's order
        assertThat(home.body()).contains("<title>execution 1: 2 RESUMED, 1 INVALID_ID, 2 FAILED</title>")
                .containsPattern("<rect [^>]*class=\"chart-FAILED\"")
                .containsPattern("<rect [^>]*class=\"chart-RESUMED\"");

        String run = viewer.get(console.url("/runs/1")).body();
        assertThat(run).contains("Execution 1").contains("Service unavailable")
                .contains("/reports?id=" + DOWN_1).contains(TYPO)
                .doesNotContain("rerun-failed");
        // both 503s are one group of two reports
        assertThat(run).containsPattern("<td class=\"n\">2</td>\\s*<td>FAILED</td>\\s*<td>503</td>");

        String history = viewer.get(console.url("/reports?id=" + DOWN_1.toString().toUpperCase())).body();
        assertThat(history).contains("<h2 id=\"report\">" + DOWN_1.toString().toUpperCase() + "</h2>")
                .contains("Service unavailable").contains("FAILED in execution 1");
        String prefix = viewer.get(console.url("/reports?id=" + DOWN_1.toString().substring(0, 8))).body();
        assertThat(prefix).contains(DOWN_1.toString()); // the one report it names, or the list that has it

        assertThat(viewer.get(console.url("/queue")).body()).contains("0 pending");
        assertThat(viewer.get(console.url("/audit?outcome=FAILED")).body()).contains("2 rows, oldest first");

        HttpResponse<String> confirm = viewer.get(console.url("/actions/rerun-failed?run=1"));
        assertThat(confirm.statusCode()).isEqualTo(403);
        HttpResponse<String> post = viewer.post(console.url("/actions/rerun-failed"),
                Map.of("run", "1", "_csrf", Browserless.csrf(home.body())));
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(post.body()).contains("only an operator acts");
        assertThat(env.requests().count("SELECT count(*) FROM console_action")).isEqualTo(actionsBefore);
    }

    @Test
    void theExportsAreWhatAuditPrintsByteForByte() throws Exception {
        Browserless viewer = Browserless.signedIn(console, RunningConsole.VIEWER);
        List<List<String>> filterSets = List.of(List.of(), List.of("run", "1", "outcome", "FAILED"),
                List.of("report", " " + DOWN_1.toString().toUpperCase() + " "), List.of("report", TYPO),
                List.of("outcome", "FAILED", "outcome", "INVALID_ID", "latest", "true"),
                List.of("since", "7d", "limit", "3"));
        for (List<String> filters : filterSets) {
            StringBuilder query = new StringBuilder();
            List<String> options = new ArrayList<>();
            for (int i = 0; i < filters.size(); i += 2) {
                query.append(query.isEmpty() ? "?" : "&").append(filters.get(i)).append('=')
                        .append(java.net.URLEncoder.encode(filters.get(i + 1), StandardCharsets.UTF_8));
                if (filters.get(i).equals("latest")) {
                    options.add("--latest");
                }
                else {
                    options.add("--" + filters.get(i));
                    options.add(filters.get(i + 1));
                }
            }
            for (String format : List.of("csv", "json")) {
                List<String> line = new ArrayList<>(options);
                line.add("--format");
                line.add(format);
                CliRun audit = env.cli("audit", line.toArray(String[]::new));
                assertThat(audit.exitCode()).as(audit.toString()).isZero();
                HttpResponse<byte[]> export = viewer.getBytes(console.url("/audit." + format + query));
                assertThat(export.statusCode()).as(format + query).isEqualTo(200);
                assertThat(export.headers().firstValue("Content-Disposition")).hasValue(
                        "attachment; filename=\"audit." + format + "\"");
                assertThat(export.body()).as(format + query)
                        .isEqualTo(audit.out().getBytes(StandardCharsets.UTF_8));
            }
        }
        HttpResponse<String> refused = viewer.get(console.url("/audit.csv?since=1d&until=2d"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("is not before until");
    }

    @Test
    void anOperatorRerunsTheFailedReportsOfARunAndTheActionIsRecorded() throws Exception {
        Browserless operator = Browserless.signedIn(console, RunningConsole.OPERATOR);
        String run = operator.get(console.url("/runs/1")).body();
        assertThat(run).contains("href=\"/actions/rerun-failed?run=1\"");
        String confirm = operator.get(console.url("/actions/rerun-failed?run=1")).body();
        assertThat(confirm).contains("rerun-failed --run 1");

        HttpResponse<String> done = operator.post(console.url("/actions/rerun-failed"),
                Map.of("run", "1", "_csrf", Browserless.csrf(confirm)));
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.uri().getPath()).isEqualTo("/");
        assertThat(done.body()).contains("Rerun of the FAILED reports of execution 1 asked");

        env.requests().awaitCount("SELECT count(*) FROM console_action WHERE status <> 'ASKED'", 1);
        List<Map<String, Object>> rows = env.requests().query(
                "SELECT actor, role, action, target, status, answers, job_execution_id, message FROM console_action "
                        + "ORDER BY id");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("actor", "olivia").containsEntry("role", "OPERATOR")
                .containsEntry("action", "RERUN_FAILED").containsEntry("target", "1").containsEntry("status", "ASKED");
        assertThat(rows.get(1)).containsEntry("status", "DONE").containsEntry("job_execution_id", 2L);
        assertThat((String) rows.get(1).get("message")).contains("flagged 2 FAILED reports again")
                .contains("execution 2 ended COMPLETED");
        assertThat(env.requests().latestAudit().get(DOWN_1.toString())).containsEntry("outcome", "RESUMED");
        assertThat(operator.get(console.url("/")).body()).contains("RERUN_FAILED").contains("olivia")
                .contains("execution 1").contains("href=\"/runs/2\"");

        // append-only, whoever asks
        for (String change : List.of("UPDATE console_action SET actor = 'someone else'", "DELETE FROM console_action",
                "TRUNCATE console_action")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> env.requests().update(change))
                    .as(change).hasMessageContaining("append-only");
        }
    }
}
