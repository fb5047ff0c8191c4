package com.reportresumer.resume;

import static com.reportresumer.testsupport.PartnerCenterStandIn.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.FaultReport;
import com.reportresumer.testsupport.ForkedApp;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Failures that stop a run (outage, crash, a second run) and how {@code restart} and the next run recover. */
class RestartAndRecoveryTest {

    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment().withProperties("--resumer.job.backoff.initial=5ms",
            "--resumer.job.backoff.max=20ms");

    private List<String> flag(int n) {
        return List.of(env.requests().flagRandom(n));
    }

    /**
     * {@code reports} flagged, every call answered 503, and a run, one call at a time, that the outage stops after
     * {@code outageAfter} reports failed in a row: it exits 1.
     */
    private CliRun runIntoAnOutage(int reports, int outageAfter, int chunkSize, int maxAttempts) {
        env.api().answersEveryResume(status(503, "Service unavailable"));
        flag(reports);
        CliRun outage = env.cli("run", "--resumer.job.outage-after=" + outageAfter, "--resumer.job.concurrency=1",
                "--resumer.job.chunk-size=" + chunkSize, "--resumer.job.max-attempts=" + maxAttempts);
        assertThat(outage.exitCode()).as(outage.toString()).isEqualTo(1);
        return outage;
    }

    @Test
    void anOutageStopsTheRunAfterOutageAfterFailuresAndRestartFinishesTheRest() {
        Requests requests = env.requests();

        CliRun outage = runIntoAnOutage(40, 5, 4, 2);

        assertThat(outage.out()).contains("outage").contains("5 reports in a row");
        assertThat(requests.count("SELECT count(*) FROM resume_request WHERE status = 'FAILED'")).isEqualTo(5);
        assertThat(requests.count("SELECT count(*) FROM resume_request WHERE status = 'PENDING'")).isEqualTo(35);
        assertThat(env.api().resumeCalls()).hasSize(10);
        assertThat(requests.count("SELECT count(*) FROM batch_job_execution WHERE status = 'FAILED'")).isEqualTo(1);

        env.api().resumesEverything(0);
        CliRun restart = env.cli("restart");

        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(restart.out()).contains("35 requests processed");
        assertThat(requests.count("SELECT count(*) FROM resume_request WHERE status = 'DONE'")).isEqualTo(35);
        assertThat(requests.count("SELECT count(DISTINCT job_execution_id) FROM resume_audit")).isEqualTo(2);
        requests.assertConsistent();
        // the restart continued the same job instance
        assertThat(requests.count("SELECT count(DISTINCT job_instance_id) FROM batch_job_execution")).isEqualTo(1);
        // the first again: its successor completed, so there is nothing to restart, and no pointer to a dead end
        CliRun again = env.cli("restart", "1");
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(2);
        assertThat(again.err().strip()).endsWith("execution 1 was already restarted as execution 2, which is "
                + "COMPLETED: nothing to restart (use `run` for the requests pending now)");
        FaultReport.record("API down for the whole run", "every call 503, 40 reports, outage-after 5",
                "stopped early, exit 1: 5 FAILED, 35 still PENDING, 10 calls; restart after recovery: exit 0");
    }

    /**
     * The database went away while the step was saving how it ended, came back in time for the job's own update: the
     * execution reads FAILED, its step still STARTED. Spring Batch refuses to restart such an execution ("job execution
     * already running"); restart closes the step its owner could not, then continues.
     */
    @Test
    void restartContinuesAnExecutionWhoseStepsLastUpdateWasLost() throws Exception {
        Requests requests = env.requests();
        runIntoAnOutage(20, 3, 2, 1);
        requests.update("UPDATE batch_step_execution SET status = 'STARTED', end_time = NULL");

        env.api().resumesEverything(0);
        CliRun restart = env.cli("restart");

        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(requests.count("SELECT count(*) FROM resume_request WHERE status = 'PENDING'")).isZero();
        assertThat(requests.count("SELECT count(*) FROM batch_step_execution WHERE status = 'STARTED'")).isZero();
        requests.assertConsistent();
    }

    @Test
    void aSecondRunWhileOneIsRunningExits4WithoutCallingTheApi() throws Exception {
        env.api().resumesEverything(0);
        flag(3);
        try (Connection holder = env.db().connect();
                PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, RunLock.KEY);
            lock.execute();

            CliRun run = env.cli("run");
            CliRun restart = env.cli("restart");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
            assertThat(run.err()).contains("another execution is running");
            assertThat(restart.exitCode()).as(restart.toString()).isEqualTo(4);
        }
        assertThat(env.api().resumeCalls()).isEmpty();
        assertThat(env.api().tokenRequests()).isZero();
        assertThat(env.requests().count("SELECT count(*) FROM resume_request WHERE status = 'PENDING'")).isEqualTo(3);

        CliRun after = env.cli("run");
        assertThat(after.exitCode()).as(after.toString()).isZero();
    }

    @Test
    void restartRefusesWhatCannotBeRestartedWithOneLineAndExit2() {
        CliRun nothing = env.cli("restart");
        assertThat(nothing.exitCode()).as(nothing.toString()).isEqualTo(2);
        assertThat(nothing.err()).contains("no execution to restart");

        env.api().resumesEverything(0);
        flag(1);
        assertThat(env.cli("run").exitCode()).isZero();
        CliRun completed = env.cli("restart", "1");
        assertThat(completed.exitCode()).as(completed.toString()).isEqualTo(2);
        assertThat(completed.err()).contains("COMPLETED");
        CliRun unknown = env.cli("restart", "999");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.err()).contains("no execution 999");
        assertThat(unknown.err().lines()).hasSize(1);
    }

    @Test
    void sigtermLetsTheRunningChunkFinishAndLeavesARestartableExecution() throws Exception {
        Requests requests = env.requests();
        env.api().resumesEverything(20);
        flag(200);
        int chunk = 10;
        ForkedApp app = ForkedApp.start("run", env.properties("--resumer.job.chunk-size=" + chunk,
                "--resumer.job.concurrency=2"));
        Process process = app.process();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (requests.count("SELECT count(*) FROM resume_audit") < 30 && System.nanoTime() < deadline
                && process.isAlive()) {
            Thread.sleep(20);
        }
        process.destroy(); // SIGTERM
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(app.err()).isEqualTo(1);
        assertThat(app.out()).contains("STOPPED").contains("restart");
        assertThat(app.err()).contains("Stop requested");
        long audited = requests.count("SELECT count(*) FROM resume_audit");
        assertThat(audited).isLessThan(200);
        assertThat(requests.count("SELECT count(*) FROM batch_job_execution WHERE status = 'STOPPED'")).isEqualTo(1);
        requests.assertConsistent();

        CliRun restart = env.cli("restart");

        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(requests.count("SELECT count(*) FROM resume_audit")).isEqualTo(200);
        requests.assertConsistent();
        assertThat(env.api().callsPerReport().values())
                .as("the calls in flight were committed: nothing was called twice")
                .allMatch(n -> n == 1);
        FaultReport.record("SIGTERM", "SIGTERM after 30 audit rows (200 reports)", "calls in flight finished, "
                + audited + " committed, exit 1, STOPPED; restart exit 0; no call repeated");
    }
}
