package com.reportresumer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/** {@code demo}: embedded PostgreSQL + sandbox, the same job as {@code run}, history kept between demos. */
class DemoTest {

    /** The demo database of these runs (each command stopped it when it ended) is not kept. */
    @AfterAll
    static void removeTheDemoDatabase() throws Exception {
        FileSystemUtils.deleteRecursively(DemoDatabase.DEFAULT_DIRECTORY);
    }

    @Test
    void theDemoRunsTheJobAndASecondDemoShowsTheFirstInRuns() throws Exception {
        // the demo database lives under target/ for the tests (see surefire's resumer.demo.dir)
        DemoCliRun first = DemoCliRun.of("demo", "--fresh", "--reports", "80", "--debug");
        DemoCliRun second = DemoCliRun.of("demo", "--reports", "40");
        DemoCliRun runs = DemoCliRun.of("runs", "--demo", "--format", "csv");

        assertThat(first.exitCode()).as(first.toString()).isIn(0, 3);
        assertThat(first.out()).contains("Execution 1 COMPLETED").contains("RESUMED").contains("INVALID_ID")
                .contains("Slowest calls:").contains("java -jar ops/demo/target/report-resumer-demo.jar audit --demo --outcome FAILED").contains("runs --demo")
                .contains("psql postgresql://");
        // the sandbox's secret is random, kept in its owner-only file: what the demo prints never holds it
        String secret = Files.readString(DemoDatabase.DEFAULT_DIRECTORY.resolve(DemoApi.CLIENT_SECRET_FILE)).strip();
        assertThat(secret).isNotBlank().isNotEqualTo("sandbox-client-secret");
        assertThat(first.out() + first.err()).doesNotContain(secret);
        // the connection line: JDBC URL, user and the demo database's random password
        String password = Files.readString(DemoDatabase.DEFAULT_DIRECTORY.resolve(DemoDatabase.PASSWORD_FILE)).strip();
        assertThat(first.out()).containsPattern("Demo: PostgreSQL jdbc:postgresql://127\\.0\\.0\\.1:\\d+/postgres user postgres "
                + "password " + password + " ");
        assertThat(second.exitCode()).as(second.toString()).isIn(0, 3);
        assertThat(second.out()).contains("Execution 2 COMPLETED");
        assertThat(runs.exitCode()).as(runs.toString()).isZero();
        assertThat(runs.out().lines().count()).isEqualTo(3); // header + two runs

        // what the summary suggests, with no served demo: --demo starts a sandbox with the demo's reports for it
        DemoCliRun rerun = DemoCliRun.of("rerun-failed", "--demo");
        assertThat(rerun.exitCode()).as(rerun.toString()).isIn(0, 3);
        assertThat(rerun.out() + rerun.err()).as(rerun.toString()).doesNotContain("credentials")
                .containsAnyOf("Flagged", "nothing to rerun");
    }

    /**
     * SIGTERM (what Ctrl-C sends) to a {@code run --demo} that started the demo's database for itself: the run ends
     * {@code STOPPED} after its calls in flight, as any run does, and only then is the database stopped (the embedded
     * PostgreSQL's own shutdown hook stopped it under the run, which then lost its lock and its database).
     */
    @Test
    void aRunOfTheDemoStoppedBySigtermEndsStoppedBeforeItsDatabaseGoes() throws Exception {
        DemoCliRun demo = DemoCliRun.of("demo", "--fresh", "--reports", "20");
        assertThat(demo.exitCode()).as(demo.toString()).isIn(0, 3);
        List<String> flag = new ArrayList<>(List.of("flag", "--demo"));
        IntStream.range(0, 60).forEach(i -> flag.add(UUID.randomUUID().toString()));
        DemoCliRun flagged = DemoCliRun.of(flag.toArray(String[]::new));
        assertThat(flagged.exitCode()).as(flagged.toString()).isZero();

        try (DemoProcess run = DemoProcess.start("run", "--demo", "--resumer.job.rate-limit=5")) {
            run.awaitErr("requests PENDING", Duration.ofSeconds(90));
            Thread.sleep(2_000); // calls in flight, a chunk not written yet
            int exit = run.stop();

            assertThat(exit).as(run.toString()).isEqualTo(1);
            assertThat(run.out()).as(run.toString()).contains("STOPPED");
            assertThat(run.err()).as(run.toString()).doesNotContain("Cannot reach the database")
                    .doesNotContain("The run lock was lost");
        }
        DemoCliRun runs = DemoCliRun.of("runs", "--demo", "--format", "csv");
        assertThat(runs.out().lines().skip(1).findFirst().orElse("")).as(runs.toString()).contains("STOPPED");
    }

    /** {@code --demo} where no demo was made (another folder than the demo's): said, not shown as if it were it. */
    @Test
    void aCommandOfTheDemoWhereNoDemoWasMadeSaysSo() throws Exception {
        FileSystemUtils.deleteRecursively(DemoDatabase.DEFAULT_DIRECTORY);
        DemoCliRun runs = DemoCliRun.of("runs", "--demo");
        assertThat(runs.exitCode()).as(runs.toString()).isZero();
        assertThat(runs.err()).as(runs.toString()).contains("report-resumer: no demo in "
                + DemoDatabase.DEFAULT_DIRECTORY.toAbsolutePath() + " (`demo` makes one");
        DemoCliRun again = DemoCliRun.of("runs", "--demo");
        assertThat(again.err()).as(again.toString()).doesNotContain("no demo in");
    }

    /**
     * The embedded PostgreSQL's binaries are unpacked beside the demo's directory ({@code data/embedded-pg}), not in
     * the system's temporary folder, where they stayed after every demo. A JVM of its own, with a temporary folder of
     * its own: the first start in a JVM decides where its binaries are.
     */
    @Test
    void theDemoLeavesNothingInTheTemporaryFolder() throws Exception {
        Path parent = Path.of("target", "demo-temporary-test").toAbsolutePath();
        Path temporary = Files.createDirectories(parent.resolve("tmp"));
        try (DemoProcess runs = DemoProcess.start(parent.resolve("demo"), temporary, "runs", "--demo")) {
            assertThat(runs.process().waitFor(120, TimeUnit.SECONDS)).as(runs.toString()).isTrue();
            assertThat(runs.process().exitValue()).as(runs.toString()).isZero();
            try (var left = Files.list(temporary)) {
                assertThat(left.map(path -> path.getFileName().toString())).as("left in " + temporary).isEmpty();
            }
            try (var binaries = Files.list(parent.resolve("embedded-pg"))) {
                assertThat(binaries.map(path -> path.getFileName().toString())).anyMatch(name -> name.startsWith("PG-"));
            }
        }
        finally {
            FileSystemUtils.deleteRecursively(parent);
        }
    }
}
