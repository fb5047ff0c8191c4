package com.reportresumer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code schedule}: fires on its cron, serves health and Prometheus metrics, stops cleanly when asked. */
class ScheduleTest {

    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment().withApi(api -> api.resumesEverything(0));

    @Test
    void firesOnItsCronAndExposesHealthAndMetrics(@TempDir Path tomcat) throws Exception {
        Requests requests = env.requests();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        requests.flag(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "typo");

        CliRun.Running schedule = CliRun.start(env.args("schedule", "--resumer.schedule.cron=*/2 * * * * *",
                "--resumer.schedule.zone=Europe/Stockholm", "--server.port=" + port,
                "--server.tomcat.basedir=" + tomcat)); // not a folder of its own left in the temp folder
        try {
            awaitCount(requests, "SELECT count(*) FROM resume_audit", 3);
            requests.flag(UUID.randomUUID().toString());
            awaitCount(requests, "SELECT count(*) FROM resume_audit", 4);
            awaitCount(requests, "SELECT count(*) FROM batch_job_execution WHERE status = 'COMPLETED'", 2);

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("UP").contains("\"schedule\"")
                    .containsPattern("\"role\":\"(standby|active)\"");
            String metrics = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("resumer_requests_total{outcome=\"RESUMED\"} 3.0")
                    .contains("resumer_requests_total{outcome=\"INVALID_ID\"} 1.0")
                    .contains("resumer_api_calls_seconds_count{status=\"200\"} 3")
                    .contains("resumer_runs_total{status=\"COMPLETED\"}")
                    // counted from 0 before the first such run: the alert on failed runs sees the first one
                    .contains("resumer_runs_total{status=\"FAILED\"} 0.0")
                    .contains("resumer_last_run_requests{outcome=\"RESUMED\"}");
            // what a Prometheus that scrapes native histograms asks for: protobuf first, which this jar leaves out
            HttpResponse<String> nativeFirst = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).header("Accept",
                    "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(nativeFirst.statusCode()).as(nativeFirst.body()).isEqualTo(200);
            assertThat(nativeFirst.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
            assertThat(nativeFirst.body()).contains("resumer_requests_total{outcome=\"RESUMED\"} 3.0");
        }
        finally {
            CliRun stopped = schedule.stop();
            // the exit code of the last run: only the first saw the typo, every later one resumed all it found
            assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
        }
        assertThat(requests.query("SELECT job_execution_id FROM resume_audit WHERE outcome <> 'RESUMED'"))
                .extracting(row -> row.get("job_execution_id")).containsExactly(1L);
        assertThat(requests.count("SELECT count(*) FROM batch_job_execution WHERE status <> 'COMPLETED'")).isZero();
        assertThat(env.api().resumeCalls()).hasSize(3);
        requests.assertConsistent();
    }

    @Test
    void anInvalidCronIsAConfigurationError(@TempDir Path tomcat) {
        List<String> props = new ArrayList<>(List.of(env.db().springArgs()));
        props.add("--resumer.schedule.cron=every night");
        props.add("--server.port=0");
        props.add("--server.tomcat.basedir=" + tomcat);
        CliRun result = CliRun.of(CliRun.line("schedule", props));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("resumer.schedule.cron");
    }

    private static void awaitCount(Requests requests, String sql, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (requests.count(sql) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + sql + " >= " + atLeast);
            }
            Thread.sleep(100);
        }
    }
}
