package com.reportresumer.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.EnvVar;
import com.reportresumer.testsupport.ForkedApp;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real process (a forked JVM running the main class) with {@code --debug}: one INFO line when a notification
 * is delivered, one WARN line when it is given up, after its tries or at the process's exit; a webhook that hangs
 * holds the exit for {@code exit-wait} at most and changes nothing of the run; and the webhook's URL, its key, is
 * in no output, not even with every logger at TRACE (the JDK HTTP client's own debug logger among them).
 */
class NotificationProcessTest {

    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment().withApi(api -> api.resumesEverything(0));

    @TempDir
    Path dir;

    private WebhookReceiver webhook;

    @BeforeEach
    void receiver() throws Exception {
        webhook = WebhookReceiver.start();
        env.requests().flag(UUID.randomUUID().toString(), UUID.randomUUID().toString());
    }

    @AfterEach
    void closeReceiver() {
        webhook.close();
    }

    private record Ended(int exitCode, Instant at, String out, String err) {

        List<String> lines(String containing) {
            return err.lines().filter(line -> line.contains(containing)).toList();
        }
    }

    private Ended run(List<String> jvmOptions, String... more) throws Exception {
        List<String> properties = new ArrayList<>(List.of("--debug"));
        properties.addAll(List.of(more));
        ForkedApp app = ForkedApp.start(jvmOptions, "run", env.properties(properties.toArray(String[]::new)));
        assertThat(app.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
        Instant at = Instant.now();
        Ended ended = new Ended(app.process().exitValue(), at, app.out(), app.err());
        assertThat(ended.err()).as("--debug is on: Spring Batch at INFO")
                .contains("INFO [main] o.s.b.c.l.s.TaskExecutorJobLauncher");
        assertThat(ended.out() + ended.err()).as("the webhook's key").doesNotContain(WebhookReceiver.KEY)
                .doesNotContain("T0R3S/B0M3R");
        return ended;
    }

    @Test
    void aHangingWebhookHoldsTheExitForExitWaitOnlyAndIsGivenUpWithOneWarnLine() throws Exception {
        webhook.answering(WebhookReceiver.HANG);
        Path file = dir.resolve("webhook-url");
        Files.writeString(file, webhook.url() + "\n");

        Ended ended = run(List.of(), EnvVar.of("RESUMER_NOTIFY_WEBHOOKURL_FILE", file.toString()),
                "--resumer.notify.timeout=20s", "--resumer.notify.exit-wait=2s");

        assertThat(ended.exitCode()).as(ended.err()).isZero();
        assertThat(ended.out()).startsWith("Execution 1 COMPLETED in ");
        List<WebhookReceiver.Received> received = webhook.received();
        assertThat(received).as("the first try hangs: no second one").hasSize(1);
        assertThat(Duration.between(received.get(0).at(), ended.at()))
                .as("from the webhook's request to the process's exit: exit-wait (2 s), not the try's 20 s")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(ended.lines("Gave up notifying the webhook")).singleElement().asString().contains(" WARN ")
                .contains("execution 1 COMPLETED").contains("still on its way after 2.0 s");
        assertThat(ended.lines("Notified the webhook")).isEmpty();
    }

    @Test
    void aWebhookThatIsDownIsGivenUpAfterItsTriesWithOneWarnLine() throws Exception {
        Ended ended = run(List.of(), EnvVar.of("RESUMER_NOTIFY_WEBHOOKURL", WebhookReceiver.nothingListening()),
                "--resumer.notify.backoff=50ms", "--resumer.notify.attempts=3");

        assertThat(ended.exitCode()).as(ended.err()).isZero();
        assertThat(ended.out()).startsWith("Execution 1 COMPLETED");
        assertThat(ended.lines("Gave up notifying the webhook")).singleElement().asString().contains(" WARN ")
                .contains("execution 1 COMPLETED after 3 tries: could not connect");
        assertThat(ended.lines("failed: could not connect")).as("each failed try, at DEBUG").hasSize(3)
                .allMatch(line -> line.contains(" DEBUG "));
    }

    @Test
    void aWebhookThatAnswersOnTheSecondTryIsToldWithOneInfoLineWithEveryLoggerAtTrace() throws Exception {
        webhook.answering(503);
        // every logger at TRACE, the JDK HTTP client's own debug logger among them (it logs through the bridge)
        Ended ended = run(List.of(), EnvVar.of("RESUMER_NOTIFY_WEBHOOKURL", webhook.url()),
                EnvVar.of("LOGGING_LEVEL_ROOT", "TRACE"), "--resumer.notify.backoff=50ms");

        assertThat(ended.exitCode()).as(ended.err()).isZero();
        assertThat(webhook.received()).hasSize(2);
        assertThat(ended.lines("Notified the webhook")).singleElement().asString().contains(" INFO ")
                .contains("execution 1 COMPLETED (HTTP 200, try 2 of 3)");
        assertThat(ended.lines("try 1 of 3 failed: HTTP 503")).singleElement().asString().contains(" DEBUG ");
        assertThat(ended.lines("Gave up")).isEmpty();
        // the loggers were on (the JDK HTTP client's own debug logger no longer reaches the output since the jar
        // left the Log4j API out; what does reach it is checked for the URL in run())
        assertThat(ended.err()).as("the loggers were on").contains(" TRACE ").contains(" DEBUG [notify] ");
    }
}
