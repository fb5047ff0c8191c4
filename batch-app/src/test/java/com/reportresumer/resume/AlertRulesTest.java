package com.reportresumer.resume;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The alert rules of {@code ops/deploy/prometheus/alert-rules.yaml} are on metrics that {@code schedule} serves (no
 * promtool here: the rules are parsed, and every metric and label they name is looked for in a real scrape), and
 * {@code resumer_last_success_timestamp_seconds}, which the first rule needs, is the database's: the same on an
 * instance that ran nothing.
 */
class AlertRulesTest {

    private static final Path RULES = Path.of("..", "ops", "deploy", "prometheus", "alert-rules.yaml");
    /** A metric with its label matchers: {@code name{label="value", other!="value"}}. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"");
    /** PromQL's words that are no metric: binary operators and modifiers (functions are followed by a parenthesis). */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "by", "without", "on",
            "ignoring", "group_left", "group_right", "offset");

    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment().withApi(api -> api.resumesEverything(0));

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String scrape(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The value of the series {@code name} (without labels), or null while it is not served. */
    private static Double value(String scrape, String name) {
        return scrape.lines().filter(line -> line.startsWith(name + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(name.length() + 1).strip())).orElse(null);
    }

    private static void await(Requests requests, String sql, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (requests.count(sql) < atLeast) {
            assertThat(System.nanoTime()).as("waiting for " + sql).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static double endOfExecution(Requests requests, long id) {
        Timestamp end = (Timestamp) requests.query("SELECT end_time FROM batch_job_execution WHERE job_execution_id = ?",
                id).get(0).get("end_time");
        return end.toInstant().getEpochSecond();
    }

    @Test
    void theLastSuccessIsReadFromTheDatabaseAtEachScrape(@TempDir Path tomcat) throws Exception {
        int port = freePort();
        CliRun.Running schedule = CliRun.start(env.args("schedule", "--resumer.schedule.cron=0 0 0 1 1 *",
                "--server.port=" + port, "--server.tomcat.basedir=" + tomcat));
        try {
            String before = awaitServed(port);
            assertThat(value(before, "resumer_last_success_timestamp_seconds")).as("no execution ever completed")
                    .isZero();

            // a run of another process: this instance ran nothing, and says when that one completed
            env.requests().flag(UUID.randomUUID().toString());
            assertThat(env.cli("run").exitCode()).isZero();
            String after = scrape(port);
            assertThat(value(after, "resumer_last_success_timestamp_seconds")).isEqualTo(
                    endOfExecution(env.requests(), 1));
            assertThat(value(after, "resumer_last_run_end_timestamp_seconds")).as("this process's own: none yet")
                    .isZero();

            env.requests().update("UPDATE batch_job_execution SET end_time = end_time - interval '2 days'");
            assertThat(value(scrape(port), "resumer_last_success_timestamp_seconds"))
                    .isEqualTo(endOfExecution(env.requests(), 1));
        }
        finally {
            CliRun stopped = schedule.stop();
            assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
        }
    }

    @Test
    void everyMetricAndLabelTheAlertRulesNameIsServed(@TempDir Path tomcat) throws Exception {
        List<Map<String, Object>> rules = rules();
        assertThat(rules).extracting(rule -> rule.get("alert")).containsExactlyInAnyOrder(
                "ReportResumerNoSuccessfulRun", "ReportResumerLastRunHadFailures", "ReportResumerRunDidNotComplete",
                "ReportResumerThrottled");
        for (Map<String, Object> rule : rules) {
            assertThat(rule).as(rule.get("alert") + "").containsKeys("expr", "labels", "annotations");
            assertThat(((Map<?, ?>) rule.get("annotations")).keySet().stream().map(Object::toString).toList()).as(rule.get("alert") + "")
                    .contains("summary", "description");
        }

        Requests requests = env.requests();
        requests.flag(UUID.randomUUID().toString(), "typo");
        int port = freePort();
        CliRun.Running schedule = CliRun.start(env.args("schedule", "--resumer.schedule.cron=*/2 * * * * *",
                "--server.port=" + port, "--server.tomcat.basedir=" + tomcat));
        String scrape;
        try {
            await(requests, "SELECT count(*) FROM batch_job_execution WHERE status = 'COMPLETED'", 1);
            scrape = scrape(port);
        }
        finally {
            CliRun stopped = schedule.stop();
            assertThat(stopped.exitCode()).as(stopped.toString()).isLessThanOrEqualTo(3);
        }

        Map<String, Set<String>> served = new HashMap<>(); // metric -> its label names
        for (String line : scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList()) {
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            String name = line.substring(0, brace > 0 && brace < space ? brace : space);
            Set<String> labels = served.computeIfAbsent(name, n -> new HashSet<>());
            if (brace > 0 && brace < space) {
                Matcher matcher = MATCHER.matcher(line.substring(brace, line.indexOf('}')));
                while (matcher.find()) {
                    labels.add(matcher.group(1));
                }
            }
        }
        Set<String> named = new LinkedHashSet<>();
        for (Map<String, Object> rule : rules) {
            String expr = rule.get("expr").toString();
            named.addAll(metricsOf(expr));
            Matcher selector = SELECTOR.matcher(expr);
            while (selector.find()) {
                Matcher matcher = MATCHER.matcher(selector.group(2));
                while (matcher.find()) {
                    assertThat(served.getOrDefault(selector.group(1), Set.of()))
                            .as(rule.get("alert") + ": the label " + matcher.group(1) + " of " + selector.group(1))
                            .contains(matcher.group(1));
                }
            }
        }
        assertThat(named).as("the metrics the rules name").contains("resumer_last_success_timestamp_seconds",
                "resumer_last_run_requests", "resumer_last_run_end_timestamp_seconds", "resumer_runs_total",
                "resumer_api_calls_seconds_count");
        assertThat(served.keySet()).as("served by /actuator/prometheus").containsAll(named);
    }

    /** The metric names of a PromQL expression: its words less strings, label matchers, ranges and grouping lists. */
    static Set<String> metricsOf(String expr) {
        String bare = expr.replaceAll("\"[^\"]*\"", "\"\"").replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher word = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?").matcher(bare);
        while (word.find()) {
            if (word.group(2) == null && !KEYWORDS.contains(word.group(1))) {
                names.add(word.group(1));
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() throws Exception {
        try (Reader reader = Files.newBufferedReader(RULES)) {
            Map<String, Object> file = new Yaml().load(reader);
            List<Map<String, Object>> all = new ArrayList<>();
            for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
                all.addAll((List<Map<String, Object>>) group.get("rules"));
            }
            return all;
        }
    }

    private static String awaitServed(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                String scrape = scrape(port);
                if (scrape.contains("resumer_last_success_timestamp_seconds")) {
                    return scrape;
                }
            }
            catch (java.io.IOException notYet) {
                // the server is still starting
            }
            assertThat(System.nanoTime()).as("waiting for /actuator/prometheus").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
