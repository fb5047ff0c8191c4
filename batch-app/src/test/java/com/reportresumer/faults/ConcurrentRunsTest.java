package com.reportresumer.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.FaultReport;
import com.reportresumer.testsupport.ForkedApp;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.ResumerEnvironment;
import com.reportresumer.testsupport.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs at once, and a run while {@code schedule} is firing: one proceeds, the other exits 4 without a call. The
 * competing runs are processes of their own, as they would be in production. To make "at once" certain whatever
 * the machine's load, the test holds a lock on one request row: the execution that got the run lock blocks in its
 * first write until the other has given up.
 */
class ConcurrentRunsTest {

    private static final int REPORTS = 40;

    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment().withApi(api -> api.resumesEverything(0));

    @BeforeEach
    void flagReports() {
        env.requests().flagRandom(REPORTS);
    }

    @Test
    void twoRunsStartedAtOnce() throws Exception {
        Requests requests = env.requests();
        try (Connection blocker = lockFirstRequest(env.db())) {
            List<String> props = env.properties();
            ForkedApp first = ForkedApp.start("run", props);
            ForkedApp second = ForkedApp.start("run", props);
            ForkedApp loser = awaitFirstExit(first, second);
            blocker.rollback();
            ForkedApp winner = loser == first ? second : first;
            assertThat(winner.process().waitFor(120, TimeUnit.SECONDS)).isTrue();

            List<Integer> exits = List.of(first.process().exitValue(), second.process().exitValue());
            assertThat(exits).as(first.err() + "\n" + second.err()).containsExactlyInAnyOrder(0, 4);
            assertThat(loser.err()).contains("another execution is running");
            assertThat(env.api().callsPerReport()).hasSize(REPORTS)
                    .allSatisfy((id, calls) -> assertThat(calls).isEqualTo(1));
            assertThat(requests.count("SELECT count(*) FROM batch_job_execution")).isEqualTo(1);
            requests.assertConsistent();
            FaultReport.record("Two runs at once", "2 `run` processes started together on " + REPORTS + " reports",
                    "exits " + exits + "; one execution; every report called once");
        }
    }

    @Test
    void aRunWhileScheduleIsFiring(@TempDir Path tomcat) throws Exception {
        Requests requests = env.requests();
        CliRun run;
        CliRun.Running schedule;
        try (Connection blocker = lockFirstRequest(env.db())) {
            schedule = CliRun.start(env.args("schedule", "--resumer.schedule.cron=* * * * * *",
                    "--server.port=0", "--server.tomcat.basedir=" + tomcat));
            awaitBlockedWrite(requests);
            ForkedApp forked = ForkedApp.start("run", env.properties());
            assertThat(forked.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
            run = new CliRun(forked.process().exitValue(), forked.out(), forked.err());
            blocker.rollback();
        }
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (requests.count("SELECT count(*) FROM resume_request WHERE status = 'PENDING'") > 0) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
        finally {
            schedule.stop();
        }

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        assertThat(env.api().callsPerReport()).hasSize(REPORTS)
                .allSatisfy((id, calls) -> assertThat(calls).isEqualTo(1));
        requests.assertConsistent();
        FaultReport.record("`run` while `schedule` fires", "a `run` process during a scheduled execution ("
                + REPORTS + " reports)", "`run` exited 4 without a call; every report called once");
    }

    /** Holds a lock that lets audit rows in but blocks the status update of the first request. */
    private static Connection lockFirstRequest(TestDatabases.Database db) throws Exception {
        Connection blocker = db.connect();
        blocker.setAutoCommit(false);
        try (Statement st = blocker.createStatement()) {
            st.execute("SELECT 1 FROM resume_request WHERE id = (SELECT min(id) FROM resume_request) "
                    + "FOR NO KEY UPDATE");
        }
        return blocker;
    }

    private static void awaitBlockedWrite(Requests requests) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (requests.count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND wait_event_type = 'Lock' AND query LIKE '%UPDATE resume_request%'") == 0) {
            assertThat(System.nanoTime()).as("an execution blocked in its first write").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static ForkedApp awaitFirstExit(ForkedApp a, ForkedApp b) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (a.process().isAlive() && b.process().isAlive()) {
            assertThat(System.nanoTime()).as(a.err() + "\n" + b.err()).isLessThan(deadline);
            Thread.sleep(20);
        }
        return a.process().isAlive() ? b : a;
    }
}
