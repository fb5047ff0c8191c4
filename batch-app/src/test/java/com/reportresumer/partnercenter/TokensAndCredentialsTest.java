package com.reportresumer.partnercenter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.reportresumer.testsupport.FakePartnerCenter.okJson;
import static com.reportresumer.testsupport.FakePartnerCenter.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.EnvVar;
import com.reportresumer.testsupport.FakePartnerCenter;
import com.reportresumer.testsupport.FaultReport;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Entra ID tokens: the documented forms, caching, expiry, the one refresh on 401, and refusals that stop the job. */
class TokensAndCredentialsTest {

    private FakePartnerCenter api;
    private TestDatabases.Database db;
    private Requests requests;

    @BeforeEach
    void setUp() {
        api = new FakePartnerCenter();
        db = TestDatabases.fresh();
        requests = new Requests(db);
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private CliRun run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(List.of(db.springArgs()));
        args.addAll(List.of(api.springArgs()));
        args.add("--resumer.job.backoff.initial=10ms");
        args.addAll(List.of(extra));
        return CliRun.of(CliRun.line(args.get(0), args.subList(1, args.size())));
    }

    private void flag(int n) {
        requests.flag(IntStream.range(0, n).mapToObj(i -> UUID.randomUUID().toString()).toArray(String[]::new));
    }

    private static String tokenAnswer(String token, String expiresIn) {
        return "{\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + ",\"access_token\":\"" + token + "\"}";
    }

