package com.reportresumer.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.FakePartnerCenter;
import com.reportresumer.testsupport.FaultReport;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.TestDatabases;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The database goes away mid-run: the job fails cleanly (exit 1, one line), nothing half-written; restart finishes. */
class DatabaseLossTest {

    private static final int REPORTS = 400;

    @Test
    void connectionsCutMidRun() throws Exception {
        TestDatabases.Database db = TestDatabases.fresh();
        Requests requests = new Requests(db);
        requests.flag(IntStream.range(0, REPORTS).mapToObj(i -> UUID.randomUUID().toString()).toArray(String[]::new));
        try (FakePartnerCenter api = new FakePartnerCenter().issuesTokens().resumesEverything(10)) {
            List<String> props = properties(db.springArgs(), api);
            CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of(CliRun.line("run", props)));
            awaitAudited(requests, 50);
            try (Connection admin = db.connect(); Statement st = admin.createStatement()) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND pid <> pg_backend_pid()");
            }
            CliRun cut = run.get(60, TimeUnit.SECONDS);

            assertThat(cut.exitCode()).as(cut.toString()).isEqualTo(1);
            requests.assertConsistent();
            long before = requests.count("SELECT count(*) FROM resume_audit");
            CliRun restart = CliRun.of(CliRun.line("restart", props));
            assertThat(restart.exitCode()).as(restart.toString()).isZero();
            assertThat(requests.count("SELECT count(*) FROM resume_audit")).isEqualTo(REPORTS);
            requests.assertConsistent();
            FaultReport.record("Database connections cut", "pg_terminate_backend on every connection after 50 "
                    + "audit rows (" + REPORTS + " reports)", "exit 1 (`" + firstLine(cut) + "`); " + before
                    + " rows committed, none half-written; restart exit 0, every request audited once");
        }
    }

    @Test
    void databaseStoppedMidRunAndStartedAgain() throws Exception {
        Path dir = Files.createTempDirectory("db-loss");
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).start();
        int port = pg.getPort();
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        String[] dbArgs = { "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres" };
        try (FakePartnerCenter api = new FakePartnerCenter().issuesTokens().resumesEverything(10)) {
            List<String> props = properties(dbArgs, api);
            assertThat(CliRun.of(CliRun.line("runs", props)).exitCode()).isZero(); // migrates the schema
            TestDatabases.Database db = new TestDatabases.Database("postgres", url, "postgres", "postgres");
            Requests requests = new Requests(db);
            requests.flag(IntStream.range(0, REPORTS).mapToObj(i -> UUID.randomUUID().toString())
                    .toArray(String[]::new));

            CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of(CliRun.line("run", props)));
            awaitAudited(requests, 50);
            pg.close(); // the server stops
            CliRun lost = run.get(120, TimeUnit.SECONDS);

            assertThat(lost.exitCode()).as(lost.toString()).isEqualTo(1);
            assertThat(lost.err().lines().toList()).as(lost.toString()).hasSize(1);
            assertThat(lost.err()).contains("database").doesNotContain("\tat ");

            pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port).start();
            requests.assertConsistent();
            long before = requests.count("SELECT count(*) FROM resume_audit");
            CliRun restart = CliRun.of(CliRun.line("restart", props));
            assertThat(restart.exitCode()).as(restart.toString()).isZero();
            assertThat(requests.count("SELECT count(*) FROM resume_audit")).isEqualTo(REPORTS);
            requests.assertConsistent();
            FaultReport.record("Database stopped", "PostgreSQL shut down after 50 audit rows (" + REPORTS
                    + " reports), started again", "exit 1 (`" + firstLine(lost) + "`); " + before
                    + " rows committed, none half-written; restart recovered the execution, exit 0, every request "
                    + "audited once");
        }
        finally {
            pg.close();
        }
    }

    private static List<String> properties(String[] dbArgs, FakePartnerCenter api) {
        List<String> props = new ArrayList<>(List.of(dbArgs));
        props.addAll(List.of(api.springArgs()));
        props.addAll(List.of("--resumer.job.chunk-size=10", "--resumer.job.concurrency=4"));
        return props;
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
