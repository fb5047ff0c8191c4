package com.reportresumer.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Case {@code console}: the ops console's pages and exports against a large history — {@code N} audit rows (a
 * million at full size) over a thousand executions and about 0.3 × N reports, with {@code N / 50} requests
 * {@code PENDING} ({@link ConsoleData} fills it with SQL). The real {@code batch-app.jar console} serves it (its own
 * JVM, {@code -Xmx} of {@code --app-xmx}, a viewer from the environment as in production); a JDK {@code HttpClient}
 * signs in and asks for each page several times in turn, after one untimed warm-up round (not of the whole trail's
 * export, which a console without streaming cannot hold, and which is then fetched twice; a page whose warm-up took
 * more than {@value #SLOW_SECONDS} s is measured by that one fetch: minutes, before the indexes). A row shows the best time,
 * the note the median, every time, the size and, for the exports, the time to the first byte. Target: a page's
 * median at most {@value #PAGE_TARGET_SECONDS} s; an export's first byte within as long (a large export streams).
 */
final class ConsoleCase {

    /** Its size: audit rows. */
    static final BenchCase CASE = new BenchCase("console", BenchOptions::nConsole, ConsoleCase::run);

    static final double PAGE_TARGET_SECONDS = 1.0;
    /** A page slower than this is fetched once, not {@link Page#times} times. */
    static final int SLOW_SECONDS = 10;

    /** A viewer of the bench's console: the BCrypt hash (cost 4) of {@link #PASSWORD}, as the environment gives it. */
    static final String USER = "bench-viewer";
    static final String PASSWORD = "bench-console-password";
    static final String PASSWORD_HASH = "$2a$04$p6BTRM2.HB2NjEVnnnUhiuem8MA9uXwmhNoQHQ.PHPzmzFKougVIC";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
    private static final Pattern NEXT_PAGE = Pattern.compile("href=\"([^\"]+)\" id=\"next-page\"|id=\"next-page\"[^>]*href=\"([^\"]+)\"");

    /** A page or export to time: a label, its path, how many timed fetches, and how to get there (page N). */
    record Page(String label, String path, int times, int nextLinks, boolean export) {
    }

    private ConsoleCase() {
    }

    static void run(CaseContext context, int auditRows, Consumer<Row> results) throws Exception {
        ConsoleData data = new ConsoleData(auditRows);
        context.app().withOwnDatabase("console", (env, database, appEnv) -> {
            long filling = System.nanoTime();
            String hot;
            String since;
            String until;
            try (Connection c = env.db.connect(database)) {
                data.fill(c);
                hot = ConsoleData.hotReportId(c, 0);
                since = startOf(c, data.windowFrom());
                until = startOf(c, data.windowTo());
                env.out.printf(Locale.ROOT, "   filled in %.0f s: %s%n", (System.nanoTime() - filling) / 1e9,
                        contents(c));
            }
            int big = data.largeRun();
            String csvWhole = "/audit.csv?limit=" + auditRows;
            List<Page> pages = List.of(
                    new Page("Runs /", "/", 5, 0, false),
                    new Page("Run detail /runs/" + big + " (" + data.largeRunRows() + " rows)", "/runs/" + big, 5, 0,
                            false),
                    new Page("Report history, whole ID (" + auditRows / 50 / ConsoleData.HOT_REPORTS + " calls)",
                            "/reports?id=" + hot, 5, 0, false),
                    new Page("Report history, prefix of 8", "/reports?id=" + hot.substring(0, 8), 5, 0, false),
                    new Page("Report history, prefix of 3 (a list)", "/reports?id=" + hot.substring(0, 3), 5, 0, false),
                    new Page("Audit, no filter", "/audit", 5, 0, false),
                    new Page("Audit, run " + big, "/audit?run=" + big, 5, 0, false),
                    new Page("Audit, outcome FAILED", "/audit?outcome=FAILED", 5, 0, false),
                    new Page("Audit, since/until " + (data.windowTo() - data.windowFrom()) + " days",
                            "/audit?since=" + enc(since) + "&until=" + enc(until), 5, 0, false),
                    new Page("Audit, latest", "/audit?latest=true", 5, 0, false),
                    new Page("Audit, latest + FAILED", "/audit?latest=true&outcome=FAILED", 5, 0, false),
                    new Page("Audit, page 10 (next link x9)", "/audit", 5, 9, false),
                    new Page("Audit, limit " + data.deepWindow() + ", page " + data.deepPage() + " (next x"
                            + (data.deepPage() - 1) + ")", "/audit?limit=" + data.deepWindow(), 5,
                            data.deepPage() - 1, false),
                    new Page("Queue /queue (" + data.pending + " PENDING)", "/queue", 5, 0, false),
                    new Page("Export /audit.csv, run " + big, "/audit.csv?run=" + big + "&limit=" + auditRows, 3, 0, true),
                    new Page("Export /audit.json, run " + big, "/audit.json?run=" + big + "&limit=" + auditRows, 3, 0, true),
                    new Page("Export /audit.csv, whole trail (" + auditRows + " rows)", csvWhole, 2, 0, true));
            int port = freePort();
            Map<String, String> consoleEnv = new LinkedHashMap<>(appEnv);
            consoleEnv.put("RESUMER_CONSOLE_USERS_0_NAME", USER);
            consoleEnv.put("RESUMER_CONSOLE_USERS_0_PASSWORDHASH", PASSWORD_HASH);
            consoleEnv.put("RESUMER_CONSOLE_USERS_0_ROLE", "VIEWER");
            Path logs = env.logs;
            Files.createDirectories(logs);
            // Tomcat's work folder beside the logs, not in the system's temporary folder; removed afterwards
            Path tomcat = Files.createTempDirectory(logs, "console-tomcat");
            ProcessBuilder pb = new ProcessBuilder(env.java.toString(), "-Xmx" + env.options.appXmx, "-jar",
                    env.options.appJar().toString(), "console", "--server.port=" + port,
                    "--server.tomcat.basedir=" + tomcat.toAbsolutePath())
                    .redirectOutput(logs.resolve("console.out").toFile())
                    .redirectError(logs.resolve("console.err").toFile());
            pb.environment().putAll(consoleEnv);
            Process console = pb.start();
            Children.register(console);
            try {
                Client client = new Client("http://127.0.0.1:" + port);
                client.awaitUp(console, Duration.ofSeconds(120));
                client.signIn(USER, PASSWORD);
                env.out.printf(Locale.ROOT, "   console on port %d, signed in as %s (-Xmx%s)%n", port, USER,
                        env.options.appXmx);
                // one untimed round: JIT, Thymeleaf's template cache, the database's buffers; a page slower than
                // SLOW_SECONDS is measured by that one fetch (the figure before the indexes: minutes)
                List<String> urls = new ArrayList<>();
                List<Fetched> warmUps = new ArrayList<>();
                for (Page page : pages) {
                    String url;
                    try {
                        url = client.reach(page);
                    }
                    catch (Exception failed) {
                        url = null;
                        env.out.printf(Locale.ROOT, "   %s: %s%n", page.label(), failed.getMessage());
                    }
                    urls.add(url);
                    // the whole trail is its own warm-up: an export the console cannot hold must not spoil the rest
                    warmUps.add(url == null || page.times() < 3 ? null : client.fetch(url));
                }
                for (int i = 0; i < pages.size(); i++) {
                    results.accept(measure(context, client, pages.get(i), urls.get(i), warmUps.get(i), auditRows));
                }
            }
            finally {
                console.destroy();
                if (!console.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    console.destroyForcibly();
                    console.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
                }
                Children.unregister(console);
                try {
                    deleteTree(tomcat);
                }
                catch (IOException left) {
                    env.out.println("   could not remove " + tomcat + ": " + left.getMessage());
                }
            }
            return null;
        });
    }

    private static Row measure(CaseContext context, Client client, Page page, String url, Fetched warmUp,
            int auditRows) throws Exception {
        Row row = new Row("console", page.label(), auditRows);
        if (url == null) {
            row.check("could not reach the page (see the bench's output)", false);
            return row;
        }
        List<Double> totals = new ArrayList<>();
        List<Double> firstBytes = new ArrayList<>();
        Fetched last = warmUp;
        boolean once = warmUp != null && warmUp.seconds() > SLOW_SECONDS;
        if (once) {
            totals.add(warmUp.seconds());
            firstBytes.add(warmUp.firstByteSeconds());
        }
        for (int i = 0; i < (once ? 0 : page.times()); i++) {
            last = client.fetch(url);
            totals.add(last.seconds());
            firstBytes.add(last.firstByteSeconds());
        }
        boolean ok = last.status() == 200;
        row.wallSeconds = min(totals);
        double median = median(totals);
        double firstByte = median(firstBytes);
        String text = page.export()
                ? String.format(Locale.ROOT, "first byte %.3f s (median) <= %.1f s", firstByte, PAGE_TARGET_SECONDS)
                : String.format(Locale.ROOT, "median %.3f s <= %.1f s", median, PAGE_TARGET_SECONDS);
        context.target(row, text + (ok ? "" : "; HTTP " + (last.status() == 599 ? "cut short" : last.status())),
                (page.export() ? firstByte : median) <= PAGE_TARGET_SECONDS, ok);
        row.note = String.format(Locale.ROOT, "%s: best %.3f s, median %.3f s, every %s s%s; first byte %s s; %,d "
                + "bytes, HTTP %d", page.path() + (page.nextLinks() > 0 ? " +" + page.nextLinks() + " next links" : ""),
                row.wallSeconds, median, text(totals), once ? " (slower than " + SLOW_SECONDS + " s: fetched once)" : "",
                text(firstBytes), last.bytes(), last.status());
        return row;
    }

    /** One fetch: status, size, time to the response's head and to its last byte. */
    record Fetched(int status, long bytes, double firstByteSeconds, double seconds, String body) {
    }

    /** A viewer's browser without a browser: cookies (the session), the sign-in form and its CSRF token. */
    static final class Client {

        private final String base;
        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        private HttpClient http = newClient();

        private HttpClient newClient() {
            return HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(10)).build();
        }

        Client(String base) {
            this.base = base;
        }

        void awaitUp(Process console, Duration within) throws Exception {
            long deadline = System.nanoTime() + within.toNanos();
            while (true) {
                if (!console.isAlive()) {
                    throw new IllegalStateException("the console exited " + console.exitValue() + " before it answered");
                }
                try {
                    if (fetch(base + "/login").status() == 200) {
                        return;
                    }
                }
                catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the console did not answer within " + within);
                }
                Thread.sleep(200);
            }
        }

        void signIn(String user, String password) throws Exception {
            Matcher token = CSRF.matcher(fetch(base + "/login").body());
            if (!token.find()) {
                throw new IllegalStateException("no CSRF token on the sign-in page");
            }
            String csrf = token.group(1) != null ? token.group(1) : token.group(2);
            String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrf);
            HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (signedIn.statusCode() != 200 || !signedIn.body().contains("<h1>Runs</h1>")) {
                throw new IllegalStateException("sign-in failed: HTTP " + signedIn.statusCode());
            }
        }

        /** The URL of {@code page}: its path, or the page its next links lead to (followed untimed). */
        String reach(Page page) throws Exception {
            String url = base + page.path();
            for (int i = 0; i < page.nextLinks(); i++) {
                Matcher next = NEXT_PAGE.matcher(fetch(url).body());
                if (!next.find()) {
                    throw new IllegalStateException("no next page after " + (i + 1) + " pages of " + page.path());
                }
                url = base + (next.group(1) != null ? next.group(1) : next.group(2)).replace("&amp;", "&");
            }
            return url;
        }

        /** Fetches {@code url} whole; the body is kept when it is small (a page), only counted otherwise. */
        Fetched fetch(String url) throws Exception {
            long start = System.nanoTime();
            HttpResponse<InputStream> response;
            try {
                response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html,*/*;q=0.8")
                        .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofInputStream());
            }
            catch (java.net.http.HttpTimeoutException late) {
                http = newClient();
                double waited = (System.nanoTime() - start) / 1e9;
                return new Fetched(0, 0, waited, waited, "");
            }
            double head = (System.nanoTime() - start) / 1e9;
            long bytes = 0;
            java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = response.body()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (bytes < 4 << 20) {
                        kept.write(buffer, 0, n);
                    }
                    bytes += n;
                }
            }
            catch (IOException cut) {
                // an export the server gave up on half-way (out of memory): what arrived counts, the status says;
                // its connection is not to be used again
                http = newClient();
                return new Fetched(599, bytes, head, (System.nanoTime() - start) / 1e9, "");
            }
            return new Fetched(response.statusCode(), bytes, head, (System.nanoTime() - start) / 1e9,
                    kept.toString(StandardCharsets.UTF_8));
        }
    }

    private static String startOf(Connection c, int execution) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT start_time FROM batch_job_execution WHERE job_execution_id = " + execution)) {
            rs.next();
            return rs.getTimestamp(1).toLocalDateTime().atOffset(ZoneOffset.UTC).toString();
        }
    }

    private static String contents(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT (SELECT count(*) FROM batch_job_execution), (SELECT count(*) FROM resume_audit),
                       (SELECT count(DISTINCT normalised_report_id(report_id)) FROM resume_audit),
                       (SELECT count(*) FROM resume_request), (SELECT count(*) FROM resume_request WHERE status = 'PENDING'),
                       (SELECT string_agg(outcome || ' ' || n, ', ' ORDER BY n DESC)
                          FROM (SELECT outcome, count(*) AS n FROM resume_audit GROUP BY outcome) o),
                       pg_size_pretty(pg_database_size(current_database()))""")) {
            rs.next();
            return String.format(Locale.ROOT, "%,d executions, %,d audit rows (%s) over %,d reports, %,d requests "
                    + "(%,d PENDING), database %s", rs.getLong(1), rs.getLong(2), rs.getString(6), rs.getLong(3),
                    rs.getLong(4), rs.getLong(5), rs.getString(7));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static double min(List<Double> xs) {
        return Collections.min(xs);
    }

    static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String text(List<Double> seconds) {
        List<String> each = new ArrayList<>();
        seconds.forEach(s -> each.add(String.format(Locale.ROOT, "%.3f", s)));
        return String.join(" ", each);
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
