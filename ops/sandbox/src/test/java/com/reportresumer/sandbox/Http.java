package com.reportresumer.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JDK HttpClient wrapper for the tests: real HTTP against a sandbox on loopback. */
final class Http {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Sandbox sandbox;
    private String token;

    Http(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** A token obtained from the v1 endpoint with the client-credentials grant (cached). */
    String token() {
        if (token == null) {
            HttpResponse<String> r = postForm(sandbox.tokenUrl(), clientCredentials(sandbox.options()));
            if (r.statusCode() != 200) {
                throw new IllegalStateException("token endpoint answered " + r.statusCode() + ": " + r.body());
            }
            token = json(r).get("access_token").asString();
        }
        return token;
    }

    static Map<String, String> clientCredentials(SandboxOptions o) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", o.clientId());
        form.put("client_secret", o.clientSecret());
        form.put("resource", o.resource());
        return form;
    }

    /** The client-credentials form of the v2.0 endpoint: a {@code <resource>/.default} scope instead of the resource. */
    static Map<String, String> clientCredentialsV2(SandboxOptions o) {
        Map<String, String> form = clientCredentials(o);
        form.remove("resource");
        form.put("scope", o.resource() + "/.default");
        return form;
    }

    /** The v1 password grant with the sandbox's user (and the client secret, which a public client may leave out). */
    static Map<String, String> passwordGrant(SandboxOptions o) {
        Map<String, String> form = clientCredentials(o);
        form.put("grant_type", "password");
        form.put("username", o.username());
        form.put("password", o.password());
        return form;
    }

    HttpResponse<String> resume(UUID id) {
        return send("PUT", "/ScheduledReport/resume/" + id, token(), null);
    }

    HttpResponse<String> resume(String id) {
        return send("PUT", "/ScheduledReport/resume/" + id, token(), null);
    }

    HttpResponse<String> pause(UUID id) {
        return send("PUT", "/ScheduledReport/pause/" + id, token(), null);
    }

    HttpResponse<String> get(String apiRelative) {
        return send("GET", apiRelative, token(), null);
    }

    /** A call under the API path with an explicit token (null: no Authorization header) and timeout (null: none). */
    HttpResponse<String> send(String method, String apiRelative, String bearer, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.apiUrl() + apiRelative))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (timeout != null) {
            b.timeout(timeout);
        }
        return exchange(b.build());
    }

    static HttpResponse<String> raw(String method, String url) {
        return exchange(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    static HttpResponse<String> postForm(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return exchange(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static HttpResponse<String> exchange(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static List<String> names(JsonNode object) {
        return new ArrayList<>(object.propertyNames());
    }
}
