package com.reportresumer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.FakePartnerCenter;
import com.reportresumer.testsupport.ForkedApp;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real process (a forked JVM running the main class): standard output carries only the summary, every log
 * line goes to standard error (as JSON when asked), and neither the client secret nor a token appears anywhere —
 * not even with Feign's wire log at FULL and every logger of the client at DEBUG.
 */
class LoggingAndSecretsTest {

    @Test
    void logsGoToStandardErrorAsJsonWithoutSecretsEvenAtFullWireLogging() throws Exception {
        TestDatabases.Database db = TestDatabases.fresh();
        new Requests(db).flag(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        try (FakePartnerCenter api = new FakePartnerCenter().issuesTokens().resumesEverything(0)) {
            List<String> command = new ArrayList<>(List.of("--debug"));
            command.addAll(List.of(db.springArgs()));
            command.addAll(List.of(api.springArgs()));
            command.addAll(List.of("--logging.structured.format.console=ecs",
                    "--logging.level.com.reportresumer.partnercenter=DEBUG",
                    "--spring.cloud.openfeign.client.config.partner-center.logger-level=FULL",
                    "--spring.cloud.openfeign.client.config.entra-id.logger-level=FULL"));
            ForkedApp app = ForkedApp.start("run", command);
            Process process = app.process();
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();

            String stdout = app.out();
            String stderr = app.err();
            assertThat(process.exitValue()).as(stderr).isZero();
            assertThat(stdout).startsWith("Execution 1 COMPLETED").doesNotContain("\"@timestamp\"");
            List<String> logLines = stderr.lines().filter(l -> !l.isBlank()).toList();
            assertThat(logLines).isNotEmpty();
            JsonMapper json = JsonMapper.builder().build();
            List<String> notJson = logLines.stream().filter(line -> {
                try {
                    return !json.readTree(line).has("@timestamp");
                }
                catch (RuntimeException e) {
                    return true;
                }
            }).toList();
            assertThat(notJson).as("log lines that are not JSON").isEmpty();
            assertThat(stderr).contains("Bearer [redacted]").contains("ScheduledReport/resume")
                    .contains("Execution 1 ended COMPLETED");
            assertThat(stdout + stderr).doesNotContain(FakePartnerCenter.CLIENT_SECRET)
                    .doesNotContain(FakePartnerCenter.TOKEN);
        }
    }

    @Test
    void aConfigurationErrorIsOneLineOnStandardErrorOfTheRealProcess() throws Exception {
        TestDatabases.Database db = TestDatabases.fresh();
        List<String> props = new ArrayList<>(List.of(db.springArgs()));
        props.add("--resumer.job.chunk-size=-1");
        ForkedApp app = ForkedApp.start("run", props);
        assertThat(app.process().waitFor(90, TimeUnit.SECONDS)).isTrue();

        assertThat(app.process().exitValue()).as(app.err()).isEqualTo(2);
        assertThat(app.err().lines().toList()).as(app.err()).hasSize(1);
        assertThat(app.err()).startsWith("report-resumer: Configuration error: resumer.job.chunk-size");
        assertThat(app.out()).isEmpty();
    }
}
