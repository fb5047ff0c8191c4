package com.reportresumer.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.FaultReport;
import com.reportresumer.testsupport.ForkedApp;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.ResumerEnvironment;
import com.reportresumer.testsupport.TestDatabases;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.util.FileSystemUtils;

/** The database goes away mid-run: the job fails cleanly (exit 1, one line), nothing half-written; restart finishes. */
class DatabaseLossTest {

    private static final int REPORTS = 400;
    /** How long a run may take to give up once the database is gone (README, Exit codes; RUNBOOK). */
    private static final Duration GIVE_UP = Duration.ofSeconds(20);

    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment().withApi(api -> api.resumesEverything(10))
            // the cut run shares the test's process, whose pid stays alive: should it still count as running here
            // when the restart looks, a short lease bounds the wait (the default is 30 s)
            .withProperties("--resumer.job.chunk-size=10", "--resumer.job.concurrency=4", "--resumer.job.lease=3s");

    @Test
    void connectionsCutMidRun() throws Exception {
        Requests requests = env.requests();
        flagReports(requests);
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> env.cli("run"));
        awaitAudited(requests, 50);
        try (Connection admin = env.db().connect(); Statement st = admin.createStatement()) {
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND pid <> pg_backend_pid()");
        }
        CliRun cut = run.get(60, TimeUnit.SECONDS);

        assertThat(cut.exitCode()).as(cut.toString()).isEqualTo(1);
        requests.assertConsistent();
        long before = requests.count("SELECT count(*) FROM resume_audit");
        restartFinishes();
        FaultReport.record("Database connections cut", "pg_terminate_backend on every connection after 50 "
                + "audit rows (" + REPORTS + " reports)", "exit 1 (`" + firstLine(cut) + "`); " + before
                + " rows committed, none half-written; restart exit 0, every request audited once");
    }

    /**
     * The server shut down mid-run ({@code pg_ctl stop -m fast}), in a process of its own so that its whole output is
     * seen: one line saying what happened and what to do, no stack trace (that needs {@code --debug}), and a bounded
     * time to give up.
     */
    @Test
    void databaseStoppedMidRunAndStartedAgain() throws Exception {
        Path dir = Files.createTempDirectory("db-loss");
        EmbeddedPostgres pg = TestDatabases.embedded().setDataDirectory(dir).setCleanDataDirectory(false).start();
        int port = pg.getPort();
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        env.useDatabase(new TestDatabases.Database("postgres", url, "postgres", "postgres"));
        try {
            CliRun migrate = env.cli("migrate");
            assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
            Requests requests = env.requests();
            flagReports(requests);

            ForkedApp run = ForkedApp.start("run", env.properties());
            awaitAudited(requests, 50);
            pg.close(); // the server stops (fast shutdown)
            long stopped = System.nanoTime();
            assertThat(run.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
            Duration toGiveUp = Duration.ofNanos(System.nanoTime() - stopped);

            String err = run.err();
            assertThat(run.process().exitValue()).as(err).isEqualTo(1);
            assertThat(err.lines().filter(l -> l.matches("\\s+at .*|Caused by: .*|\\s*\\.\\.\\. \\d+ more.*"))
                    .toList()).as(err).isEmpty();
            assertThat(err.lines().filter(l -> l.contains(" ERROR ")).toList()).as(err).isEmpty();
            List<String> said = err.lines().filter(l -> l.startsWith("report-resumer: ")).toList();
            assertThat(said).as(err).singleElement().asString().contains("database")
                    .contains("`restart` continues");
            System.out.println("Database stopped: gave up after " + toGiveUp.toMillis() + " ms");
            assertThat(toGiveUp).as("time to give up; " + err).isLessThan(GIVE_UP);

            pg = TestDatabases.embedded().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port).start();
            requests.assertConsistent();
            long before = requests.count("SELECT count(*) FROM resume_audit");
            restartFinishes();
            FaultReport.record("Database stopped", "PostgreSQL shut down (fast) after 50 audit rows (" + REPORTS
                    + " reports), started again", "exit 1 after " + toGiveUp.toMillis() / 100 / 10.0 + " s with one "
                    + "line, no stack trace (`" + said.get(0).replace("`", "") + "`); " + before + " rows committed, "
                    + "none half-written; restart recovered the execution, exit 0, every request audited once");
        }
        finally {
            pg.close();
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    private static void flagReports(Requests requests) {
        requests.flagRandom(REPORTS);
    }

    /** {@code restart} exits 0, and every request has exactly one audit row, none half-written. */
    private CliRun restartFinishes() {
        CliRun restart = env.cli("restart");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(env.requests().count("SELECT count(*) FROM resume_audit")).isEqualTo(REPORTS);
        env.requests().assertConsistent();
        return restart;
    }

    private static void awaitAudited(Requests requests, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (requests.count("SELECT count(*) FROM resume_audit") < atLeast) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static String firstLine(CliRun run) {
        String text = run.err().isBlank() ? run.out() : run.err();
        String line = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("").replace("`", "");
        return line.length() > 100 ? line.substring(0, 100) + "…" : line;
    }
}
