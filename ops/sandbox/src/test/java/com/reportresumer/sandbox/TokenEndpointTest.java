package com.reportresumer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class TokenEndpointTest {

    static Sandbox sandbox;
    static SandboxOptions options;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.builder().reports(5).build());
        options = sandbox.options();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static HttpResponse<String> list(String token) {
        return new Http(sandbox).send("GET", "/ScheduledReport", token, null);
    }

    @Test
    void v1ClientCredentialsAnswersNumbersAsStringsAndTheTokenOpensTheApi() {
        HttpResponse<String> r = Http.postForm(sandbox.tokenUrl(), Http.clientCredentials(options));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = Http.json(r);
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").isString()).isTrue();
        assertThat(body.get("expires_in").asString()).isEqualTo("3599");
        assertThat(body.get("ext_expires_in").asString()).isEqualTo("3599");
        assertThat(body.get("expires_on").isString()).isTrue();
        assertThat(Long.parseLong(body.get("expires_on").asString()))
                .isBetween(Instant.now().getEpochSecond() + 3500, Instant.now().getEpochSecond() + 3700);
        assertThat(body.get("resource").asString()).isEqualTo(SandboxOptions.DEFAULT_RESOURCE);
        String token = body.get("access_token").asString();
        assertThat(token).isNotBlank();

        assertThat(list(token).statusCode()).isEqualTo(200);
    }

    @Test
    void v2ClientCredentialsTakesAScopeAndAnswersNumbers() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", options.clientId());
        form.put("client_secret", options.clientSecret());
        form.put("scope", options.resource() + "/.default");

        HttpResponse<String> r = Http.postForm(sandbox.tokenUrlV2(), form);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = Http.json(r);
        assertThat(body.get("expires_in").isNumber()).isTrue();
        assertThat(body.get("expires_in").asLong()).isEqualTo(3599);
        assertThat(body.has("resource")).isFalse();
        assertThat(list(body.get("access_token").asString()).statusCode()).isEqualTo(200);
    }

    @Test
    void v2WithoutDefaultScopeIsRefused() {
        Map<String, String> form = Http.clientCredentials(options);
        form.remove("resource");
        form.put("scope", "openid");

        HttpResponse<String> r = Http.postForm(sandbox.tokenUrlV2(), form);

        assertRefused(r, 400, "invalid_scope");
    }

    @Test
    void passwordGrantWorksOnBothEndpoints() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", options.clientId());
        form.put("client_secret", options.clientSecret());
        form.put("resource", options.resource());
        form.put("username", options.username());
        form.put("password", options.password());
        HttpResponse<String> v1 = Http.postForm(sandbox.tokenUrl(), form);
        assertThat(v1.statusCode()).isEqualTo(200);
        assertThat(list(Http.json(v1).get("access_token").asString()).statusCode()).isEqualTo(200);

        form.remove("resource");
        form.remove("client_secret"); // a public client may leave it out
        form.put("scope", options.resource() + "/.default");
        HttpResponse<String> v2 = Http.postForm(sandbox.tokenUrlV2(), form);
        assertThat(v2.statusCode()).isEqualTo(200);
        assertThat(list(Http.json(v2).get("access_token").asString()).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongPasswordIsAnInvalidGrant() {
        Map<String, String> form = Http.clientCredentials(options);
        form.put("grant_type", "password");
        form.put("username", options.username());
        form.put("password", "not-the-password");

        HttpResponse<String> r = Http.postForm(sandbox.tokenUrl(), form);

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = Http.json(r);
        assertThat(body.get("error").asString()).isEqualTo("invalid_grant");
        assertThat(body.get("error_description").asString()).startsWith("AADSTS50126:");
        assertThat(body.get("error_codes").get(0).asInt()).isEqualTo(50126);
    }

    @Test
    void wrongSecretIsAnInvalidClientWith401() {
        Map<String, String> form = Http.clientCredentials(options);
        form.put("client_secret", "wrong");

        HttpResponse<String> r = Http.postForm(sandbox.tokenUrl(), form);

        assertThat(r.statusCode()).isEqualTo(401);
        JsonNode body = Http.json(r);
        assertThat(body.get("error").asString()).isEqualTo("invalid_client");
        assertThat(body.get("error_description").asString()).startsWith("AADSTS7000215: Invalid client secret provided");
        assertThat(body.has("trace_id")).isTrue();
        assertThat(body.has("correlation_id")).isTrue();
        assertThat(r.body()).doesNotContain(options.clientSecret());
    }

    @Test
    void unknownClientAndWrongTenantAreRefused() {
        Map<String, String> form = Http.clientCredentials(options);
        form.put("client_id", "99999999-9999-4999-8999-999999999999");
        HttpResponse<String> unknownClient = Http.postForm(sandbox.tokenUrl(), form);
        assertRefused(unknownClient, 400, "unauthorized_client");

        HttpResponse<String> wrongTenant = Http.postForm(sandbox.baseUrl() + "/other-tenant/oauth2/token", Http.clientCredentials(options));
        assertThat(description(wrongTenant, 400)).startsWith("AADSTS90002:");
    }

    @Test
    void missingOrUnsupportedGrantTypeIsA400() {
        Map<String, String> form = Http.clientCredentials(options);
        form.remove("grant_type");
        HttpResponse<String> missing = Http.postForm(sandbox.tokenUrl(), form);
        assertRefused(missing, 400, "invalid_request");
        assertThat(Http.json(missing).get("error_description").asString()).contains("'grant_type'");

        form.put("grant_type", "authorization_code");
        HttpResponse<String> unsupported = Http.postForm(sandbox.tokenUrl(), form);
        assertRefused(unsupported, 400, "unsupported_grant_type");
    }

    @Test
    void v1WithoutResourceIsA400AndGetIsRefused() {
        Map<String, String> form = Http.clientCredentials(options);
        form.remove("resource");
        HttpResponse<String> r = Http.postForm(sandbox.tokenUrl(), form);
        assertThat(description(r, 400)).contains("'resource'");

        HttpResponse<String> get = Http.raw("GET", sandbox.tokenUrl());
        assertThat(description(get, 400)).startsWith("AADSTS900561:");
    }

    @Test
    void aTokenForAnotherResourceDoesNotOpenTheApi() {
        Map<String, String> form = Http.clientCredentials(options);
        form.put("resource", "https://graph.microsoft.com");
        HttpResponse<String> r = Http.postForm(sandbox.tokenUrl(), form);
        assertThat(r.statusCode()).isEqualTo(200);

        HttpResponse<String> call = list(Http.json(r).get("access_token").asString());

        assertThat(call.statusCode()).isEqualTo(401);
        assertThat(Http.json(call).get("Message").asString()).contains("another resource");
    }

    @Test
    void tokensExpireAfterTheirLifetime() throws Exception {
        try (Sandbox shortLived = Sandbox.start(SandboxOptions.builder().reports(1).tokenLifetime(Duration.ofSeconds(1)).build())) {
            HttpResponse<String> r = Http.postForm(shortLived.tokenUrl(), Http.clientCredentials(shortLived.options()));
            assertThat(Http.json(r).get("expires_in").asString()).isEqualTo("1");
            String token = Http.json(r).get("access_token").asString();
            Http http = new Http(shortLived);
            assertThat(http.send("GET", "/ScheduledReport", token, null).statusCode()).isEqualTo(200);

            Thread.sleep(1100);

            HttpResponse<String> expired = http.send("GET", "/ScheduledReport", token, null);
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(Http.json(expired).get("Message").asString()).contains("expired");
            assertThat(expired.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
    }

    @Test
    void tokenRequestsAreCounted() {
        long before = sandbox.counters().tokenRequests();
        Http.postForm(sandbox.tokenUrl(), Http.clientCredentials(options));
        Map<String, String> bad = Http.clientCredentials(options);
        bad.put("client_secret", "x");
        Http.postForm(sandbox.tokenUrl(), bad);
        assertThat(sandbox.counters().tokenRequests()).isEqualTo(before + 2);
    }

    /** A refusal: {@code status}, and the OAuth error code {@code error}. */
    private static void assertRefused(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Http.json(response).get("error").asString()).isEqualTo(error);
    }

    /** The {@code error_description} of a refusal with {@code status}. */
    private static String description(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return Http.json(response).get("error_description").asString();
    }
}
