package com.reportresumer.partnercenter;

import static com.reportresumer.testsupport.PartnerCenterStandIn.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.sandbox.RecordedRequest;
import com.reportresumer.sandbox.TokenAnswer;
import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.EnvVar;
import com.reportresumer.testsupport.FaultReport;
import com.reportresumer.testsupport.PartnerCenterStandIn;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Entra ID tokens: the documented forms, caching, expiry, the one refresh on 401, and refusals that stop the job. */
class TokensAndCredentialsTest {

    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment().withProperties("--resumer.job.backoff.initial=10ms");

    private CliRun run(String... extra) {
        return env.cli("run", extra);
    }

    private void flag(int n) {
        env.requests().flagRandom(n);
    }

    /** The one token request of the run, to the endpoint of {@code path}. */
    private RecordedRequest theTokenRequest(String path) {
        List<RecordedRequest> tokenRequests = env.api().journal().tokenRequests();
        assertThat(tokenRequests).as("token requests").hasSize(1);
        RecordedRequest request = tokenRequests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(path);
        return request;
    }

    @Test
    void aTokenIsFetchedOnceWithTheV1FormAndSharedByAllCalls() {
        env.api().issuesTokens().resumesEverything(0);
        flag(30);

        CliRun result = run("--resumer.job.concurrency=8");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        RecordedRequest tokenRequest = theTokenRequest(env.api().tokenPath());
        assertThat(tokenRequest.header("Content-Type")).contains("application/x-www-form-urlencoded");
        assertThat(tokenRequest.body()).contains("grant_type=client_credentials")
                .contains("client_id=" + PartnerCenterStandIn.CLIENT_ID)
                .contains("client_secret=" + PartnerCenterStandIn.CLIENT_SECRET)
                .contains("resource=https%3A%2F%2Fapi.partnercenter.microsoft.com");
    }

    @Test
    void theV2EndpointGetsAScopeAndANumericExpiry() {
        // the sandbox answers the v2.0 endpoint as Entra ID does: expires_in a number, not a string
        env.api().issuesTokens("v2-token", 3599).resumesEverything(0);
        flag(3);

        CliRun result = run("--resumer.partner-center.token-url=" + env.api().baseUrl() + env.api().tokenPathV2());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(theTokenRequest(env.api().tokenPathV2()).body())
                .contains("scope=https%3A%2F%2Fapi.partnercenter.microsoft.com%2F.default")
                .doesNotContain("resource=");
        assertThat(env.api().resumeCalls()).hasSize(3).allSatisfy(r -> assertThat(r.header("Authorization"))
                .isEqualTo("Bearer v2-token"));
    }

