package com.reportresumer.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.AuditHistory;
import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The audit search and its exports over HTTP on a trail longer than a page, a fetch and a limit: the keyset pages'
 * links lead through the search's rows once each, in order, forwards and back, while runs go on appending rows; and
 * an export larger than a fetch streams exactly what {@code audit --format csv|json} prints. Each row of the trail is
 * one second after the one before, so that its time, shown on the page, names it.
 */
class ConsoleAtScaleTest {

    @RegisterExtension
    static final ResumerEnvironment env = ResumerEnvironment.forCommands();

    private static final Pattern ROW_TIME = Pattern.compile("<tr>\\s*<td>(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)</td>");
    private static final Pattern NEXT = Pattern.compile("href=\"([^\"]+)\" id=\"next-page\"");
    private static final Pattern PREVIOUS = Pattern.compile("href=\"([^\"]+)\" id=\"previous-page\"");

    static RunningConsole console;
    static Browserless viewer;

    @BeforeAll
    static void aLongTrailThenTheConsole() throws Exception {
        AuditHistory.append(env.db(), 1, 2_600);
        console = RunningConsole.withUsers(env);
        viewer = new Browserless(true);
        viewer.signIn(console, RunningConsole.VIEWER, RunningConsole.PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        CliRun stopped = console.stop();
        assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
    }

    /** The times of the rows of an audit page, top to bottom. */
    private static List<String> times(String page) {
        List<String> times = new ArrayList<>();
        Matcher m = ROW_TIME.matcher(page.substring(Math.max(0, page.indexOf("<table id=\"audit\""))));
        while (m.find()) {
            times.add(m.group(1));
        }
        return times;
    }

    private static String link(Pattern which, String page) {
        Matcher m = which.matcher(page);
        return m.find() ? m.group(1).replace("&amp;", "&") : null;
    }

    /** The times {@code audit} prints for {@code options}, as the page shows them. */
    private static List<String> auditTimes(String... options) {
        List<String> line = new ArrayList<>(List.of(options));
        line.addAll(List.of("--format", "csv"));
        CliRun audit = env.cli("audit", line.toArray(String[]::new));
        assertThat(audit.exitCode()).as(audit.toString()).isZero();
        return audit.out().lines().skip(1).map(l -> l.split(",")[1].replace('T', ' ').replace("Z", "")).toList();
    }

    /**
     * Reads the search from {@code first} through its next links, checking each page's size and number, running
     * {@code afterFirst} once the first page is read; then back through the previous links: the same pages.
     */
    private static List<String> readThrough(String first, int pages, Runnable afterFirst) throws Exception {
        List<List<String>> forwards = new ArrayList<>();
        String url = first;
        while (url != null) {
            String page = viewer.get(console.url(url)).body();
            forwards.add(times(page));
            assertThat(page).as(url).contains("page " + forwards.size() + " of " + pages);
            if (forwards.size() == 1) {
                afterFirst.run();
            }
            url = link(NEXT, page);
            if (url == null) {
                // the last page, then back to the first
                List<List<String>> backwards = new ArrayList<>();
                String back = link(PREVIOUS, page);
                while (back != null) {
                    String earlier = viewer.get(console.url(back)).body();
                    backwards.add(0, times(earlier));
                    assertThat(earlier).as(back).contains("page " + (forwards.size() - backwards.size()) + " of "
                            + pages);
                    back = link(PREVIOUS, earlier);
                }
                backwards.add(forwards.get(forwards.size() - 1));
                assertThat(backwards).as("the pages read back from the last").isEqualTo(forwards);
            }
        }
        assertThat(forwards).hasSize(pages);
        for (int i = 0; i < forwards.size() - 1; i++) {
            assertThat(forwards.get(i)).as("page " + (i + 1)).hasSize(ConsoleController.PAGE);
        }
        return forwards.stream().flatMap(List::stream).toList();
    }

    @Test
    void theSearchsPagesHoldEachRowOnceInOrderWhileRunsAppendRows() throws Exception {
        List<String> expected = auditTimes("--limit", "2000");
        assertThat(expected).hasSize(2_000).doesNotHaveDuplicates();
        String first = viewer.get(console.url("/audit?limit=2000")).body();
        assertThat(first).contains("2000 rows, oldest first");
        // runs append 300 rows while the pages are read: the search stays the one begun
        List<String> read = readThrough("/audit?limit=2000", 20, () -> AuditHistory.append(env.db(), 2_601, 2_900));
        assertThat(read).isEqualTo(expected);
        // a new search has them: its last page ends with the newest row
        List<String> now = auditTimes("--limit", "2000");
        assertThat(now.get(now.size() - 1)).isGreaterThan(expected.get(expected.size() - 1));
        String newest = viewer.get(console.url("/audit?limit=100")).body();
        assertThat(times(newest)).isEqualTo(now.subList(now.size() - 100, now.size()));
    }

    @Test
    void aFilteredSearchIsPagedAsAuditPrintsIt() throws Exception {
        List<String> expected = auditTimes("--outcome", "FAILED", "--outcome", "NOT_FOUND", "--limit", "450");
        assertThat(expected).hasSize(450);
        assertThat(readThrough("/audit?outcome=FAILED&outcome=NOT_FOUND&limit=450", 5, () -> { }))
                .isEqualTo(expected);
        List<String> latest = auditTimes("--latest", "--run", "2");
        assertThat(latest).isNotEmpty().hasSizeLessThan(AuditHistory.ROWS_PER_EXECUTION);
        assertThat(readThrough("/audit?latest=true&run=2", (latest.size() + 99) / 100, () -> { }))
                .isEqualTo(latest);
    }

    @Test
    void exportsLargerThanAFetchAreWhatAuditPrintsByteForByte() throws Exception {
        for (String filters : List.of("limit=5000", "outcome=FAILED&latest=true&limit=5000", "run=3&limit=700")) {
            List<String> options = new ArrayList<>();
            for (String pair : filters.split("&")) {
                String[] kv = pair.split("=");
                options.add("--" + kv[0]);
                if (!kv[0].equals("latest")) {
                    options.add(kv[1]);
                }
            }
            for (String format : List.of("csv", "json")) {
                List<String> line = new ArrayList<>(options);
                line.addAll(List.of("--format", format));
                CliRun audit = env.cli("audit", line.toArray(String[]::new));
                assertThat(audit.exitCode()).as(audit.toString()).isZero();
                HttpResponse<byte[]> export = viewer.getBytes(console.url("/audit." + format + "?" + filters));
                assertThat(export.statusCode()).isEqualTo(200);
                assertThat(new String(export.body(), StandardCharsets.UTF_8)).as(format + "?" + filters)
                        .isEqualTo(audit.out());
                assertThat(audit.out().length()).as(format + "?" + filters).isGreaterThan(20_000);
            }
        }
    }
}
