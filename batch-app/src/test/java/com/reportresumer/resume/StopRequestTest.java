package com.reportresumer.resume;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.ForkedApp;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code stop} from another process: the running execution commits its calls in flight and ends {@code STOPPED},
 * restartable, without anything called twice; with nothing running, one line and exit 2.
 */
class StopRequestTest {

    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment();

    @Test
    void stopEndsTheRunningExecutionAfterItsCallsInFlightAndRestartFinishesIt() throws Exception {
        Requests requests = env.requests();
        // 400 reports at 50 ms, two at a time: ten seconds, far longer than `stop` takes to start and ask
        env.api().resumesEverything(50);
        List<String> ids = IntStream.range(0, 400).mapToObj(i -> UUID.randomUUID().toString()).toList();
        requests.flag(ids.toArray(String[]::new));
        ForkedApp run = ForkedApp.start("run", env.properties("--resumer.job.chunk-size=10",
                "--resumer.job.concurrency=2"));
        requests.awaitCount("SELECT count(*) FROM resume_audit", 30);

        CliRun stop = env.cli("stop", "--by", "olga");
        long atTheStop = requests.count("SELECT count(*) FROM resume_audit");

        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(stop.out()).startsWith("stop requested: execution 1 (run by ");
        assertThat(run.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.process().exitValue()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("STOPPED").contains("restart");
        assertThat(run.err()).contains("Stop requested by olga: finishing the calls in flight, then stopping "
                + "execution 1 (restartable)");
        long audited = requests.count("SELECT count(*) FROM resume_audit");
        // read at the next chunk or within lease/6 (5 s: at most 200 reports at this pace), then only the calls in
        // flight are finished
        assertThat(audited).isBetween(atTheStop, atTheStop + 200 + 10 + 2).isLessThan(400);
        assertThat(requests.count("SELECT count(*) FROM batch_job_execution WHERE status = 'STOPPED'")).isEqualTo(1);
        assertThat(requests.count("SELECT count(*) FROM run_owner")).as("the lease ends with the run").isZero();
        requests.assertConsistent();

        CliRun again = env.cli("stop", "1");
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(2);
        assertThat(again.err().strip()).isEqualTo("report-resumer: execution 1 is not running (only a running execution can be "
                + "stopped)");

        CliRun restart = env.cli("restart");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(requests.count("SELECT count(*) FROM resume_audit")).isEqualTo(400);
        assertThat(env.api().callsPerReport().values()).as("nothing was called twice").allMatch(n -> n == 1);
        requests.assertConsistent();
    }

    @Test
    void aLeaseItsOwnerStoppedRenewingIsNotAskedToStop() throws Exception {
        // what a killed or frozen owner leaves: a lease nobody renews, which a standby takes over or `restart` recovers
        env.requests().update("INSERT INTO run_owner (job_execution_id, owner_host, owner_pid, heartbeat_at) "
                + "VALUES (7, 'gone-host', 4242, now() - interval '10 minutes')");

        CliRun stop = env.cli("stop", "7");

        assertThat(stop.exitCode()).as(stop.toString()).isEqualTo(2);
        assertThat(stop.err().lines().toList()).singleElement().asString()
                .contains("execution 7 has not been renewed by its owner, gone-host/4242").contains("nothing to stop");
        assertThat(env.requests().count("SELECT count(*) FROM run_owner WHERE stop_requested_at IS NOT NULL")).isZero();
    }

    @Test
    void stopWithNothingRunningSaysSoInOneLineAndExits2() {
        CliRun none = env.cli("stop");

        assertThat(none.exitCode()).as(none.toString()).isEqualTo(2);
        assertThat(none.out()).isEmpty();
        assertThat(none.err().strip()).isEqualTo("report-resumer: no execution is running");
    }
}
