package com.reportresumer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.reportresumer.testsupport.FakePartnerCenter.okJson;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.reportresumer.testsupport.EnvVar;
import com.reportresumer.testsupport.FakePartnerCenter;
import com.reportresumer.testsupport.ForkedApp;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.TestDatabases;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

    /**
     * Root and every HTTP logger at TRACE (set by environment and by argument), {@code --debug}, Feign at FULL: a
     * password-grant token request, a 401 and the refresh, resumes, then a run whose token request is refused. The
     * whole output of both processes holds neither secret, in any encoding, nor any token the server issued.
     */
    @Test
    void noSecretOrTokenAtTraceOnEveryLoggerSetByAnyMeans() throws Exception {
        String password = "p@ss/w0rd+SECRET";
        TestDatabases.Database db = TestDatabases.fresh();
        new Requests(db).flag(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        try (FakePartnerCenter api = new FakePartnerCenter()) {
            WireMockServer server = api.wireMock();
            server.stubFor(post(urlEqualTo(api.tokenPath())).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(okJson(tokenAnswer("tok-one-SECRET-issued"))).willSetStateTo("second"));
            server.stubFor(post(urlEqualTo(api.tokenPath())).inScenario("tokens").whenScenarioStateIs("second")
                    .willReturn(okJson(tokenAnswer("tok-two-SECRET-issued"))).willSetStateTo("refusing"));
            server.stubFor(post(urlEqualTo(api.tokenPath())).inScenario("tokens").whenScenarioStateIs("refusing")
                    .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                            .withBody("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215\"}")));
            server.stubFor(put(urlPathMatching(FakePartnerCenter.RESUME + ".*"))
                    .withHeader("Authorization", equalTo("Bearer tok-one-SECRET-issued"))
                    .willReturn(FakePartnerCenter.status(401, "Token expired")));
            server.stubFor(put(urlPathMatching(FakePartnerCenter.RESUME + ".*"))
                    .withHeader("Authorization", equalTo("Bearer tok-two-SECRET-issued"))
                    .willReturn(okJson(FakePartnerCenter.envelope(UUID.randomUUID().toString(), "Active", 200))));

            List<String> command = new ArrayList<>(List.of("--debug"));
            command.addAll(List.of(db.springArgs()));
            command.addAll(List.of(api.springArgs()));
            command.addAll(List.of("--resumer.partner-center.grant-type=password",
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
                    "--spring.cloud.openfeign.client.config.entra-id.logger-level=FULL"));
            ForkedApp resumes = ForkedApp.start("run", command);
            assertThat(resumes.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(resumes.process().exitValue()).as(resumes.err()).isZero();
            new Requests(db).flag(UUID.randomUUID().toString());
            ForkedApp refused = ForkedApp.start("run", command);
            assertThat(refused.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(refused.process().exitValue()).as(refused.err()).isEqualTo(1);

            String output = resumes.out() + resumes.err() + refused.out() + refused.err();
            // the loggers were really on: HttpClient's exchange log, Feign's wire log, Spring's TRACE
            assertThat(output).contains("org.apache.hc.client5").contains("Bearer [redacted]").contains("TRACE")
                    .contains("Entra ID refused the credentials");
            assertThat(api.tokenRequests()).isEqualTo(3);
            for (String secret : List.of(FakePartnerCenter.CLIENT_SECRET, password,
                    URLEncoder.encode(password, StandardCharsets.UTF_8), "tok-one-SECRET-issued",
                    "tok-two-SECRET-issued")) {
                assertThat(output).as("the output holds " + secret).doesNotContain(secret);
            }
        }
    }

    private static String tokenAnswer(String token) {
        return "{\"token_type\":\"Bearer\",\"expires_in\":\"3599\",\"access_token\":\"" + token + "\"}";
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
