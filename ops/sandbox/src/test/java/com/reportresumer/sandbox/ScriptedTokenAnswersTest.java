package com.reportresumer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Scripted answers of the token endpoint, over real HTTP. */
class ScriptedTokenAnswersTest extends OnRunningSandbox {

    ScriptedTokenAnswersTest() {
        super(RunningSandbox.with(SandboxOptions.builder().reports(1).build()));
    }

    /** A form the usual checks refuse: the wrong secret. */
    private Map<String, String> wrongSecret() {
        Map<String, String> form = Http.clientCredentials(sandbox.options());
        form.put("client_secret", "from-FILE-secret");
        return form;
    }

    private int listWith(String token) {
        return http.send("GET", "/ScheduledReport", token, null).statusCode();
    }

    @Test
    void aFixedTokenIsIssuedWhateverTheRequestInTheV1ShapeAndOpensTheApi() {
        sandbox.script().answerTokenRequests(TokenAnswer.token("eyJ0-SECRET-TOKEN-1", 3599));

        HttpResponse<String> r = Http.postForm(sandbox.tokenUrl(), wrongSecret());

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = Http.json(r);
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("access_token").asString()).isEqualTo("eyJ0-SECRET-TOKEN-1");
        assertThat(body.get("expires_in").isString()).isTrue();
        assertThat(body.get("expires_in").asString()).isEqualTo("3599");
        assertThat(body.get("ext_expires_in").asString()).isEqualTo("3599");
        assertThat(Long.parseLong(body.get("expires_on").asString())).isGreaterThan(Instant.now().getEpochSecond());
        assertThat(body.get("resource").asString()).isEqualTo(SandboxOptions.DEFAULT_RESOURCE);
        assertThat(listWith("eyJ0-SECRET-TOKEN-1")).isEqualTo(200);
        SandboxCounters c = sandbox.counters();
        assertThat(c.tokenRequests()).isEqualTo(1);
        assertThat(c.tokensIssued()).isEqualTo(1);
    }

    @Test
    void theV2EndpointAnswersTheScriptedTokenWithNumbersAndTheScope() {
        sandbox.script().answerTokenRequests(TokenAnswer.token("v2-token", 1200));

        JsonNode body = Http.json(Http.postForm(sandbox.tokenUrlV2(), Http.clientCredentialsV2(sandbox.options())));

        assertThat(body.get("expires_in").isNumber()).isTrue();
        assertThat(body.get("expires_in").asLong()).isEqualTo(1200);
        assertThat(body.get("scope").asString()).isEqualTo(SandboxOptions.DEFAULT_RESOURCE + "/.default");
        assertThat(body.has("resource")).isFalse();
        assertThat(listWith("v2-token")).isEqualTo(200);
    }

    @Test
    void distinctTokensGiveEveryRequestATokenOfItsOwn() {
        sandbox.script().answerTokenRequests(TokenAnswer.distinctTokens(3599));

        String one = Http.json(Http.postForm(sandbox.tokenUrl(), wrongSecret())).get("access_token").asString();
        String two = Http.json(Http.postForm(sandbox.tokenUrl(), wrongSecret())).get("access_token").asString();

        assertThat(one).isNotEqualTo(two);
        assertThat(listWith(one)).isEqualTo(200);
        assertThat(listWith(two)).isEqualTo(200);
    }

    @Test
    void aRefusalIsEntraShapedAndARawAnswerIsSentExactly() {
        sandbox.script().answerTokenRequests(
                TokenAnswer.refusal(401, "invalid_client", 7000215, "Invalid client secret provided."),
                TokenAnswer.refusal(400, "invalid_request", 900144, "The request body must contain 'grant_type'."),
                TokenAnswer.raw(401, "text/plain", "Bad request: client_secret=echoed"));

        HttpResponse<String> entra401 = Http.postForm(sandbox.tokenUrl(), Http.clientCredentials(sandbox.options()));
        HttpResponse<String> entra400 = Http.postForm(sandbox.tokenUrl(), Http.clientCredentials(sandbox.options()));
        HttpResponse<String> proxy = Http.postForm(sandbox.tokenUrl(), Http.clientCredentials(sandbox.options()));

        assertThat(entra401.statusCode()).isEqualTo(401);
        JsonNode body = Http.json(entra401);
        assertThat(body.get("error").asString()).isEqualTo("invalid_client");
        assertThat(body.get("error_description").asString()).startsWith("AADSTS7000215: Invalid client secret provided.");
        assertThat(body.get("error_codes").get(0).asInt()).isEqualTo(7000215);
        assertThat(body.has("trace_id")).isTrue();
        assertThat(entra400.statusCode()).isEqualTo(400);
        assertThat(Http.json(entra400).get("error").asString()).isEqualTo("invalid_request");
        assertThat(proxy.statusCode()).isEqualTo(401);
        assertThat(proxy.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(proxy.body()).isEqualTo("Bad request: client_secret=echoed");
        assertThat(sandbox.counters().tokensIssued()).isZero();
    }

    @Test
    void aSequenceOfAStaleTokenAFreshOneThenRefusalsIsAnsweredInTurn() {
        sandbox.script().answerTokenRequests(
                TokenAnswer.token("stale-token", 3599).acceptedByApiFor(Duration.ZERO),
                TokenAnswer.token("fresh-token", 3599),
                TokenAnswer.refusal(401, "invalid_client", 7000215, "Invalid client secret provided."));

        Map<String, String> form = Http.clientCredentials(sandbox.options());
        String stale = Http.json(Http.postForm(sandbox.tokenUrl(), form)).get("access_token").asString();
        HttpResponse<String> refusedByApi = http.send("GET", "/ScheduledReport", stale, null);
        String fresh = Http.json(Http.postForm(sandbox.tokenUrl(), form)).get("access_token").asString();

        assertThat(stale).isEqualTo("stale-token");
        assertThat(refusedByApi.statusCode()).isEqualTo(401);
        assertThat(refusedByApi.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(fresh).isEqualTo("fresh-token");
        assertThat(listWith(fresh)).isEqualTo(200);
        assertThat(Http.postForm(sandbox.tokenUrl(), form).statusCode()).isEqualTo(401);
        assertThat(Http.postForm(sandbox.tokenUrl(), form).statusCode()).as("the last answer repeats").isEqualTo(401);
    }

    @Test
    void asUsualInASequenceRunsTheUsualChecks() {
        sandbox.script().answerTokenRequests(TokenAnswer.raw(503, null, ""), TokenAnswer.asUsual());

        assertThat(Http.postForm(sandbox.tokenUrl(), Http.clientCredentials(sandbox.options())).statusCode())
                .isEqualTo(503);
        HttpResponse<String> refused = Http.postForm(sandbox.tokenUrl(), wrongSecret());
        HttpResponse<String> issued = Http.postForm(sandbox.tokenUrl(), Http.clientCredentials(sandbox.options()));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(Http.json(refused).get("error_description").asString()).startsWith("AADSTS7000215:");
        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(Http.json(issued).get("expires_in").asString()).isEqualTo("3599");
    }

    @Test
    void withoutAScriptOrAfterClearTheEndpointChecksAsUsual() {
        assertThat(Http.postForm(sandbox.tokenUrl(), wrongSecret()).statusCode()).isEqualTo(401);
        sandbox.script().answerTokenRequests(TokenAnswer.token("any", 60));
        assertThat(Http.postForm(sandbox.tokenUrl(), wrongSecret()).statusCode()).isEqualTo(200);

        sandbox.script().clear();

        assertThat(Http.postForm(sandbox.tokenUrl(), wrongSecret()).statusCode()).isEqualTo(401);
        assertThat(Http.postForm(sandbox.tokenUrl(), Http.clientCredentials(sandbox.options())).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aScriptedAnswerIsGivenWhateverTheMethodOrTenant() {
        sandbox.script().answerTokenRequests(TokenAnswer.token("any", 60));

        assertThat(Http.raw("GET", sandbox.tokenUrl()).statusCode()).isEqualTo(200);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        assertThat(Http.postForm(sandbox.baseUrl() + "/contoso-tenant/oauth2/token", form).statusCode()).isEqualTo(200);
    }

    @Test
    void anAcceptedStaticTokenOpensTheApi() {
        assertThat(listWith("static-SECRET-token")).isEqualTo(401);

        sandbox.acceptToken("static-SECRET-token");

        assertThat(listWith("static-SECRET-token")).isEqualTo(200);
        assertThat(sandbox.counters().tokenRequests()).isZero();
        assertThatThrownBy(() -> sandbox.acceptToken(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokenAnswersRefuseWhatCannotBeSent() {
        assertThatThrownBy(() -> TokenAnswer.token(" ", 60)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenAnswer.token("t", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenAnswer.raw(600, null, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenAnswer.token("t", 1).acceptedByApiFor(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void delayedTokenRequestsAreAnsweredNoSoonerThanTheDelayAndAsUsual() {
        // a delay far above one request's time on a loaded machine: the answer after clear() is told from it
        java.time.Duration delay = java.time.Duration.ofMillis(1500);
        sandbox.script().delayTokenRequests(delay);
        long started = System.nanoTime();
        String token = http.token();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(delay);
        assertThat(listWith(token)).isEqualTo(200);
        sandbox.script().clear();
        long again = System.nanoTime();
        Http.postForm(sandbox.tokenUrl(), Http.clientCredentials(sandbox.options()));
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - again)).isLessThan(delay);
    }
}
