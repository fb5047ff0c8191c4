package com.reportresumer.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person at the console without a browser: real HTTP with cookies (a session of its own), redirects followed or
 * not, and form posts with the page's CSRF token as a browser would send them.
 */
final class Browserless {

    private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]+)\"");

    private final HttpClient http;

    Browserless(boolean followRedirects) {
        http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(followRedirects ? HttpClient.Redirect.ALWAYS : HttpClient.Redirect.NEVER).build();
    }

    /** What a browser asks for: a page (an error is then a page too, not JSON). */
    private static final String PAGE = "text/html,application/xhtml+xml,*/*;q=0.8";

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", PAGE).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String url, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", PAGE)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The CSRF token of the first form of {@code html}. */
    static String csrf(String html) {
        Matcher input = CSRF_INPUT.matcher(html);
        Matcher value = input.find() ? VALUE.matcher(input.group()) : null;
        if (value == null || !value.find()) {
            throw new AssertionError("no CSRF token in:\n" + html);
        }
        return value.group(1);
    }

    /** The value of the hidden field {@code name} of {@code html}, unescaped as a browser reads it. */
    static String hidden(String html, String name) {
        Matcher field = Pattern.compile("<input type=\"hidden\" name=\"" + Pattern.quote(name)
                + "\" value=\"([^\"]*)\">").matcher(html);
        if (!field.find()) {
            throw new AssertionError("no hidden field " + name + " in:\n" + html);
        }
        return field.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }

    /** A client signed in as {@code user} (the tests' one password), following redirects as a browser does. */
    static Browserless signedIn(RunningConsole console, String user) throws IOException, InterruptedException {
        Browserless client = new Browserless(true);
        HttpResponse<String> home = client.signIn(console, user, RunningConsole.PASSWORD);
        if (home.statusCode() != 200) {
            throw new AssertionError(user + " could not sign in: " + home.statusCode());
        }
        return client;
    }

    /** Signs in with the console's form; the page it lands on. */
    HttpResponse<String> signIn(RunningConsole console, String user, String password)
            throws IOException, InterruptedException {
        String page = get(console.url("/login")).body();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", user);
        form.put("password", password);
        form.put("_csrf", csrf(page));
        return post(console.url("/login"), form);
    }
}