    @Test
    void thePasswordGrantSendsTheUserAsMicrosoftsExampleDoes() {
        env.api().issuesTokens().resumesEverything(0);
        flag(1);

        CliRun result = run("--resumer.partner-center.grant-type=password",
                "--resumer.partner-center.username=ops@contoso.com", EnvVar.of("RESUMER_PARTNERCENTER_PASSWORD", "pa55-w0rd"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(theTokenRequest(env.api().tokenPath()).body()).contains("grant_type=password")
                .contains("username=ops%40contoso.com").contains("password=pa55-w0rd");
        assertThat(result.out() + result.err()).doesNotContain("pa55-w0rd");
    }

    @Test
    void anExpiringTokenIsRenewedBeforeItExpires() {
        env.api().issuesTokens("short-lived", 2).resumesEverything(100);
        flag(25);

        CliRun result = run("--resumer.job.concurrency=1");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        // 25 calls of 100 ms one after the other take at least 2.5 s; a 2 s token is renewed after 1 s (half its
        // life), not per call: the first token, then one per second of the execution
        long runMillis = env.requests().count("SELECT (extract(epoch FROM end_time - start_time) * 1000)::bigint "
                + "FROM batch_job_execution");
        assertThat(env.api().tokenRequests()).as("token requests in a run of " + runMillis + " ms")
                .isGreaterThanOrEqualTo(3).isLessThanOrEqualTo(runMillis / 1000 + 2);
    }

    @Test
    void a401GetsOneFreshTokenAndOneMoreTry() {
        // the API refuses the first token with a 401, as it refuses one that has expired
        env.api().script().answerTokenRequests(TokenAnswer.token("stale-token", 3599).acceptedByApiFor(Duration.ZERO),
                TokenAnswer.token("fresh-token", 3599));
        env.api().resumesEverything(0);
        flag(5);

        CliRun result = run("--resumer.job.concurrency=1");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(env.api().tokenRequests()).isEqualTo(2);
        assertThat(env.api().resumeCalls()).hasSize(6);
        assertThat(env.api().resumeCalls().get(0)).extracting(r -> r.header("Authorization"), RecordedRequest::status)
                .containsExactly("Bearer stale-token", 401);
        assertThat(env.api().resumeCalls().subList(1, 6)).allSatisfy(r -> assertThat(r)
                .extracting(c -> c.header("Authorization"), RecordedRequest::status)
                .containsExactly("Bearer fresh-token", 200));
        assertThat(env.requests().count("SELECT count(*) FROM resume_audit WHERE outcome = 'RESUMED' AND attempts = 1"))
                .isEqualTo(5);
    }

    @Test
    void aSecond401FailsTheJobAndSendsNothingMore() {
        env.api().answersEveryResume(status(401, "Unauthorized"));
        flag(40);

        CliRun result = run("--resumer.job.concurrency=2", "--resumer.job.chunk-size=10");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("refused a freshly issued token").contains("restart");
        // each of the 2 calls in flight tries twice (the 401, then once with a fresh token); nothing after that
        assertThat(env.api().resumeCalls().size()).isBetween(2, 2 * 2);
        assertThat(env.requests().count("SELECT count(*) FROM resume_request WHERE status = 'PENDING'")).isEqualTo(40);
        assertThat(env.requests().count("SELECT count(*) FROM resume_audit")).isZero();
        assertThat(env.requests().count("SELECT count(*) FROM batch_job_execution WHERE status = 'FAILED'")).isEqualTo(1);
    }

    @Test
    void aRefusingTokenEndpointFailsTheJobBeforeAnyResumeCall() {
        env.api().script().answerTokenRequests(TokenAnswer.raw(401, "application/json",
                "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client "
                        + "secret provided.\\r\\nTrace ID: 1234\"}"));
        env.api().resumesEverything(0);
        flag(30);

        CliRun result = run("--resumer.job.concurrency=4");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("Entra ID refused the credentials").contains("AADSTS7000215");
        assertThat(env.api().resumeCalls()).isEmpty();
        assertThat(env.api().tokenRequests()).isEqualTo(1);
        assertThat(env.requests().count("SELECT count(*) FROM resume_request WHERE status = 'PENDING'")).isEqualTo(30);
        assertThat(result.out() + result.err()).doesNotContain(PartnerCenterStandIn.CLIENT_SECRET);
        FaultReport.record("Token endpoint refusing", "401 invalid_client for the token request, 30 reports",
                "exit 1 before any resume call; 1 token request; all 30 still PENDING; no secret in the output");
    }

    @Test
    void aTokenEndpointsErrorBodyIsNeverEchoedOnlyItsStatusAndCodes() {
        String form = "grant_type=client_credentials&client_id=" + PartnerCenterStandIn.CLIENT_ID + "&client_secret="
                + PartnerCenterStandIn.CLIENT_SECRET + "&resource=https%3A%2F%2Fapi.partnercenter.microsoft.com";
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
                        .formatted(PartnerCenterStandIn.CLIENT_SECRET), List.of("HTTP 401")));
        flag(3);
        for (Refusal refusal : refusals) {
            env.api().script().answerTokenRequests(TokenAnswer.raw(refusal.status(), refusal.contentType(), refusal.body()));

            CliRun result = run();

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            String exitMessage = (String) env.requests().query("SELECT exit_message FROM batch_job_execution "
                    + "ORDER BY job_execution_id DESC LIMIT 1").get(0).get("exit_message");
            assertThat(result.out()).contains("Entra ID refused the credentials").contains(refusal.kept());
            // the exit message is a stack trace cut at 2500 characters: what it has must not be the body either
            for (String text : List.of(result.out() + result.err(), exitMessage)) {
                assertThat(text).as(refusal.body())
                        .doesNotContain(PartnerCenterStandIn.CLIENT_SECRET).doesNotContain("client_id")
                        .doesNotContain("grant_type").doesNotContain("Trace ID").doesNotContain("0c1d")
                        .doesNotContain("The request body").doesNotContain("Bad request")
                        .doesNotContain("Arbitrary").doesNotContain("says someone");
            }
        }
        assertThat(env.api().resumeCalls()).isEmpty();
    }

    @Test
    void aStaticAccessTokenIsUsedAsIsAndA401WithItStopsTheJob() {
        env.api().acceptsToken("static-SECRET-token").resumesEverything(0);
        flag(2);
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(List.of(env.db().springArgs()));
        args.addAll(List.of("--resumer.partner-center.base-url=" + env.api().baseUrl(),
                EnvVar.of("RESUMER_PARTNERCENTER_ACCESSTOKEN", "static-SECRET-token")));

        CliRun ok = CliRun.of(args);

        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(env.api().tokenRequests()).isZero();
        assertThat(env.api().resumeCalls()).hasSize(2).allSatisfy(r -> assertThat(r.header("Authorization"))
                .isEqualTo("Bearer static-SECRET-token"));

        env.api().answersEveryResume(status(401, "expired"));
        flag(2);
        CliRun refused = CliRun.of(args);
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.out()).contains("refused the configured access token");
        assertThat(refused.out() + refused.err()).doesNotContain("static-SECRET-token");
    }
}
