package com.reportresumer.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Entra ID's token endpoint, {@code POST /{tenant}/oauth2/token} (v1) and {@code …/oauth2/v2.0/token}: checks the
 * form of the client-credentials and password grants against the options as Entra does, with its error codes, and
 * issues tokens into the {@link TokenRegistry}. A scripted {@link TokenAnswer} takes the place of the checks.
 */
record TokenEndpoint(SandboxOptions options, TokenRegistry tokens, EntraAnswers entra, SandboxScript scripts,
        LiveCounters counters) {

    /** Both endpoints; group 1 is the tenant, group 2 is set for v2.0. */
    static final Pattern TOKEN_PATH = Pattern.compile("/([^/]+)/oauth2/(v2\\.0/)?token/?");

    /** Answers a request to a token path ({@code tenant} as in the path, URL-decoded). */
    Answer answer(String method, String tenant, boolean v2, byte[] body) {
        Counters c = counters.current();
        c.tokenRequests.increment();
        Map<String, String> form = Forms.parse(new String(body, StandardCharsets.UTF_8));
        slowDown(scripts.tokenDelay());
        TokenAnswer scripted = scripts.nextTokenAnswer();
        if (scripted instanceof TokenAnswer.Issue issue) {
            c.tokensIssued.increment();
            String token = issue.accessToken();
            if (token == null) {
                token = tokens.issue(options.resource(), issue.apiAcceptance());
            } else {
                tokens.accept(token, options.resource(), issue.apiAcceptance());
            }
            String resource = form.getOrDefault("resource", options.resource());
            return entra.issued(token, issue.expiresInSeconds(), v2, resource,
                    form.getOrDefault("scope", resource + "/.default"));
        }
        if (scripted instanceof TokenAnswer.Refusal refusal) {
            return entra.error(refusal.status(), refusal.error(), refusal.aadstsCode(), refusal.description());
        }
        if (scripted instanceof TokenAnswer.Raw raw) {
            return new Answer(raw.status(), raw.body().getBytes(StandardCharsets.UTF_8), raw.contentType(), Map.of());
        }
        return checked(c, method, tenant, v2, form);
    }

    /** The usual handling: Entra's checks in Entra's order, then a fresh token. */
    private Answer checked(Counters c, String method, String tenant, boolean v2, Map<String, String> form) {
        if (!method.equals("POST")) {
            return entra.error(400, "invalid_request", 900561,
                    "The endpoint only accepts POST requests. Received a " + method + " request.");
        }
        if (!tenant.equalsIgnoreCase(options.tenantId())) {
            return entra.error(400, "invalid_request", 90002, "Tenant '" + tenant + "' not found. Check to make sure"
                    + " you have the correct tenant ID and are signing into the correct cloud.");
        }
        String grant = form.get("grant_type");
        if (grant == null || grant.isBlank()) {
            return entra.missing("grant_type");
        }
        if (!grant.equals("client_credentials") && !grant.equals("password")) {
            return entra.error(400, "unsupported_grant_type", 70003,
                    "The app requested an unsupported grant type '" + grant + "'.");
        }
        String clientId = form.get("client_id");
        if (clientId == null || clientId.isBlank()) {
            return entra.missing("client_id");
        }
        if (!clientId.equalsIgnoreCase(options.clientId())) {
            return entra.error(400, "unauthorized_client", 700016, "Application with identifier '" + clientId
                    + "' was not found in the directory '" + tenant + "'. This can happen if the application has not"
                    + " been installed by the administrator of the tenant or consented to by any user in the tenant.");
        }
        String scope = v2 ? form.get("scope") : null;
        String audience;
        if (v2) {
            if (scope == null || scope.isBlank()) {
                return entra.missing("scope");
            }
            audience = audienceOf(scope);
            if (audience == null) {
                return entra.error(400, "invalid_scope", 70011, "The provided value for the input parameter 'scope' is"
                        + " not valid. The scope " + scope + " is not valid. The scope format is invalid: it must be"
                        + " '<resource>/.default'.");
            }
        } else {
            audience = form.get("resource");
            if (audience == null || audience.isBlank()) {
                return entra.missing("resource");
            }
        }
        Answer refused = grant.equals("client_credentials") ? checkSecret(form) : checkUser(form);
        if (refused != null) {
            return refused;
        }
        c.tokensIssued.increment();
        long lifetime = options.tokenLifetime().toSeconds();
        long expiresIn = lifetime > 1 ? lifetime - 1 : Math.max(lifetime, 1);
        return entra.issued(tokens.issue(audience), expiresIn, v2, audience, scope);
    }

    /** The resource of the last {@code <resource>/.default} in the scope, or null. */
    private static String audienceOf(String scope) {
        String audience = null;
        for (String s : scope.trim().split("\\s+")) {
            if (s.endsWith("/.default")) {
                audience = s.substring(0, s.length() - "/.default".length());
            }
        }
        return audience;
    }

    /** The client-credentials grant needs the right secret. */
    private Answer checkSecret(Map<String, String> form) {
        String secret = form.get("client_secret");
        if (secret == null || secret.isEmpty()) {
            return entra.error(401, "invalid_client", 7000218,
                    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
        }
        return secret.equals(options.clientSecret()) ? null : entra.badSecret(options.clientId());
    }

    /** The password grant needs the right user and password; a secret is optional (public clients) but checked. */
    private Answer checkUser(Map<String, String> form) {
        String secret = form.get("client_secret");
        if (secret != null && !secret.equals(options.clientSecret())) {
            return entra.badSecret(options.clientId());
        }
        String user = form.get("username");
        String password = form.get("password");
        if (user == null || user.isBlank()) {
            return entra.missing("username");
        }
        if (password == null || password.isEmpty()) {
            return entra.missing("password");
        }
        if (!user.equalsIgnoreCase(options.username()) || !password.equals(options.password())) {
            return entra.error(400, "invalid_grant", 50126,
                    "Error validating credentials due to invalid username or password.");
        }
        return null;
    }

    private static void slowDown(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt(); // the sandbox is closing: answer at once
        }
    }
}
