package com.reportresumer.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.EnvVar;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code schedule} tells the webhook when no execution has completed for {@code resumer.notify.no-success-after}:
 * once per episode, however many checks follow, and again once a success has started a new episode.
 */
class NoSuccessNotificationTest {

    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment().withApi(api -> api.resumesEverything(0));

    private static List<JsonNode> noSuccess(WebhookReceiver webhook) {
        return webhook.received().stream().map(WebhookReceiver.Received::json)
                .filter(body -> body.get("event").asString().equals("no_success")).toList();
    }

    @Test
    void noSuccessForTheThresholdIsToldOncePerEpisode(@TempDir Path tomcat) throws Exception {
        try (WebhookReceiver webhook = WebhookReceiver.start()) {
            String url = EnvVar.of("RESUMER_NOTIFY_WEBHOOKURL", webhook.url());
            // a cron that does not fire during the test: the watch alone speaks; checked every second
            CliRun.Running schedule = CliRun.start(env.args("schedule", url, "--resumer.schedule.cron=0 0 0 1 1 *",
                    "--resumer.notify.no-success-after=2s", "--resumer.notify.console-url=https://console.internal",
                    "--server.port=0", "--server.tomcat.basedir=" + tomcat));
            try {
                webhook.await(1, Duration.ofSeconds(120)); // the context starts first: slow on a busy machine
                Thread.sleep(3500); // three more checks, all past the threshold
                List<JsonNode> told = noSuccess(webhook);
                assertThat(told).as("one episode: no execution ever completed").hasSize(1);
                JsonNode first = told.get(0);
                assertThat(first.get("last_success_execution_id").isNull()).isTrue();
                assertThat(first.get("latest_execution_id").isNull()).isTrue();
                assertThat(first.get("no_success_after_seconds").asLong()).isEqualTo(2);
                assertThat(first.get("age_seconds").asLong()).isGreaterThanOrEqualTo(2);
                assertThat(first.get("link").asString()).isEqualTo("https://console.internal/");
                assertThat(first.get("text").asString()).startsWith("report-resumer: no successful run for ")
                        .contains("none ever completed").contains("; no execution at all");

                // a success ends the episode; two seconds after it, the next one is told, once
                env.requests().flag(UUID.randomUUID().toString());
                CliRun run = env.cli("run", url);
                assertThat(run.exitCode()).as(run.toString()).isZero();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (noSuccess(webhook).size() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                Thread.sleep(3500);
                told = noSuccess(webhook);
                assertThat(told).as("the second episode, after execution 1 completed").hasSize(2);
                JsonNode second = told.get(1);
                assertThat(second.get("last_success_execution_id").asLong()).isEqualTo(1);
                assertThat(second.get("latest_execution_id").asLong()).isEqualTo(1);
                assertThat(second.get("latest_status").asString()).isEqualTo("COMPLETED");
                assertThat(second.get("link").asString()).isEqualTo("https://console.internal/runs/1");
                assertThat(second.get("text").asString()).contains("last: execution 1, ended ")
                        .endsWith("; latest: execution 1 COMPLETED https://console.internal/runs/1");
                assertThat(webhook.received()).extracting(r -> r.json().get("event").asString())
                        .as("and the run's own notification between them")
                        .containsExactly("no_success", "run_ended", "no_success");
            }
            finally {
                CliRun stopped = schedule.stop();
                assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
            }
        }
    }
}
