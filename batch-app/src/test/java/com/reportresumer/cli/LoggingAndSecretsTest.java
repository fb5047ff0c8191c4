package com.reportresumer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.sandbox.RecordedRequest;
import com.reportresumer.sandbox.TokenAnswer;
import com.reportresumer.testsupport.EnvVar;
import com.reportresumer.testsupport.ForkedApp;
import com.reportresumer.testsupport.PartnerCenterStandIn;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real process (a forked JVM running the main class): standard output carries only the summary, every log
 * line goes to standard error (as JSON when asked), and neither the client secret nor a token appears anywhere —
 * not even with Feign's wire log at FULL and every logger of the client at DEBUG.
 */
class LoggingAndSecretsTest {

    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment().withApi(api -> api.resumesEverything(0));

    @Test
    void logsGoToStandardErrorAsJsonWithoutSecretsEvenAtFullWireLogging() throws Exception {
        env.requests().flag(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        ForkedApp app = ForkedApp.start("run", env.properties("--debug", "--logging.structured.format.console=ecs",
                "--logging.level.com.reportresumer.partnercenter=DEBUG",
                "--spring.cloud.openfeign.client.config.partner-center.logger-level=FULL",
                "--spring.cloud.openfeign.client.config.entra-id.logger-level=FULL"));
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
        assertThat(stdout + stderr).doesNotContain(PartnerCenterStandIn.CLIENT_SECRET)
                .doesNotContain(PartnerCenterStandIn.TOKEN);
    }

    /**
     * Root and every HTTP logger at TRACE (set by environment and by argument), {@code --debug}, Feign at FULL: a
     * password-grant token request, a 401 and the refresh, resumes, then a run whose token request is refused. The
     * whole output of both processes holds neither secret, in any encoding, nor any token the server issued.
     */
    @Test
    void noSecretOrTokenAtTraceOnEveryLoggerSetByAnyMeans() throws Exception {
        String password = "p@ss/w0rd+SECRET";
        env.requests().flag(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        PartnerCenterStandIn api = env.api();
        // the API refuses the first token (a 401 and a refresh), takes the second, then a refusal of the endpoint
        api.script().answerTokenRequests(
                TokenAnswer.token("tok-one-SECRET-issued", 3599).acceptedByApiFor(Duration.ZERO),
                TokenAnswer.token("tok-two-SECRET-issued", 3599),
                TokenAnswer.raw(401, "application/json",
                        "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215\"}"));

        List<String> command = env.properties("--debug", "--resumer.partner-center.grant-type=password",
                "--resumer.partner-center.username=ops@contoso.com",
                EnvVar.of("RESUMER_PARTNERCENTER_PASSWORD", password),
                EnvVar.of("LOGGING_LEVEL_ROOT", "TRACE"),
                "--logging.level.org.apache.hc=TRACE",
                "--logging.level.org.apache.hc.client5.http.wire=TRACE",
                "--logging.level.org.apache.hc.client5.http.headers=TRACE",
                "--logging.level.feign=TRACE",
                "--logging.level.com.reportresumer=TRACE",
                "--resumer.job.concurrency=1",
                "--spring.cloud.openfeign.client.config.default.logger-level=FULL",
                "--spring.cloud.openfeign.client.config.partner-center.logger-level=FULL",
                "--spring.cloud.openfeign.client.config.entra-id.logger-level=FULL");
        ForkedApp resumes = ForkedApp.start("run", command);
        assertThat(resumes.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(resumes.process().exitValue()).as(resumes.err()).isZero();
        env.requests().flag(UUID.randomUUID().toString());
        ForkedApp refused = ForkedApp.start("run", command);
        assertThat(refused.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.process().exitValue()).as(refused.err()).isEqualTo(1);

        String output = resumes.out() + resumes.err() + refused.out() + refused.err();
        // the loggers were really on: HttpClient's exchange log, Feign's wire log, Spring's TRACE
        assertThat(output).contains("org.apache.hc.client5").contains("Bearer [redacted]").contains("TRACE")
                .contains("Entra ID refused the credentials");
        assertThat(api.tokenRequests()).isEqualTo(3);
        assertThat(api.resumeCalls()).as("a 401 for the first token, then the calls with the second")
                .extracting(RecordedRequest::status).containsExactly(401, 200, 200);
        for (String secret : List.of(PartnerCenterStandIn.CLIENT_SECRET, password,
                URLEncoder.encode(password, StandardCharsets.UTF_8), "tok-one-SECRET-issued",
                "tok-two-SECRET-issued")) {
            assertThat(output).as("the output holds " + secret).doesNotContain(secret);
        }
    }

    @Test
    void aConfigurationErrorIsOneLineOnStandardErrorOfTheRealProcess() throws Exception {
        List<String> props = new ArrayList<>(List.of(env.db().springArgs()));
        props.add("--resumer.job.chunk-size=-1");
        ForkedApp app = ForkedApp.start("run", props);
        assertThat(app.process().waitFor(90, TimeUnit.SECONDS)).isTrue();

        assertThat(app.process().exitValue()).as(app.err()).isEqualTo(2);
        assertThat(app.err().lines().toList()).as(app.err()).hasSize(1);
        assertThat(app.err()).startsWith("report-resumer: Configuration error: resumer.job.chunk-size");
        assertThat(app.out()).isEmpty();
    }
}
