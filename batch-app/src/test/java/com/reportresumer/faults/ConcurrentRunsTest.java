package com.reportresumer.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.FakePartnerCenter;
import com.reportresumer.testsupport.FaultReport;
import com.reportresumer.testsupport.ForkedApp;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Two runs at once, and a run while {@code schedule} is firing: one proceeds, the other exits 4 without a call. The
 * competing runs are processes of their own, as they would be in production.
 */
class ConcurrentRunsTest {

    @Test
    void twoRunsStartedAtOnce() throws Exception {
        TestDatabases.Database db = TestDatabases.fresh();
        Requests requests = new Requests(db);
        // 150 calls of 300 ms, 8 at a time: the first run lasts ~6 s, far longer than a context takes to start
        requests.flag(IntStream.range(0, 150).mapToObj(i -> UUID.randomUUID().toString()).toArray(String[]::new));
        try (FakePartnerCenter api = new FakePartnerCenter().issuesTokens().resumesEverything(300)) {
            List<String> props = new ArrayList<>(List.of(db.springArgs()));
            props.addAll(List.of(api.springArgs()));
            ForkedApp first = ForkedApp.start("run", props);
            ForkedApp second = ForkedApp.start("run", props);
            assertThat(first.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(second.process().waitFor(120, TimeUnit.SECONDS)).isTrue();

            List<Integer> exits = List.of(first.process().exitValue(), second.process().exitValue());

            assertThat(exits).as(first.err() + "\n" + second.err()).containsExactlyInAnyOrder(0, 4);
            assertThat(api.callsPerReport()).hasSize(150).allSatisfy((id, calls) -> assertThat(calls).isEqualTo(1));
            assertThat(requests.count("SELECT count(*) FROM batch_job_execution")).isEqualTo(1);
            requests.assertConsistent();
            FaultReport.record("Two runs at once", "2 `run`s started together on 150 reports",
                    "exits " + exits + "; one execution; every report called once");
        }
    }

    @Test
    void aRunWhileScheduleIsFiring() throws Exception {
        TestDatabases.Database db = TestDatabases.fresh();
        Requests requests = new Requests(db);
        requests.flag(IntStream.range(0, 60).mapToObj(i -> UUID.randomUUID().toString()).toArray(String[]::new));
        // 60 calls of 300 ms, one at a time: the scheduled execution lasts ~18 s, much longer than a JVM start
        try (FakePartnerCenter api = new FakePartnerCenter().issuesTokens().resumesEverything(300)) {
            List<String> props = new ArrayList<>(List.of(db.springArgs()));
            props.addAll(List.of(api.springArgs()));
            props.add("--resumer.job.concurrency=1");
            List<String> scheduleProps = new ArrayList<>(props);
            scheduleProps.addAll(List.of("--resumer.schedule.cron=* * * * * *", "--server.port=0"));
            CliRun.Running schedule = CliRun.start(CliRun.line("schedule", scheduleProps));
            CliRun run;
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (requests.count("SELECT count(*) FROM resume_audit") == 0) {
                    assertThat(System.nanoTime()).isLessThan(deadline);
                    Thread.sleep(20);
                }
                ForkedApp forked = ForkedApp.start("run", props);
                assertThat(forked.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
                run = new CliRun(forked.process().exitValue(), forked.out(), forked.err());
                while (requests.count("SELECT count(*) FROM resume_request WHERE status = 'PENDING'") > 0) {
                    assertThat(System.nanoTime()).isLessThan(deadline);
                    Thread.sleep(50);
                }
            }
            finally {
                schedule.stop();
            }

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
            assertThat(api.callsPerReport()).hasSize(60).allSatisfy((id, calls) -> assertThat(calls).isEqualTo(1));
            requests.assertConsistent();
            FaultReport.record("`run` while `schedule` fires", "a `run` during a scheduled execution (60 reports)",
                    "`run` exited 4 without a call; every report called once");
        }
    }
}
