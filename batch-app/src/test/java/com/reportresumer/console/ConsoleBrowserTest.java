package com.reportresumer.console;

import static com.reportresumer.testsupport.PartnerCenterStandIn.resumed;
import static com.reportresumer.testsupport.PartnerCenterStandIn.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.ForkedApp;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The console in a real browser: Debian's Chromium, headless, driven by its ChromeDriver through Selenium (both from
 * the system's packages, {@code .ci/run} installs them; nothing is downloaded). An operator signs in, sees a finished
 * run, opens its failures, searches a report's history, exports the audit as CSV and reads it, and reruns the failed
 * reports; a viewer watches a running execution move on the page, which refreshes itself, with no button to stop it.
 * Screenshots are left in {@code target/} (the README's come from here).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @RegisterExtension
    static final ResumerEnvironment env = new ResumerEnvironment()
            .withProperties("--resumer.job.max-attempts=1", "--resumer.job.backoff.initial=5ms");

    static final List<String> OK = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
            UUID.randomUUID().toString());
    static final UUID DOWN = UUID.randomUUID();
    static final UUID GONE = UUID.randomUUID();

    static RunningConsole console;
    static WebDriver browser;

    @BeforeAll
    static void aFinishedRunTheConsoleAndABrowser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "skipped: no Chromium at " + CHROMIUM
                + " (apt-get install -y chromium chromium-driver, as .ci/run does)");
        env.api().resumesEverything(0).answers(DOWN, status(503, "Service unavailable"), resumed())
                .answers(GONE, status(404, "Report not found"));
        env.requests().flag(OK.toArray(String[]::new));
        env.requests().flag(DOWN.toString(), GONE.toString());
        CliRun run = env.cli("run");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        console = env.closedAfter(RunningConsole.withUsers(env));

        Path profile = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()),
                "chromium-profile-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withEnvironment(Map.of("TMPDIR", profile.getParent().toString())) // under target/, as every test
                .build();
        // closed last handed first: the browser quits, then its profile goes
        env.closedAfter(() -> {
            try {
                FileSystemUtils.deleteRecursively(profile);
            }
            catch (IOException stillWritten) {
                // a helper of Chromium's still writing: what is left stays under target/
            }
        });
        browser = new ChromeDriver(service, options);
        env.closedAfter(browser::quit);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    }

    @Test
    @Order(1)
    void anOperatorFollowsARunToItsFailuresAndRerunsThem() throws Exception {
        // sign in: every page leads to the sign-in page first
        browser.get(console.url("/runs/1"));
        assertThat(browser.getCurrentUrl()).isEqualTo(console.url("/login"));
        browser.findElement(By.id("username")).sendKeys(RunningConsole.OPERATOR);
        browser.findElement(By.id("password")).sendKeys(RunningConsole.PASSWORD);
        clickThrough(browser.findElement(By.id("sign-in-button")));
        assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEqualTo("olivia · operator");

        // the finished run, and its failures grouped by message
        browser.get(console.url("/"));
        WebElement run1 = browser.findElement(By.cssSelector("#runs tr[data-run='1']"));
        assertThat(run1.getText()).contains("COMPLETED").contains(" 3 ");
        clickThrough(run1.findElement(By.linkText("1")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Execution 1");
        String failures = browser.findElement(By.id("failures")).getText();
        assertThat(failures).contains("Service unavailable").contains("Report not found");
        screenshot("console-run.png");

        // a report's history, from the failures, then by searching part of its ID
        clickThrough(browser.findElement(By.id("failures")).findElement(By.linkText(DOWN.toString())));
        assertThat(browser.findElement(By.id("report")).getText()).isEqualTo(DOWN.toString());
        assertThat(browser.findElement(By.id("calls")).getText()).contains("FAILED").contains("503");
        assertThat(browser.findElement(By.id("flags")).getText()).contains("FAILED in execution 1");
        WebElement search = browser.findElement(By.id("report-id"));
        search.clear();
        search.sendKeys(OK.get(0).substring(0, 13).toUpperCase());
        clickThrough(browser.findElement(By.id("report-search-button")));
        assertThat(browser.findElement(By.id("report")).getText()).isEqualTo(OK.get(0));
        assertThat(browser.findElement(By.id("calls")).getText()).contains("RESUMED");

        // the audit of the run, exported as CSV with the browser's session, then read as CSV
        browser.get(console.url("/audit?run=1"));
        assertThat(browser.findElement(By.id("audit-total")).getText()).isEqualTo("5 rows, oldest first");
        String csvLink = browser.findElement(By.id("export-csv")).getAttribute("href");
        Cookie session = browser.manage().getCookieNamed("RESUMER_CONSOLE");
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(csvLink))
                .header("Cookie", session.getName() + "=" + session.getValue()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.body())) {
            rows = it.readAll();
        }
        assertThat(rows).hasSize(5).allSatisfy(r -> assertThat(r).containsEntry("job_execution_id", "1"));
        assertThat(rows).filteredOn(r -> r.get("report_id").equals(DOWN.toString()))
                .singleElement().satisfies(r -> assertThat(r).containsEntry("outcome", "FAILED")
                        .containsEntry("http_status", "503"));

        // rerun the failed reports of the run: confirmation, then the action and its outcome on the Runs page
        browser.get(console.url("/runs/1"));
        clickThrough(browser.findElement(By.id("rerun-failed")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Rerun the FAILED reports?");
        clickThrough(browser.findElement(By.id("confirm-button")));
        assertThat(browser.findElement(By.id("notice")).getText()).contains("asked (action 1)");
        new WebDriverWait(browser, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(500))
                .ignoring(StaleElementReferenceException.class) // the page reloads itself while execution 2 runs
                .until(driver -> {
                    driver.navigate().refresh();
                    return driver.findElement(By.id("actions")).getText().contains("DONE");
                });
        String actions = browser.findElement(By.id("actions")).getText();
        assertThat(actions).contains("olivia").contains("RERUN_FAILED").contains("execution 1")
                .contains("flagged 1 FAILED report again");
        new WebDriverWait(browser, Duration.ofSeconds(5))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#runs tr[data-run='2']")));
        screenshot("console-runs.png");
        assertThat(env.requests().latestAudit().get(DOWN.toString())).containsEntry("outcome", "RESUMED");
    }

    @Test
    @Order(2)
    void aViewerWatchesARunningExecutionMoveAndHasNoStopButton() throws Exception {
        env.api().resumesEverything(150);
        env.requests().flagRandom(200);
        ForkedApp run = ForkedApp.start("run", env.properties("--resumer.job.chunk-size=5",
                "--resumer.job.concurrency=2"));
        String execution = null;
        try {
            browser.manage().deleteAllCookies();
            browser.get(console.url("/login"));
            browser.findElement(By.id("username")).sendKeys(RunningConsole.VIEWER);
            browser.findElement(By.id("password")).sendKeys(RunningConsole.PASSWORD);
            clickThrough(browser.findElement(By.id("sign-in-button")));
            assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEqualTo("victor · viewer");

            // the forked run's execution, whatever number it got: the only one running, shown once it has done some
            // (read whole in one go: the page reloads itself every 5 s, and an element of the page before goes stale)
            Live live = new WebDriverWait(browser, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(500))
                    .ignoring(StaleElementReferenceException.class).until(driver -> {
                        driver.navigate().refresh();
                        List<WebElement> running = driver.findElements(By.cssSelector("section.live"));
                        if (running.size() != 1) {
                            return null;
                        }
                        WebElement section = running.get(0);
                        Live seen = new Live(section.getAttribute("id"),
                                Long.parseLong(section.getAttribute("data-done")), section.getText(),
                                !section.findElements(By.linkText("Stop it…")).isEmpty());
                        return seen.done() == 0 ? null : seen;
                    });
            execution = live.id().substring("live-".length());
            assertThat(live.text()).contains("Execution " + execution + " is STARTED").contains("reports/s, ETA");
            assertThat(live.stopLink()).as("a viewer has no action").isFalse();
            // the page refreshes itself: no navigation from here
            long later = new WebDriverWait(browser, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(250))
                    .ignoring(StaleElementReferenceException.class) // read while the page replaces the section
                    .until(driver -> {
                        List<WebElement> now = driver.findElements(By.id(live.id()));
                        long done = now.isEmpty() ? -1 : Long.parseLong(now.get(0).getAttribute("data-done"));
                        return done > live.done() ? done : null;
                    });
            assertThat(later).isGreaterThan(live.done());
            screenshot("console-live.png");

            browser.get(console.url("/actions/stop?run=" + execution));
            assertThat(browser.findElement(By.id("problem")).getText()).contains("only an operator acts");
        }
        finally {
            try {
                if (execution == null) { // never seen on the page: ended all the same, as an operator's SIGTERM would
                    run.process().destroy();
                    run.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
                }
                else {
                    CliRun stop = env.cli("stop", execution);
                    assertThat(run.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                    assertThat(stop.exitCode()).as(stop.toString()).isIn(0, 2); // 2: it had ended by itself
                }
            }
            finally {
                run.process().destroyForcibly(); // whatever failed above, no run is left behind (a no-op once ended)
            }
        }
    }

    /**
     * Clicks what leads to another page and waits until the page it was on is gone. A click on a form's button returns
     * before the browser has left the page, and an element looked up then is the old page's (its text is the old one,
     * or it goes stale while being read).
     */
    private static void clickThrough(WebElement leadingAway) {
        WebElement page = browser.findElement(By.tagName("html"));
        leadingAway.click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(page));
    }

    /** A running execution's section on the page, as read at one moment. */
    private record Live(String id, long done, String text, boolean stopLink) {
    }

    private static void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }
}
