package com.reportresumer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.util.FileSystemUtils;

/**
 * {@code demo --serve} in a process of its own, and what a person does meanwhile in another terminal: commands with
 * {@code --demo} attach to the served database and sandbox, and the banner's values point the production command
 * line at them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoServeTest {

    private static final Pattern SANDBOX_URL = Pattern.compile("Partner Center sandbox (http://127\\.0\\.0\\.1:\\d+) ");
    private static final Pattern EXPORT = Pattern.compile("^\\s*export ([A-Z_]+)=(.*)$", Pattern.MULTILINE);
    private static final Pattern FLAGGED = Pattern.compile("^(\\d+) added, (\\d+) already pending, 0 malformed$",
            Pattern.MULTILINE);

    private static DemoProcess served;
    private static String banner;
    private static String sandboxUrl;

    @BeforeAll
    static void serveTheDemo() throws Exception {
        FileSystemUtils.deleteRecursively(DemoDatabase.DEFAULT_DIRECTORY);
        int consolePort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            consolePort = free.getLocalPort();
        }
        served = DemoProcess.start("demo", "--serve", "--fresh", "--reports", "40", "--server.port=" + consolePort);
        banner = served.awaitOut("Ctrl-C to stop", Duration.ofSeconds(150));
        Matcher url = SANDBOX_URL.matcher(banner);
        assertThat(url.find()).as(banner).isTrue();
        sandboxUrl = url.group(1);
    }

    /** The served demo stops on SIGTERM (what Ctrl-C sends to its process group), and its data goes. */
    @AfterAll
    static void stopTheDemo() throws Exception {
        if (served != null) {
            served.close();
        }
        FileSystemUtils.deleteRecursively(DemoDatabase.DEFAULT_DIRECTORY);
    }

    @Test
    @Order(1)
    void runsWithDemoReadsTheServedDatabase() {
        DemoCliRun runs = DemoCliRun.of("runs", "--demo", "--format", "csv");

        assertThat(runs.exitCode()).as(runs.toString()).isZero();
        assertThat(runs.out().lines().toList()).as(runs.toString()).hasSize(2) // header and the served demo's run
                .element(1).asString().startsWith("1,");
        assertThat(runs.err()).as(runs.toString()).doesNotContain("in use");
    }

    @Test
    @Order(2)
    void flagAllPausedWithDemoAsksTheServedSandbox() throws Exception {
        long tokensBefore = sandboxCounter("tokenRequests");
        DemoCliRun flag = DemoCliRun.of("flag", "--all-paused", "--demo", "--by", "test");

        assertThat(flag.exitCode()).as(flag.toString()).isZero();
        assertThat(FLAGGED.matcher(flag.out()).find()).as(flag.toString()).isTrue();
        assertThat(sandboxCounter("tokenRequests")).as("the served sandbox was asked").isGreaterThan(tokensBefore);
    }

    @Test
    @Order(3)
    void rerunFailedWithDemoHasTheServedSandboxsCredentials() {
        DemoCliRun rerun = DemoCliRun.of("rerun-failed", "--demo");

        assertThat(rerun.exitCode()).as(rerun.toString()).isIn(0, 3);
        assertThat(rerun.out() + rerun.err()).as(rerun.toString()).doesNotContain("credentials")
                .containsAnyOf("Flagged", "nothing to rerun");
    }

    @Test
    @Order(4)
    void theBannersJdbcUrlUserAndPasswordConnect() throws Exception {
        String jdbcUrl = field("JDBC URL");
        String user = field("user");
        String password = field("password");

        assertThat(jdbcUrl).startsWith("jdbc:postgresql://127.0.0.1:");
        try (Connection c = DemoDatabaseTest.connect(jdbcUrl, user, password);
                ResultSet rows = c.createStatement().executeQuery("SELECT count(*) FROM resume_request")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isPositive();
        }
    }

    @Test
    @Order(4)
    void theBannersPsqlLineRunsTheRunbooksSqlFilesAsWritten() throws Exception {
        Matcher line = bannerLine("(?m)^\\s*export (PGHOST=\\S+ PGPORT=\\S+ PGDATABASE=\\S+ PGUSER=\\S+) "
                + "PGPASSWORD=\"\\$\\(cat (\\S+)\\)\"$");
        ProcessBuilder psql = new ProcessBuilder("/usr/bin/psql", "-X", "-f", "ops/sql/run-summary.sql")
                .directory(Path.of("..", "..").toFile()).redirectErrorStream(true);
        psql.environment().keySet().removeIf(name -> name.startsWith("PG"));
        for (String assignment : line.group(1).split(" ")) {
            psql.environment().put(assignment.substring(0, assignment.indexOf('=')),
                    assignment.substring(assignment.indexOf('=') + 1));
        }
        psql.environment().put("PGPASSWORD", Files.readString(Path.of(unquote(line.group(2)))).strip());
        Process process = psql.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("job_execution_id").contains("COMPLETED");
    }

    @Test
    @Order(5)
    void theBannersExportsPointTheProductionCommandLineAtTheDemo() throws Exception {
        Map<String, String> exports = new LinkedHashMap<>();
        Matcher m = EXPORT.matcher(banner);
        while (m.find()) {
            exports.put(m.group(1), unquote(m.group(2)));
        }
        assertThat(exports).as(banner).containsKeys("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
                "RESUMER_PARTNERCENTER_BASEURL", "RESUMER_PARTNERCENTER_TOKENURL", "RESUMER_PARTNERCENTER_TENANTID",
                "RESUMER_PARTNERCENTER_CLIENTID");
        assertThat(exports).as("secrets by file: nothing secret in the shell's history")
                .containsKeys("SPRING_DATASOURCE_PASSWORD_FILE", "RESUMER_PARTNERCENTER_CLIENTSECRET_FILE")
                .doesNotContainKeys("SPRING_DATASOURCE_PASSWORD", "RESUMER_PARTNERCENTER_CLIENTSECRET");
        Path secretFile = Path.of(exports.get("RESUMER_PARTNERCENTER_CLIENTSECRET_FILE"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile))).as("owner only")
                .isEqualTo("rw-------");

        DemoCliRun runs = DemoCliRun.production(exports, "runs");
        assertThat(runs.exitCode()).as(runs.toString()).isZero();
        assertThat(runs.out()).as(runs.toString()).contains("COMPLETED");

        long tokensBefore = sandboxCounter("tokenRequests");
        DemoCliRun flag = DemoCliRun.production(exports, "flag", "--all-paused", "--by", "test");
        assertThat(flag.exitCode()).as(flag.toString()).isZero();
        assertThat(FLAGGED.matcher(flag.out()).find()).as(flag.toString()).isTrue();
        assertThat(sandboxCounter("tokenRequests")).isGreaterThan(tokensBefore);

        String secret = Files.readString(secretFile).strip();
        String password = Files.readString(Path.of(exports.get("SPRING_DATASOURCE_PASSWORD_FILE"))).strip();
        assertThat(served.out() + served.err()).as("the sandbox's secret is printed nowhere").doesNotContain(secret);
        assertThat(served.err() + runs.err() + flag.err()).as("no password in a log").doesNotContain(password);
    }

    @Test
    @Order(5)
    void theBannersConsoleSignsInTheOperatorWithThePrintedPassword() throws Exception {
        Matcher line = bannerLine("The ops console: (http://127\\.0\\.0\\.1:\\d+/)  sign in as demo \\(operator\\), "
                + "password (\\S+) \\(also in (\\S+)\\), or as viewer \\(viewer\\), password (\\S+) \\(also in \\S+\\)");
        String console = line.group(1);
        String password = line.group(2);
        assertThat(Files.readString(Path.of(line.group(3))).strip()).isEqualTo(password);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(line.group(3)))))
                .isEqualTo("rw-------");

        HttpResponse<String> home = signIn(console, "demo", password);
        assertThat(home.body()).contains("demo · operator").contains("href=\"/runs/1\"");
        // the viewer's own password signs the viewer in, as a viewer; the operator's does not
        assertThat(signIn(console, "viewer", line.group(4)).body()).contains("viewer · viewer");
        assertThat(signIn(console, "viewer", password).uri().toString()).endsWith("/login?error");
        assertThat(line.group(4)).as("the viewer's password is not the operator's").isNotEqualTo(password);
        assertThat(DemoDatabase.DEFAULT_DIRECTORY.resolve("tomcat")).as("Tomcat's folder is the demo's, not a new one in "
                + "the temporary folder").isDirectory();
        assertThat(served.err()).as("no console password in a log").doesNotContain(password)
                .doesNotContain(line.group(4));
    }

    @Test
    @Order(6)
    void aSecondDemoWhileOneIsServedIsRefusedAndLeavesItsDataAlone() throws Exception {
        DemoCliRun fresh = DemoCliRun.of("demo", "--fresh", "--reports", "5");

        assertThat(fresh.exitCode()).as(fresh.toString()).isEqualTo(2);
        assertThat(fresh.err().lines().toList()).as(fresh.toString()).singleElement().asString()
                .startsWith("report-resumer: ").doesNotContain("postmaster.pid");
        assertThat(served.process().isAlive()).isTrue();
        DemoCliRun runs = DemoCliRun.of("runs", "--demo", "--format", "csv");
        assertThat(runs.exitCode()).as(runs.toString()).isZero();
        assertThat(runs.out().lines().skip(1).toList()).as("the served demo's history, newest first")
                .isNotEmpty().last().asString().startsWith("1,");
    }

    /** Signs {@code user} in on the console's page, in a browser of its own: the page the sign-in lands on. */
    private static HttpResponse<String> signIn(String console, String user, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager(null,
                java.net.CookiePolicy.ACCEPT_ALL)).followRedirects(HttpClient.Redirect.ALWAYS).build();
        assertThat(browser.send(HttpRequest.newBuilder(URI.create(console)).build(),
                HttpResponse.BodyHandlers.ofString()).uri().getPath()).as("sign-in first").isEqualTo("/login");
        String login = browser.send(HttpRequest.newBuilder(URI.create(console + "login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
        assertThat(csrf.find()).as(login).isTrue();
        String form = "username=" + user + "&password=" + java.net.URLEncoder.encode(password, "UTF-8") + "&_csrf="
                + csrf.group(1);
        return browser.send(HttpRequest.newBuilder(URI.create(console + "login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The banner's first match of {@code regex}; the test fails when it has none. */
    private static Matcher bannerLine(String regex) {
        Matcher line = Pattern.compile(regex).matcher(banner);
        assertThat(line.find()).as(regex + " in\n" + banner).isTrue();
        return line;
    }

    /** A value of the banner's connection block: the word after {@code "  NAME  "} at the start of a line. */
    private static String field(String name) {
        Matcher m = Pattern.compile("^\\s+" + Pattern.quote(name) + "\\s+(\\S+)", Pattern.MULTILINE).matcher(banner);
        assertThat(m.find()).as(name + " in\n" + banner).isTrue();
        return m.group(1);
    }

    /** A shell word as the shell takes it: single quotes removed, {@code '\''} a quote. */
    private static String unquote(String word) {
        String w = word.strip();
        return w.startsWith("'") && w.endsWith("'") ? w.substring(1, w.length() - 1).replace("'\\''", "'") : w;
    }

    private static long sandboxCounter(String name) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandboxUrl + "/_sandbox/counters")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(answer.body());
        assertThat(m.find()).as(answer.body()).isTrue();
        return Long.parseLong(m.group(1));
    }
}
