package com.reportresumer.resume;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.sandbox.ReportStatus;
import com.reportresumer.sandbox.Sandbox;
import com.reportresumer.sandbox.SandboxCounters;
import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.ResumerEnvironment;
import com.reportresumer.sandbox.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code resumer.job.rate-limit}: no one-second window of the API's clock sees more calls than allowed. */
class RateLimitTest {

    /** 20 Paused reports of the sandbox's own, resumed as the sandbox usually does. */
    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment()
            .withSandbox(options -> options.reports(20).pausedShare(1.0).inactiveShare(0.0));

    @Test
    void noSecondSeesMoreCallsThanTheRateLimit() throws Exception {
        Sandbox sandbox = env.api().sandbox();
        env.requests().flag(sandbox.reports(ReportStatus.PAUSED).stream().map(r -> r.reportId().toString())
                .toArray(String[]::new));

        CliRun run = env.cli("run", "--resumer.job.concurrency=16", "--resumer.job.rate-limit=5");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        SandboxCounters counters = sandbox.counters();
        assertThat(counters.resumeCalls()).isEqualTo(20);
        assertThat(counters.maxResumeCallsPerSecond())
                .as("calls per second " + new TreeMap<>(counters.resumeCallsPerSecond())).isLessThanOrEqualTo(5);
        // 20 calls at 5/s cannot be done in fewer than 4 distinct seconds
        assertThat(counters.resumeCallsPerSecond()).hasSizeGreaterThanOrEqualTo(4);
    }

    /**
     * A slow token endpoint delays the first calls; their pacing must start when they go out, not before the token
     * is at hand, or the calls that waited for the token leave together and bunch into one second.
     */
    @Test
    void callsWaitingForASlowTokenAreStillPacedAsTheyGoOut() throws Exception {
        Sandbox sandbox = env.api().sandbox();
        sandbox.script().delayTokenRequests(Duration.ofMillis(700));
        env.requests().flag(sandbox.reports(ReportStatus.PAUSED).stream().limit(8).map(r -> r.reportId().toString())
                .toArray(String[]::new));

        CliRun run = env.cli("run", "--resumer.job.concurrency=8", "--resumer.job.rate-limit=5");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<Instant> arrivals = sandbox.journal().resumeCalls().stream().map(RecordedRequest::receivedAt).sorted()
                .toList();
        assertThat(arrivals).hasSize(8);
        for (int i = 1; i < arrivals.size(); i++) {
            // 5 calls a second, paced 5% under: 210 ms apart; a few ms of arrival jitter allowed
            assertThat(Duration.between(arrivals.get(i - 1), arrivals.get(i)))
                    .as("gap before call " + (i + 1) + " of " + arrivals).isGreaterThan(Duration.ofMillis(150));
        }
    }
}
