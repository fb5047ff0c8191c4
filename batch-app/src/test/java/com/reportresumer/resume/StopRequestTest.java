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
        env.api().resumesEverything(20);
        List<String> ids = IntStream.range(0, 300).mapToObj(i -> UUID.randomUUID().toString()).toList();
        requests.flag(ids.toArray(String[]::new));
        ForkedApp run = ForkedApp.start("run", env.properties("--resumer.job.chunk-size=10",
                "--resumer.job.concurrency=2"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (requests.count("SELECT count(*) FROM resume_audit") < 30 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        CliRun stop = env.cli("stop", "--by", "olga");

        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(stop.out()).startsWith("stop requested: execution 1 (run by ");
        assertThat(run.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.process().exitValue()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("STOPPED").contains("restart");
        assertThat(run.err()).contains("Stop requested by olga: finishing the calls in flight, then stopping "
                + "execution 1 (restartable)");
        long audited = requests.count("SELECT count(*) FROM resume_audit");
        assertThat(audited).isBetween(30L, 299L);
        assertThat(requests.count("SELECT count(*) FROM batch_job_execution WHERE status = 'STOPPED'")).isEqualTo(1);
        assertThat(requests.count("SELECT count(*) FROM run_owner")).as("the lease ends with the run").isZero();
        requests.assertConsistent();

        CliRun again = env.cli("stop", "1");
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(2);
        assertThat(again.err().strip()).isEqualTo("report-resumer: execution 1 is not running (only a running execution can be "
                + "stopped)");

        CliRun restart = env.cli("restart");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(requests.count("SELECT count(*) FROM resume_audit")).isEqualTo(300);
        assertThat(env.api().callsPerReport().values()).as("nothing was called twice").allMatch(n -> n == 1);
        requests.assertConsistent();
    }

    @Test
    void stopWithNothingRunningSaysSoInOneLineAndExits2() {
        CliRun none = env.cli("stop");

        assertThat(none.exitCode()).as(none.toString()).isEqualTo(2);
        assertThat(none.out()).isEmpty();
        assertThat(none.err().strip()).isEqualTo("report-resumer: no execution is running");
    }
}
