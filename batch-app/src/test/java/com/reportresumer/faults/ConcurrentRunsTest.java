package com.reportresumer.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.FakePartnerCenter;
import com.reportresumer.testsupport.FaultReport;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Two runs at once, and a run while {@code schedule} is firing: one proceeds, the other exits 4 without a call. */
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
            CompletableFuture<CliRun> first = CompletableFuture.supplyAsync(() -> CliRun.of(CliRun.line("run", props)));
            CompletableFuture<CliRun> second = CompletableFuture.supplyAsync(() -> CliRun.of(CliRun.line("run", props)));

            List<Integer> exits = List.of(first.get().exitCode(), second.get().exitCode());

            assertThat(exits).as(first.get() + "\n" + second.get()).containsExactlyInAnyOrder(0, 4);
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
        // 60 calls of 300 ms, 2 at a time: the scheduled execution lasts ~9 s
        try (FakePartnerCenter api = new FakePartnerCenter().issuesTokens().resumesEverything(300)) {
            List<String> props = new ArrayList<>(List.of(db.springArgs()));
            props.addAll(List.of(api.springArgs()));
            props.add("--resumer.job.concurrency=2");
            List<String> scheduleProps = new ArrayList<>(props);
            scheduleProps.addAll(List.of("--resumer.schedule.cron=* * * * * *", "--server.port=0"));
            CliRun.Running schedule = CliRun.start(CliRun.line("schedule", scheduleProps));
            CliRun run;
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (requests.count("SELECT count(*) FROM resume_audit") == 0) {
                    assertThat(System.nanoTime()).isLessThan(deadline);
                    Thread.sleep(20);
                }
                run = CliRun.of(CliRun.line("run", props));
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
