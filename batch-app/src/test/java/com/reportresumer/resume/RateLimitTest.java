package com.reportresumer.resume;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.sandbox.ReportStatus;
import com.reportresumer.sandbox.Sandbox;
import com.reportresumer.sandbox.SandboxCounters;
import com.reportresumer.sandbox.SandboxOptions;
import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.SandboxArgs;
import com.reportresumer.testsupport.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code resumer.job.rate-limit}: no one-second window of the API's clock sees more calls than allowed. */
class RateLimitTest {

    @Test
    void noSecondSeesMoreCallsThanTheRateLimit() throws Exception {
        TestDatabases.Database db = TestDatabases.fresh();
        Requests requests = new Requests(db);
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.builder().reports(20).pausedShare(1.0).inactiveShare(0.0)
                .build())) {
            requests.flag(sandbox.reports(ReportStatus.PAUSED).stream().map(r -> r.reportId().toString())
                    .toArray(String[]::new));
            List<String> props = new ArrayList<>(List.of(db.springArgs()));
            props.addAll(SandboxArgs.of(sandbox));
            props.addAll(List.of("--resumer.job.concurrency=16", "--resumer.job.rate-limit=5"));

            CliRun run = CliRun.of(CliRun.line("run", props));

            assertThat(run.exitCode()).as(run.toString()).isZero();
            SandboxCounters counters = sandbox.counters();
            assertThat(counters.resumeCalls()).isEqualTo(20);
            assertThat(counters.maxResumeCallsPerSecond()).as("calls per second " + new java.util.TreeMap<>(counters.resumeCallsPerSecond())).isLessThanOrEqualTo(5);
            // 20 calls at 5/s cannot be done in fewer than 4 distinct seconds
            assertThat(counters.resumeCallsPerSecond()).hasSizeGreaterThanOrEqualTo(4);
        }
    }
}