    @Test
    void aTokenIsFetchedOnceWithTheV1FormAndSharedByAllCalls() {
        api.issuesTokens().resumesEverything(0);
        flag(30);

        CliRun result = run("--resumer.job.concurrency=8");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(api.tokenRequests()).isEqualTo(1);
        api.wireMock().verify(postRequestedFor(urlEqualTo(api.tokenPath()))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("client_id=" + FakePartnerCenter.CLIENT_ID))
                .withRequestBody(containing("client_secret=" + FakePartnerCenter.CLIENT_SECRET))
                .withRequestBody(containing("resource=https%3A%2F%2Fapi.partnercenter.microsoft.com")));
    }

    @Test
    void theV2EndpointGetsAScopeAndANumericExpiry() {
        String v2 = "/" + FakePartnerCenter.TENANT + "/oauth2/v2.0/token";
        api.wireMock().stubFor(post(urlEqualTo(v2)).willReturn(okJson(tokenAnswer("v2-token", "3599"))));
        api.resumesEverything(0);
        flag(3);

        CliRun result = run("--resumer.partner-center.token-url=" + api.baseUrl() + v2);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        api.wireMock().verify(1, postRequestedFor(urlEqualTo(v2))
                .withRequestBody(containing("scope=https%3A%2F%2Fapi.partnercenter.microsoft.com%2F.default")));
        assertThat(api.wireMock().getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals(v2))
                .map(e -> e.getRequest().getBodyAsString())).noneMatch(body -> body.contains("resource="));
        assertThat(api.resumeCalls()).allSatisfy(r -> assertThat(r.getHeader("Authorization"))
                .isEqualTo("Bearer v2-token"));
    }

    @Test
    void thePasswordGrantSendsTheUserAsMicrosoftsExampleDoes() {
        api.issuesTokens().resumesEverything(0);
        flag(1);

        CliRun result = run("--resumer.partner-center.grant-type=password",
                "--resumer.partner-center.username=ops@contoso.com", EnvVar.of("RESUMER_PARTNERCENTER_PASSWORD", "pa55-w0rd"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        api.wireMock().verify(postRequestedFor(urlEqualTo(api.tokenPath()))
                .withRequestBody(containing("grant_type=password"))
                .withRequestBody(containing("username=ops%40contoso.com"))
                .withRequestBody(containing("password=pa55-w0rd")));
        assertThat(result.out() + result.err()).doesNotContain("pa55-w0rd");
    }

    @Test
    void anExpiringTokenIsRenewedBeforeItExpires() {
        api.issuesTokens("short-lived", 2).resumesEverything(100);
        flag(25);

        CliRun result = run("--resumer.job.concurrency=1");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        // 25 calls of 100 ms one after the other take at least 2.5 s; a 2 s token is renewed after 1 s (half its
        // life), not per call: the first token, then one per second of the execution
        long runMillis = requests.count("SELECT (extract(epoch FROM end_time - start_time) * 1000)::bigint "
                + "FROM batch_job_execution");
        assertThat(api.tokenRequests()).as("token requests in a run of " + runMillis + " ms")
                .isGreaterThanOrEqualTo(3).isLessThanOrEqualTo(runMillis / 1000 + 2);
    }

    @Test
    void a401GetsOneFreshTokenAndOneMoreTry() {
        api.wireMock().stubFor(post(urlEqualTo(api.tokenPath())).inScenario("tokens")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson(tokenAnswer("stale-token", "\"3599\"")))
                .willSetStateTo("renewed"));
        api.wireMock().stubFor(post(urlEqualTo(api.tokenPath())).inScenario("tokens")
                .whenScenarioStateIs("renewed").willReturn(okJson(tokenAnswer("fresh-token", "\"3599\""))));
        api.wireMock().stubFor(put(urlPathMatching(FakePartnerCenter.RESUME + ".*"))
                .withHeader("Authorization", equalTo("Bearer stale-token"))
                .willReturn(status(401, "Token expired")));
        api.wireMock().stubFor(put(urlPathMatching(FakePartnerCenter.RESUME + ".*"))
                .withHeader("Authorization", equalTo("Bearer fresh-token"))
                .willReturn(okJson(FakePartnerCenter.envelope(UUID.randomUUID().toString(), "Active", 200))));
        flag(5);

        CliRun result = run("--resumer.job.concurrency=1");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(api.tokenRequests()).isEqualTo(2);
        assertThat(api.resumeCalls()).hasSize(6);
        assertThat(requests.count("SELECT count(*) FROM resume_audit WHERE outcome = 'RESUMED' AND attempts = 1"))
                .isEqualTo(5);
    }

    @Test
    void aSecond401FailsTheJobAndSendsNothingMore() {
        api.issuesTokens();
        api.wireMock().stubFor(put(urlPathMatching(FakePartnerCenter.RESUME + ".*"))
                .willReturn(status(401, "Unauthorized")));
        flag(40);

        CliRun result = run("--resumer.job.concurrency=2", "--resumer.job.chunk-size=10");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("refused a freshly issued token").contains("restart");
        // each of the 2 calls in flight tries twice (the 401, then once with a fresh token); nothing after that
        assertThat(api.resumeCalls().size()).isBetween(2, 2 * 2);
        assertThat(requests.count("SELECT count(*) FROM resume_request WHERE status = 'PENDING'")).isEqualTo(40);
        assertThat(requests.count("SELECT count(*) FROM resume_audit")).isZero();
        assertThat(requests.count("SELECT count(*) FROM batch_job_execution WHERE status = 'FAILED'")).isEqualTo(1);
    }

    @Test
    void aRefusingTokenEndpointFailsTheJobBeforeAnyResumeCall() {
        api.wireMock().stubFor(post(urlEqualTo(api.tokenPath())).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client "
                        + "secret provided.\\r\\nTrace ID: 1234\"}")));
        api.resumesEverything(0);
        flag(30);

        CliRun result = run("--resumer.job.concurrency=4");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("Entra ID refused the credentials").contains("AADSTS7000215");
        assertThat(api.resumeCalls()).isEmpty();
        assertThat(api.tokenRequests()).isEqualTo(1);
        assertThat(requests.count("SELECT count(*) FROM resume_request WHERE status = 'PENDING'")).isEqualTo(30);
        assertThat(result.out() + result.err()).doesNotContain(FakePartnerCenter.CLIENT_SECRET);
        FaultReport.record("Token endpoint refusing", "401 invalid_client for the token request, 30 reports",
                "exit 1 before any resume call; 1 token request; all 30 still PENDING; no secret in the output");
    }

    @Test
    void aTokenEndpointsErrorBodyIsNeverEchoedOnlyItsStatusAndCodes() {
        String form = "grant_type=client_credentials&client_id=" + FakePartnerCenter.CLIENT_ID + "&client_secret="
                + FakePartnerCenter.CLIENT_SECRET + "&resource=https%3A%2F%2Fapi.partnercenter.microsoft.com";
        record Refusal(int status, String contentType, String body, List<String> kept) {
        }
        List<Refusal> refusals = List.of(
                // Entra's JSON, its description quoting the request
                new Refusal(400, "application/json", """
                        {"error":"invalid_request","error_description":"AADSTS900144: The request body must contain \
                        the following parameter: 'grant_type'. Request was: %s\\r\\nTrace ID: 0c1d-trace",\
                        "error_codes":[900144],"trace_id":"0c1d-trace"}""".formatted(form),
                        List.of("HTTP 400", "invalid_request", "AADSTS900144")),
                // a proxy echoing the form it received
                new Refusal(401, "text/plain", "Bad request: " + form + " (AADSTS7000215 says someone)",
                        List.of("HTTP 401", "AADSTS7000215")),
                // an error code that is not a plain token, and free text
                new Refusal(401, "application/json", """
                        {"error":"invalid_client %s","error_description":"Arbitrary words of the endpoint"}"""
                        .formatted(FakePartnerCenter.CLIENT_SECRET), List.of("HTTP 401")));
        flag(3);
        for (Refusal refusal : refusals) {
            api.wireMock().resetMappings();
            api.wireMock().stubFor(post(urlEqualTo(api.tokenPath())).willReturn(aResponse()
                    .withStatus(refusal.status()).withHeader("Content-Type", refusal.contentType())
                    .withBody(refusal.body())));

            CliRun result = run();

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            String exitMessage = (String) requests.query("SELECT exit_message FROM batch_job_execution "
                    + "ORDER BY job_execution_id DESC LIMIT 1").get(0).get("exit_message");
            assertThat(result.out()).contains("Entra ID refused the credentials").contains(refusal.kept());
            // the exit message is a stack trace cut at 2500 characters: what it has must not be the body either
            for (String text : List.of(result.out() + result.err(), exitMessage)) {
                assertThat(text).as(refusal.body())
                        .doesNotContain(FakePartnerCenter.CLIENT_SECRET).doesNotContain("client_id")
                        .doesNotContain("grant_type").doesNotContain("Trace ID").doesNotContain("0c1d")
                        .doesNotContain("The request body").doesNotContain("Bad request")
                        .doesNotContain("Arbitrary").doesNotContain("says someone");
            }
        }
        assertThat(api.resumeCalls()).isEmpty();
    }

    @Test
    void aStaticAccessTokenIsUsedAsIsAndA401WithItStopsTheJob() {
        api.resumesEverything(0);
        flag(2);
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(List.of(db.springArgs()));
        args.addAll(List.of("--resumer.partner-center.base-url=" + api.baseUrl(),
                EnvVar.of("RESUMER_PARTNERCENTER_ACCESSTOKEN", "static-SECRET-token")));

        CliRun ok = CliRun.of(args);

        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(api.tokenRequests()).isZero();
        assertThat(api.resumeCalls()).allSatisfy(r -> assertThat(r.getHeader("Authorization"))
                .isEqualTo("Bearer static-SECRET-token"));

        api.wireMock().stubFor(put(urlPathMatching(FakePartnerCenter.RESUME + ".*")).atPriority(1)
                .willReturn(status(401, "expired")));
        flag(2);
        CliRun refused = CliRun.of(args);
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.out()).contains("refused the configured access token");
        assertThat(refused.out() + refused.err()).doesNotContain("static-SECRET-token");
    }
}
