package com.reportresumer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.FakePartnerCenter;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.TestDatabases;
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
import org.junit.jupiter.api.io.TempDir;

/** {@code schedule}: fires on its cron, serves health and Prometheus metrics, stops cleanly when asked. */
class ScheduleTest {

    @Test
    void firesOnItsCronAndExposesHealthAndMetrics(@TempDir Path tomcat) throws Exception {
        TestDatabases.Database db = TestDatabases.fresh();
        Requests requests = new Requests(db);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (FakePartnerCenter api = new FakePartnerCenter().issuesTokens().resumesEverything(0)) {
            requests.flag(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "typo");
            List<String> props = new ArrayList<>(List.of(db.springArgs()));
            props.addAll(List.of(api.springArgs()));
            props.add("--resumer.schedule.cron=*/2 * * * * *");
            props.add("--resumer.schedule.zone=Europe/Stockholm");
            props.add("--server.port=" + port);
            props.add("--server.tomcat.basedir=" + tomcat); // not a folder of its own left in the temp folder

            CliRun.Running schedule = CliRun.start(CliRun.line("schedule", props));
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
                assertThat(health.body()).contains("UP");
                String metrics = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).contains("resumer_requests_total{outcome=\"RESUMED\"} 3.0")
                        .contains("resumer_requests_total{outcome=\"INVALID_ID\"} 1.0")
                        .contains("resumer_api_calls_seconds_count{status=\"200\"} 3")
                        .contains("resumer_runs_total{status=\"COMPLETED\"}")
                        .contains("resumer_last_run_requests{outcome=\"RESUMED\"}");
            }
            finally {
                CliRun stopped = schedule.stop();
                assertThat(stopped.exitCode()).as(stopped.toString()).isIn(0, 3);
            }
            assertThat(api.resumeCalls()).hasSize(3);
            requests.assertConsistent();
        }
    }

    @Test
    void anInvalidCronIsAConfigurationError(@TempDir Path tomcat) {
        TestDatabases.Database db = TestDatabases.fresh();
        List<String> props = new ArrayList<>(List.of(db.springArgs()));
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
