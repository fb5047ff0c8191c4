package com.reportresumer.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A real HTTP server (WireMock) playing Partner Center and Entra ID on loopback, with helpers for the answers
 * the tests need. Client secret and tokens are distinctive strings so tests can prove they never leak.
 */
public final class FakePartnerCenter implements AutoCloseable {

    public static final String TENANT = "contoso-tenant";
    public static final String CLIENT_ID = "client-app-id";
    public static final String CLIENT_SECRET = "s3cr3t-CLIENT-SECRET-value";
    public static final String TOKEN = "eyJ0-SECRET-TOKEN-1";
    public static final String API_PATH = "/insights/v1/mpn";
    public static final String RESUME = API_PATH + "/ScheduledReport/resume/";

    private final WireMockServer server;

    public FakePartnerCenter() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(64)
                .jettyAcceptors(2));
        server.start();
        server.resetAll();
    }

    public WireMockServer wireMock() {
        return server;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public String tokenPath() {
        return "/" + TENANT + "/oauth2/token";
    }

    /** The properties that point the application at this server, with client credentials (the secret in the environment). */
    public String[] springArgs() {
        return new String[] { "--resumer.partner-center.base-url=" + baseUrl(),
                "--resumer.partner-center.token-url=" + baseUrl() + tokenPath(),
                "--resumer.partner-center.tenant-id=" + TENANT,
                "--resumer.partner-center.client-id=" + CLIENT_ID,
                EnvVar.of("RESUMER_PARTNERCENTER_CLIENTSECRET", CLIENT_SECRET) };
    }

    /** The token endpoint answers as Entra ID v1 does: numbers as strings. */
    public FakePartnerCenter issuesTokens(String token, long expiresInSeconds) {
        server.stubFor(post(urlEqualTo(tokenPath())).willReturn(okJson("""
                {"token_type":"Bearer","expires_in":"%d","ext_expires_in":"%d","expires_on":"1612794445",
                 "resource":"https://api.partnercenter.microsoft.com","access_token":"%s"}"""
                .formatted(expiresInSeconds, expiresInSeconds, token))));
        return this;
    }

    /** Every token request gets a token of its own, so each process's calls can be told apart. */
    public FakePartnerCenter issuesDistinctTokens() {
        server.stubFor(post(urlEqualTo(tokenPath())).willReturn(okJson("""
                {"token_type":"Bearer","expires_in":"3599","access_token":"tok-{{randomValue length=24 type='ALPHANUMERIC'}}"}""")
                .withTransformers("response-template")));
        return this;
    }

    public FakePartnerCenter issuesTokens() {
        return issuesTokens(TOKEN, 3599);
    }

    /** Every valid resume call succeeds with the report Active, after {@code delayMillis}. */
    public FakePartnerCenter resumesEverything(int delayMillis) {
        server.stubFor(put(urlPathMatching(RESUME + ".*")).atPriority(10)
                .willReturn(okJson(envelope("{RID}", "Active", 200)).withFixedDelay(delayMillis)
                        .withTransformers("response-template")));
        return this;
    }

    public FakePartnerCenter answers(UUID reportId, ResponseDefinitionBuilder answer) {
        server.stubFor(put(urlEqualTo(RESUME + reportId)).atPriority(1).willReturn(answer));
        return this;
    }

    /** Answers {@code first} for the first {@code times} calls of this report, then {@code then}. */
    public FakePartnerCenter answersFirst(UUID reportId, int times, ResponseDefinitionBuilder first,
            ResponseDefinitionBuilder then) {
        String scenario = "report-" + reportId;
        String state = Scenario.STARTED;
        for (int i = 1; i <= times; i++) {
            String next = "after-" + i;
            server.stubFor(put(urlEqualTo(RESUME + reportId)).atPriority(1).inScenario(scenario)
                    .whenScenarioStateIs(state).willReturn(first).willSetStateTo(next));
            state = next;
        }
        server.stubFor(put(urlEqualTo(RESUME + reportId)).atPriority(1).inScenario(scenario)
                .whenScenarioStateIs(state).willReturn(then));
        return this;
    }

    public static ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    public static ResponseDefinitionBuilder status(int status, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"Value\":[],\"TotalCount\":0,\"Message\":\"" + message + "\",\"StatusCode\":" + status
                        + "}");
    }

    public static ResponseDefinitionBuilder resumed(UUID reportId) {
        return okJson(envelope(reportId.toString(), "Active", 200));
    }

    /** The PascalCase envelope of the reference pages, with one report. */
    public static String envelope(String reportId, String reportStatus, int statusCode) {
        String id = reportId.equals("{RID}") ? "{{request.path.[5]}}" : reportId;
        return """
                {"Value":[{"ReportId":"%s","ReportName":"Daily customers","Description":null,"QueryId":"q-1",
                  "Query":"SELECT CustomerId FROM Customers","User":"ops@contoso.com",
                  "CreatedTime":"2021-04-01T18:41:00Z","ModifiedTime":"2021-04-02T18:41:00Z","ExecuteNow":false,
                  "StartTime":"2021-04-03T00:00:00Z","ReportStatus":"%s","RecurrenceInterval":48,
                  "RecurrenceCount":20,"CallbackUrl":null,"CallbackMethod":null,"Format":"csv"}],
                 "TotalCount":1,"Message":"Report resumed successfully","StatusCode":%d}"""
                .formatted(id, reportStatus, statusCode);
    }

    /** Every resume request received, in order. */
    public List<LoggedRequest> resumeCalls() {
        return server.getAllServeEvents().stream()
                .map(e -> e.getRequest())
                .filter(r -> r.getUrl().startsWith(RESUME))
                .sorted((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()))
                .toList();
    }

    /** Calls received per report ID (the last path segment, as sent). */
    public Map<String, Long> callsPerReport() {
        return resumeCalls().stream().collect(Collectors.groupingBy(
                r -> r.getUrl().substring(RESUME.length()), Collectors.counting()));
    }

    public long tokenRequests() {
        return server.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals(tokenPath())).count();
    }

    /** Every request received, by anyone, for any URL. */
    public List<String> allUrls() {
        return server.getAllServeEvents().stream().map(e -> e.getRequest().getUrl()).toList();
    }

    @Override
    public void close() {
        server.stop();
    }
}
