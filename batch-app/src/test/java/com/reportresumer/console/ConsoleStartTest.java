package com.reportresumer.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.EnvVar;
import com.reportresumer.testsupport.ForkedApp;
import com.reportresumer.testsupport.ResumerEnvironment;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** When the console starts, and when it refuses to: in {@code console} and in {@code schedule}. */
class ConsoleStartTest {

    @RegisterExtension
    static final ResumerEnvironment env = new ResumerEnvironment();

    @Test
    void aNonLoopbackAddressWithoutSignInIsRefusedInOneLine(@TempDir Path tomcat) {
        CliRun refused = env.cli("console", "--server.address=0.0.0.0", "--server.port=0",
                "--server.tomcat.basedir=" + tomcat);
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err().strip()).doesNotContain("\n").startsWith("report-resumer: Configuration error: "
                + "the console is bound to 0.0.0.0, not loopback, without sign-in");
    }

    @Test
    void withoutSignInOnLoopbackItIsReadOnly() throws Exception {
        try (RunningConsole console = RunningConsole.start(env, RunningConsole.freePort())) {
            Browserless local = new Browserless(false);
            HttpResponse<String> runs = local.get(console.url("/"));
            assertThat(runs.statusCode()).isEqualTo(200);
            assertThat(runs.body()).contains("<h1>Runs</h1>").contains("local viewer · viewer")
                    .doesNotContain("Sign out");
            assertThat(local.get(console.url("/actions/rerun-failed")).statusCode()).isEqualTo(403);
            assertThat(local.post(console.url("/actions/rerun-failed"), java.util.Map.of()).statusCode())
                    .isEqualTo(403);
            // DNS rebinding: a page of another site whose name now points at 127.0.0.1 asks with that name
            assertThat(statusLine(console.port(), "evil.example")).contains(" 403 ");
            assertThat(statusLine(console.port(), "localhost:" + console.port())).contains(" 200 ");
        }
        assertThat(env.requests().count("SELECT count(*) FROM console_action")).isZero();
    }

    /**
     * An OpenID provider's endpoint over plain http to a host that is not loopback: the client secret would go to its
     * token endpoint in clear text, and whoever answers for its JWK set or its issuer signs the ID tokens, roles and
     * all. Refused before the console fetches anything from it (an issuer's discovery document among them).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "issuer-uri", "authorization-uri", "token-uri", "jwk-set-uri", "user-info-uri" })
    void anOpenIdProviderOverPlainHttpToAHostThatIsNotLoopbackIsRefused(String endpoint, @TempDir Path tomcat)
            throws Exception {
        String provider = "spring.security.oauth2.client.provider.entra.";
        Map<String, String> endpoints = new LinkedHashMap<>(Map.of("authorization-uri", "/authorize",
                "token-uri", "/token", "jwk-set-uri", "/keys", "user-info-uri", "/userinfo"));
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.tomcat.basedir=" + tomcat,
                "--spring.security.oauth2.client.registration.entra.client-id=console",
                "--spring.security.oauth2.client.registration.entra.authorization-grant-type=authorization_code",
                "--spring.security.oauth2.client.registration.entra.scope=openid",
                "--spring.security.oauth2.client.registration.entra.redirect-uri={baseUrl}/login/oauth2/code/entra",
                "--" + provider + "user-name-attribute=sub",
                EnvVar.of("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_ENTRA_CLIENTSECRET", "oidc-SECRET-value")));
        if (endpoint.equals("issuer-uri")) {
            args.add("--" + provider + "issuer-uri=http://idp.example.invalid/tenant/v2.0");
        }
        else {
            endpoints.forEach((name, path) -> args.add("--" + provider + name + "="
                    + (name.equals(endpoint) ? "http" : "https") + "://idp.example.invalid/tenant" + path));
        }

        CliRun refused = refusedToStart(args.toArray(String[]::new));

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err().strip()).as(refused.toString()).doesNotContain("\n")
                .startsWith("report-resumer: Configuration error: " + provider + endpoint + " uses plain http to a "
                        + "host that is not loopback (idp.example.invalid): use https")
                .doesNotContain("oidc-SECRET-value");
    }

    /** An issuer on loopback whose discovery document names a token endpoint over plain http elsewhere. */
    @Test
    void anEndpointTheIssuersDiscoveryGivesOverPlainHttpIsRefusedToo(@TempDir Path tomcat) throws Exception {
        HttpServer issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + issuer.getAddress().getPort();
        byte[] discovery = ("{\"issuer\":\"" + base + "\",\"authorization_endpoint\":\"" + base + "/authorize\","
                + "\"token_endpoint\":\"http://idp.example.invalid/token\",\"jwks_uri\":\"" + base + "/keys\","
                + "\"userinfo_endpoint\":\"" + base + "/userinfo\",\"subject_types_supported\":[\"public\"],"
                + "\"response_types_supported\":[\"code\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}")
                .getBytes(StandardCharsets.UTF_8);
        issuer.createContext("/.well-known/openid-configuration", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, discovery.length);
            exchange.getResponseBody().write(discovery);
            exchange.close();
        });
        issuer.start();
        try {
            CliRun refused = refusedToStart("--server.port=0", "--server.tomcat.basedir=" + tomcat,
                    "--spring.security.oauth2.client.provider.entra.issuer-uri=" + base,
                    "--spring.security.oauth2.client.registration.entra.client-id=console",
                    "--spring.security.oauth2.client.registration.entra.scope=openid",
                    EnvVar.of("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_ENTRA_CLIENTSECRET", "oidc-SECRET-value"));
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
            assertThat(refused.err().strip()).as(refused.toString()).doesNotContain("\n")
                    .startsWith("report-resumer: Configuration error: the OpenID provider of registration entra (as "
                            + "configured or discovered): token-uri uses plain http to a host that is not loopback "
                            + "(idp.example.invalid)")
                    .doesNotContain("oidc-SECRET-value");
        }
        finally {
            issuer.stop(0);
        }
    }

    /**
     * Guessing a password: after five failures in a row the name is refused, even with its right password, until
     * the lockout has passed (five seconds here, wide enough for a busy machine; a minute by default), while other
     * names sign in as before.
     */
    @Test
    void aNameIsRefusedAfterFiveFailedSignInsInARowUntilItsLockoutHasPassed() throws Exception {
        try (RunningConsole console = RunningConsole.withUsers(env, "--resumer.console.sign-in.lockout=5s")) {
            for (int i = 0; i < 5; i++) {
                assertThat(new Browserless(false).signIn(console, RunningConsole.OPERATOR, "guess " + i).headers()
                        .firstValue("Location")).as("guess " + i).hasValue(console.url("/login?error"));
            }
            Browserless olivia = new Browserless(false);
            assertThat(olivia.signIn(console, RunningConsole.OPERATOR, RunningConsole.PASSWORD).headers()
                    .firstValue("Location")).as("the right password, locked").hasValue(console.url("/login?locked"));
            assertThat(olivia.get(console.url("/")).statusCode()).as("not signed in").isEqualTo(302);
            assertThat(olivia.get(console.url("/login?locked")).body()).contains("too many failed sign-ins");
            assertThat(Browserless.signedIn(console, RunningConsole.VIEWER).get(console.url("/")).statusCode())
                    .as("another name").isEqualTo(200);

            Thread.sleep(5_500);
            assertThat(Browserless.signedIn(console, RunningConsole.OPERATOR).get(console.url("/")).statusCode())
                    .as("after the lockout").isEqualTo(200);
        }
    }

    /**
     * A console ended by SIGTERM leaves nothing in its temporary folder: Tomcat's own folders (made there unless
     * {@code server.tomcat.basedir} names one, and marked for a deletion at exit that a halted JVM never runs) are
     * in one folder of the process, deleted when its context closes.
     */
    @Test
    void aConsoleStoppedBySigtermLeavesNothingInItsTemporaryFolder() throws Exception {
        ForkedApp console = ForkedApp.start("console", env.properties("--server.port=0"));
        try {
            console.awaitErr("console at http://", Duration.ofSeconds(90));
            Path temporary = console.outFile().getParent();
            assertThat(listed(temporary)).as("while it serves: Tomcat's folders beside the logs").hasSizeGreaterThan(2);

            console.process().destroy(); // SIGTERM
            assertThat(console.process().waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(console.process().exitValue()).as(console.err()).isZero();
            assertThat(listed(temporary)).as("left in " + temporary).containsExactlyInAnyOrder("app.out", "app.err");
        }
        finally {
            console.process().destroyForcibly();
        }
    }

    /** {@code console} with {@code args}, which must refuse to start: a console served anyway is the test's failure. */
    private static CliRun refusedToStart(String... args) throws Exception {
        CliRun.Running console = CliRun.start(env.args("console", args));
        try {
            return console.result().get(60, TimeUnit.SECONDS);
        }
        catch (TimeoutException servedAnyway) {
            throw new AssertionError("the console was served: " + console.stop());
        }
    }

    private static List<String> listed(Path folder) throws IOException {
        try (var names = Files.list(folder)) {
            return names.map(path -> path.getFileName().toString()).toList();
        }
    }

    @Test
    void aPasswordHashThatIsNoBcryptHashIsRefusedWithoutShowingIt(@TempDir Path tomcat) {
        CliRun refused = env.cli("console", "--server.port=0", "--server.tomcat.basedir=" + tomcat,
                EnvVar.of("RESUMER_CONSOLE_USERS_0_NAME", "olivia"),
                EnvVar.of("RESUMER_CONSOLE_USERS_0_PASSWORDHASH", "hunter2"),
                EnvVar.of("RESUMER_CONSOLE_USERS_0_ROLE", "OPERATOR"));
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("resumer.console.users[0].password-hash is not a BCrypt hash")
                .doesNotContain("hunter2");
    }

    @Test
    void scheduleServesTheConsoleBesideHealthAndMetrics() throws Exception {
        int port = RunningConsole.freePort();
        CliRun.Running schedule = CliRun.start(env.args("schedule", "--resumer.schedule.cron=0 0 2 * * *",
                "--server.port=" + port, "--server.tomcat.basedir=" + Path.of("target", "schedule-console-tomcat")
                        .toAbsolutePath(),
                EnvVar.of("RESUMER_CONSOLE_USERS_0_NAME", "olivia"),
                EnvVar.of("RESUMER_CONSOLE_USERS_0_PASSWORDHASH", new org.springframework.security.crypto.bcrypt
                        .BCryptPasswordEncoder(4).encode(RunningConsole.PASSWORD)),
                EnvVar.of("RESUMER_CONSOLE_USERS_0_ROLE", "OPERATOR")));
        try {
            Browserless person = new Browserless(false);
            String base = "http://127.0.0.1:" + port;
            HttpResponse<String> health = null;
            for (int i = 0; i < 600 && health == null; i++) {
                try {
                    health = person.get(base + "/actuator/health");
                }
                catch (java.io.IOException notYet) {
                    Thread.sleep(100);
                }
            }
            assertThat(health).isNotNull();
            assertThat(health.body()).contains("UP");
            assertThat(person.get(base + "/").headers().firstValue("Location")).hasValue(base + "/login");
            Browserless olivia = new Browserless(true);
            String home = olivia.post(base + "/login", java.util.Map.of("username", "olivia", "password",
                    RunningConsole.PASSWORD, "_csrf", Browserless.csrf(olivia.get(base + "/login").body()))).body();
            assertThat(home).contains("<h1>Runs</h1>").contains("olivia · operator");
        }
        finally {
            CliRun stopped = schedule.stop();
            assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
        }
    }

    /** The status line of {@code GET /} with this {@code Host} header (which the JDK's HTTP client will not set). */
    private static String statusLine(int port, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/html\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }
}
