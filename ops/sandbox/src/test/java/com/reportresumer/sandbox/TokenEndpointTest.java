package com.reportresumer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
        HttpResponse<String> r = Http.postForm(sandbox.tokenUrlV2(), Http.clientCredentialsV2(options));

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = Http.json(r);
        assertThat(body.get("expires_in").isNumber()).isTrue();
        assertThat(body.get("expires_in").asLong()).isEqualTo(3599);
        assertThat(body.has("resource")).isFalse();
        assertThat(list(body.get("access_token").asString()).statusCode()).isEqualTo(200);
    }

    @Test
    void passwordGrantWorksOnBothEndpoints() {
        Map<String, String> form = Http.passwordGrant(options);
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

    /**
     * Forms that Entra's checks refuse, each one change away from a good one: the status, the OAuth error, the
     * AADSTS code that starts the description and what the description names.
     */
    static Stream<Arguments> refusedForms() {
        Map<String, String> good = Http.clientCredentials(options);
        return Stream.of(
                arguments("v2.0 without a .default scope", sandbox.tokenUrlV2(),
                        with(Http.clientCredentialsV2(options), "scope", "openid"), 400, "invalid_scope", 70011, "'scope'"),
                arguments("wrong password", sandbox.tokenUrl(),
                        with(Http.passwordGrant(options), "password", "not-the-password"), 400, "invalid_grant", 50126,
                        "invalid username or password"),
                arguments("unknown client", sandbox.tokenUrl(),
                        with(good, "client_id", "99999999-9999-4999-8999-999999999999"), 400, "unauthorized_client",
                        700016, "was not found in the directory"),
                arguments("no grant type", sandbox.tokenUrl(), without(good, "grant_type"), 400, "invalid_request",
                        900144, "'grant_type'"),
                arguments("unsupported grant type", sandbox.tokenUrl(), with(good, "grant_type", "authorization_code"),
                        400, "unsupported_grant_type", 70003, "'authorization_code'"),
                arguments("v1 without a resource", sandbox.tokenUrl(), without(good, "resource"), 400,
                        "invalid_request", 900144, "'resource'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refusedForms(String change, String tokenUrl, Map<String, String> form, int status, String error, int code,
            String named) {
        JsonNode body = assertRefused(Http.postForm(tokenUrl, form), status, error);

        assertThat(body.get("error_description").asString()).startsWith("AADSTS" + code + ":").contains(named);
        assertThat(body.get("error_codes").get(0).asInt()).isEqualTo(code);
    }

    @Test
    void wrongSecretIsAnInvalidClientWith401() {
        Map<String, String> form = Http.clientCredentials(options);
        form.put("client_secret", "wrong");

        HttpResponse<String> r = Http.postForm(sandbox.tokenUrl(), form);

        JsonNode body = assertRefused(r, 401, "invalid_client");
        assertThat(body.get("error_description").asString()).startsWith("AADSTS7000215: Invalid client secret provided");
        assertThat(body.has("trace_id")).isTrue();
        assertThat(body.has("correlation_id")).isTrue();
        assertThat(r.body()).doesNotContain(options.clientSecret());
    }

    @Test
    void aWrongTenantAndAGetAreRefused() {
        HttpResponse<String> wrongTenant = Http.postForm(sandbox.baseUrl() + "/other-tenant/oauth2/token", Http.clientCredentials(options));
        assertThat(description(wrongTenant, 400)).startsWith("AADSTS90002:");

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

    /** {@code form} with {@code name} set to {@code value}, {@code form} itself unchanged. */
    private static Map<String, String> with(Map<String, String> form, String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(form);
        changed.put(name, value);
        return changed;
    }

    /** {@code form} without {@code name}, {@code form} itself unchanged. */
    private static Map<String, String> without(Map<String, String> form, String name) {
        Map<String, String> changed = new LinkedHashMap<>(form);
        changed.remove(name);
        return changed;
    }

    /** A refusal: {@code status}, and the OAuth error code {@code error}; its body, for the rest. */
    private static JsonNode assertRefused(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = Http.json(response);
        assertThat(body.get("error").asString()).isEqualTo(error);
        return body;
    }

    /** The {@code error_description} of a refusal with {@code status}. */
    private static String description(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return Http.json(response).get("error_description").asString();
    }
}
