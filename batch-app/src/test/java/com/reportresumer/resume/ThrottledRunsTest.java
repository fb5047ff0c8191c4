package com.reportresumer.resume;

import static com.reportresumer.testsupport.PartnerCenterStandIn.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.sandbox.RecordedRequest;
import com.reportresumer.sandbox.ReportStatus;
import com.reportresumer.sandbox.Sandbox;
import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs against a quota the job is not told about: a throttled call is no failed try, the outage guard does not see
 * it, and a report fails for throttling only once nothing has got through anywhere for {@code throttle-patience}.
 */
class ThrottledRunsTest {

    /** 60 Paused reports behind a quota of 20 calls a second whose 429s say nothing of when to come back. */
    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment()
            .withSandbox(options -> options.reports(60).pausedShare(1.0).inactiveShare(0.0).maxCallsPerSecond(20)
                    .quotaRetryAfter(false));

    @Test
    void aQuotaWithoutRetryAfterFailsNoReportAndThrottledCallsAreNoTries() {
        Sandbox sandbox = env.api().sandbox();
        env.requests().flag(sandbox.reports(ReportStatus.PAUSED).stream().map(r -> r.reportId().toString())
                .toArray(String[]::new));

        // one try per report and an outage after 3 failures in a row: any 429 counted as a try would fail its report
        CliRun run = env.cli("run", "--resumer.job.concurrency=8", "--resumer.job.max-attempts=1",
                "--resumer.job.outage-after=3");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        long throttled = sandbox.counters().faults("rateLimited");
        assertThat(throttled).as("429s of the quota").isPositive();
        assertThat(env.requests().count("SELECT count(*) FROM resume_audit WHERE outcome = 'RESUMED'")).isEqualTo(60);
        // the audit counts every call of a throttled report, 429s included
        assertThat(env.requests().count("SELECT coalesce(sum(attempts), 0) FROM resume_audit"))
                .isEqualTo(sandbox.counters().resumeCalls()).isEqualTo(60 + throttled);
        assertThat(env.requests().count("SELECT count(*) FROM resume_audit WHERE attempts > 1")).isPositive();
        assertThat(run.out()).contains("The API throttled the run: " + throttled + " answers 429 (")
                .containsPattern("pace settled at \\d+ calls/s");
    }

    @Test
    void aReportFailsForThrottlingOnlyOnceNothingGotThroughForThrottlePatience() {
        env.api().answersEveryResume(status(429, "Too many requests").withHeader("Retry-After", "1"));
        env.requests().flagRandom(3);

        CliRun run = env.cli("run", "--resumer.job.concurrency=3", "--resumer.job.throttle-patience=2s");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        List<Map<String, Object>> audit = env.requests().query(
                "SELECT outcome, http_status, attempts, message FROM resume_audit");
        assertThat(audit).hasSize(3).allSatisfy(row -> {
            assertThat(row.get("outcome")).isEqualTo("FAILED");
            assertThat(row.get("http_status")).isEqualTo(429);
            // a call, then one after each pause of a second, while the two seconds last (a caller that a busy
            // machine started late may have had its first call only)
            assertThat((Integer) row.get("attempts")).isBetween(1, 5);
            assertThat((String) row.get("message")).startsWith("throttled: every call of the job was answered 429 "
                    + "for 2s (last: ");
        });
        // the first 429 did not fail its report: it was called again, once the Retry-After had passed
        assertThat(audit).extracting(row -> (Integer) row.get("attempts")).anyMatch(attempts -> attempts >= 2);
        Map<String, List<RecordedRequest>> callsByReport = env.api().resumeCalls().stream()
                .collect(Collectors.groupingBy(RecordedRequest::lastPathSegment));
        assertThat(callsByReport).hasSize(3).allSatisfy((report, calls) -> {
            for (int i = 1; i < calls.size(); i++) {
                assertThat(Duration.between(calls.get(i - 1).answeredAt(), calls.get(i).receivedAt()))
                        .as("from a 429 with Retry-After: 1 to the report's next call").isGreaterThan(
                                Duration.ofMillis(900));
            }
        });
    }
}
