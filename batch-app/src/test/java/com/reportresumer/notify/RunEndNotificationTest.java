package com.reportresumer.notify;

import static com.reportresumer.testsupport.PartnerCenterStandIn.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.resume.ResumeOutcome;
import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.EnvVar;
import com.reportresumer.testsupport.ForkedApp;
import com.reportresumer.testsupport.PartnerCenterStandIn;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every execution that ends is told to the webhook, in this JVM against a real HTTP server on loopback: its ID,
 * status, exit code (the command's own), counts for every outcome, duration, the console's link, and the line
 * people read; whoever started it ({@code run}, {@code restart}, {@code rerun-failed}) and however it ended. A
 * webhook that refuses, or is not there at all, changes nothing about the run.
 */
class RunEndNotificationTest {

    /** How the command's summary begins the reason of a run that did not complete. */
    private static final String NOT_COMPLETED = "The run did not complete: ";

    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment().withProperties("--resumer.job.max-attempts=1",
            "--resumer.job.outage-after=2", "--resumer.job.chunk-size=1", "--resumer.job.concurrency=1",
            "--resumer.notify.backoff=100ms");

    private WebhookReceiver webhook;

    @BeforeEach
    void receiver() throws Exception {
        webhook = WebhookReceiver.start();
    }

    @AfterEach
    void closeReceiver() {
        webhook.close();
    }

    private CliRun cli(String command, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(more));
        args.add(EnvVar.of("RESUMER_NOTIFY_WEBHOOKURL", webhook.url()));
        return env.cli(command, args.toArray(String[]::new));
    }

    @Test
    void aCompletedRunIsToldWithEveryOutcomeItsExitCodeDurationAndTheConsolesLink() throws Exception {
        UUID missing = UUID.randomUUID();
        env.api().resumesEverything(0).answers(missing, status(404, "Report not found"));
        env.requests().flag(missing.toString(), UUID.randomUUID().toString(), "typo");

        CliRun run = cli("run", "--resumer.notify.console-url=https://resumer.example.internal/");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);

        // the command waits for a notification on its way (up to exit-wait): it has arrived when the command ends
        List<WebhookReceiver.Received> received = webhook.received();
        assertThat(received).hasSize(1);
        assertThat(received.get(0).contentType()).startsWith("application/json");
        JsonNode body = received.get(0).json();
        assertThat(body.get("event").asString()).isEqualTo("run_ended");
        assertThat(body.get("execution_id").asLong()).isEqualTo(1);
        assertThat(body.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(body.get("exit_code").asInt()).as("the command's exit code").isEqualTo(run.exitCode());
        assertThat(body.get("counts").propertyNames()).as("every outcome, in the enum's order")
                .containsExactlyElementsOf(Arrays.stream(ResumeOutcome.values()).map(Enum::name).toList());
        assertThat(body.get("counts").get("RESUMED").asLong()).isEqualTo(1);
        assertThat(body.get("counts").get("NOT_FOUND").asLong()).isEqualTo(1);
        assertThat(body.get("counts").get("INVALID_ID").asLong()).isEqualTo(1);
        assertThat(body.get("counts").get("FAILED").asLong()).isZero();
        assertThat(body.get("processed").asLong()).isEqualTo(3);
        assertThat(body.has("reason")).as("a completed run needs no reason").isFalse();
        assertThat(body.get("link").asString()).isEqualTo("https://resumer.example.internal/runs/1");

        // the duration is the execution's, as the job repository has it
        Map<String, Object> times = env.requests().query(
                "SELECT start_time, end_time FROM batch_job_execution WHERE job_execution_id = 1").get(0);
        Duration stored = Duration.between(((java.sql.Timestamp) times.get("start_time")).toLocalDateTime(),
                ((java.sql.Timestamp) times.get("end_time")).toLocalDateTime());
        assertThat(body.get("duration_ms").asLong()).isBetween(stored.toMillis() - 5, stored.toMillis() + 5);
        Instant storedEnd = ((java.sql.Timestamp) times.get("end_time")).toLocalDateTime()
                .atZone(ZoneId.systemDefault()).toInstant();
        assertThat(Duration.between(Instant.parse(body.get("ended_at").asString()), storedEnd).abs())
                .as("the end the job repository stored (to its microseconds)").isLessThan(Duration.ofMillis(1));

        assertThat(body.get("text").asString()).matches("report-resumer: execution 1 COMPLETED \\(exit 3\\) in "
                + "[0-9.]+ (ms|s|min [0-9]+ s): 1 RESUMED, 1 NOT_FOUND, 1 INVALID_ID "
                + "https://resumer\\.example\\.internal/runs/1");
        assertThat(received.get(0).path()).endsWith(WebhookReceiver.KEY);
    }

    @Test
    void anOutageIsToldFailedWithItsReasonAndItsRestartAndRerunFailedAreToldToo() throws Exception {
        env.api().answersEveryResume(status(503, "Service unavailable"));
        env.requests().flagRandom(5);
        CliRun outage = cli("run");
        assertThat(outage.exitCode()).as(outage.toString()).isEqualTo(1);

        env.api().answersEveryResume(PartnerCenterStandIn.resumed());
        CliRun restart = cli("restart");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        CliRun rerun = cli("rerun-failed");
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();

        List<JsonNode> told = webhook.received().stream().map(WebhookReceiver.Received::json).toList();
        assertThat(told).extracting(b -> b.get("execution_id").asLong()).containsExactly(1L, 2L, 3L);
        assertThat(told).extracting(b -> b.get("status").asString()).containsExactly("FAILED", "COMPLETED",
                "COMPLETED");
        assertThat(told).extracting(b -> b.get("exit_code").asInt()).containsExactly(1, 0, 0);
        JsonNode failed = told.get(0);
        assertThat(failed.get("counts").get("FAILED").asLong()).isEqualTo(2);
        assertThat(failed.get("reason").asString()).contains("outage").contains("2 reports in a row");
        assertThat(failed.has("link")).as("no console URL, no link").isFalse();
        assertThat(failed.get("text").asString()).startsWith("report-resumer: execution 1 FAILED (exit 1) in ")
                .contains(": 2 FAILED — Partner Center outage").doesNotContain("http");
        assertThat(told.get(1).get("counts").get("RESUMED").asLong()).as("the restart: what was still pending")
                .isEqualTo(3);
        assertThat(told.get(2).get("counts").get("RESUMED").asLong()).as("rerun-failed: the two that failed")
                .isEqualTo(2);
        assertThat(told.get(2).get("text").asString()).endsWith(": 2 RESUMED");
    }

    @Test
    void aStoppedRunIsToldInTheWordsItsCommandPrinted() throws Exception {
        // 400 reports at 50 ms, one at a time: twenty seconds, far longer than `stop` takes to start and ask
        env.api().resumesEverything(50);
        env.requests().flagRandom(400);
        ForkedApp run = ForkedApp.start("run", env.properties(EnvVar.of("RESUMER_NOTIFY_WEBHOOKURL", webhook.url())));
        env.closedAfter(() -> run.process().destroyForcibly()); // whatever fails below, the run ends with the test
        env.requests().awaitCount("SELECT count(*) FROM resume_audit", 10);
        CliRun stop = env.cli("stop", "--by", "olga");
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(run.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.process().exitValue()).as(run.err()).isEqualTo(1);

        String out = run.out();
        String printed = out.lines().filter(line -> line.startsWith(NOT_COMPLETED))
                .map(line -> line.substring(NOT_COMPLETED.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no reason in the run's summary: " + out));
        JsonNode told = webhook.await(1, Duration.ofSeconds(10)).get(0).json();
        assertThat(told.get("status").asString()).isEqualTo("STOPPED");
        assertThat(told.get("reason").asString()).as("the chat and the terminal say the same").isEqualTo(printed);
        assertThat(told.get("text").asString()).as("and what to do next, as the summary's next line")
                .endsWith(" — " + printed + " — `restart 1` continues it");
        assertThat(printed).as("an operator's stop, no signal").contains("stopped on request").doesNotContain("SIGTERM");
    }

    @Test
    void aWebhookThatFailsIsTriedAgainAndOneThatRefusesIsNot() throws Exception {
        env.api().resumesEverything(0);
        webhook.answering(503, 500, 200, 404);
        env.requests().flagRandom(1);
        assertThat(cli("run", "--resumer.notify.attempts=3").exitCode()).isZero();
        List<WebhookReceiver.Received> first = webhook.received();
        assertThat(first).as("503, 500, then 200 on the third try").hasSize(3);
        assertThat(first).extracting(WebhookReceiver.Received::body).containsOnly(first.get(0).body());

        env.requests().flagRandom(1);
        assertThat(cli("run", "--resumer.notify.attempts=3").exitCode()).isZero();
        assertThat(webhook.received()).as("a 404 is final: one try").hasSize(4);
    }

    @Test
    void aWebhookThatIsDownChangesNeitherTheExitCodeNorTheOutcomesAndHoldsTheEndOnlyForExitWait() throws Exception {
        env.api().resumesEverything(0);
        env.requests().flagRandom(2);
        // refused at once, then 10 s and 20 s of back-off: 30 s the command would wait, were it not for exit-wait
        CliRun run = env.cli("run", EnvVar.of("RESUMER_NOTIFY_WEBHOOKURL", WebhookReceiver.nothingListening()),
                "--resumer.notify.backoff=10s", "--resumer.notify.attempts=3", "--resumer.notify.exit-wait=1s");
        LocalDateTime returned = LocalDateTime.now();
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("Execution 1 COMPLETED");
        assertThat(run.err()).as("nothing about the webhook on the command's own output").isEmpty();
        assertThat(env.requests().count("SELECT count(*) FROM resume_audit WHERE outcome = 'RESUMED'")).isEqualTo(2);
        LocalDateTime ended = ((java.sql.Timestamp) env.requests().query(
                "SELECT end_time FROM batch_job_execution WHERE job_execution_id = 1").get(0).get("end_time"))
                .toLocalDateTime();
        assertThat(Duration.between(ended, returned)).as("from the run's end to the command's: exit-wait (the "
                + "notification was on its way, in its back-off) and the context's close, not the back-off")
                .isGreaterThanOrEqualTo(Duration.ofMillis(950)).isLessThan(Duration.ofMillis(8000));
    }
}
