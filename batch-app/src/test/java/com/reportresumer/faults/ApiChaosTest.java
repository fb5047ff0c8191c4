package com.reportresumer.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.sandbox.ReportStatus;
import com.reportresumer.sandbox.Sandbox;
import com.reportresumer.sandbox.SandboxCounters;
import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.FaultReport;
import com.reportresumer.testsupport.PartnerCenterStandIn;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 2,000 reports against the sandbox failing in every way it can at once: 20% 500s, a quota of 400 calls a second
 * (429 with Retry-After beyond it), 2% hangs beyond the read timeout, 1% garbage bodies, and tokens that expire every
 * few seconds.
 */
class ApiChaosTest {

    private static final int REPORTS = 2_000;
    private static final int MAX_ATTEMPTS = 4;

    /** The sandbox's own reports and faults; its token endpoint issues tokens that live 4 s. */
    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment()
            .withSandbox(options -> options.reports(REPORTS).pausedShare(1.0).inactiveShare(0.0).randomSeed(7)
                    .failureRate(0.20).maxCallsPerSecond(400)
                    .hangRate(0.02).hangDuration(Duration.ofSeconds(5))
                    .garbageRate(0.01)
                    .tokenLifetime(Duration.ofSeconds(4)))
            .withApi(PartnerCenterStandIn::checksCredentialsAsUsual)
            .withProperties("--resumer.partner-center.read-timeout=1s", "--resumer.job.max-attempts=" + MAX_ATTEMPTS,
                    "--resumer.job.concurrency=16", "--resumer.job.backoff.initial=20ms",
                    "--resumer.job.backoff.max=1s", "--resumer.job.outage-after=1000");

    @Test
    void theRunCompletesWithEveryReportResumedOrFailedAfterMaxAttemptsBesidesThrottledCalls() throws Exception {
        Requests requests = env.requests();
        Sandbox sandbox = env.api().sandbox();
        requests.flag(sandbox.reports(ReportStatus.PAUSED).stream().map(r -> r.reportId().toString())
                .toArray(String[]::new));

        CliRun run = env.cli("run");

        // which reports still fail after every try depends on how the calls and the tokens' expiry interleave: the
        // run must complete, and then its code is 0 when every request it processed was resumed, else 3
        long notResumed = requests.count("SELECT count(*) FROM resume_audit WHERE outcome <> 'RESUMED'");
        assertThat(run.exitCode()).as(notResumed + " not resumed; " + run).isEqualTo(notResumed == 0 ? 0 : 3);
        assertThat(requests.count("SELECT count(*) FROM resume_request WHERE status = 'PENDING'")).isZero();
        assertThat(requests.count("SELECT count(*) FROM resume_audit WHERE outcome NOT IN ('RESUMED', 'FAILED')"))
                .isZero();
        // attempts counts every call: the tries, and the calls answered 429 (no tries: the job slowed down instead)
        assertThat(requests.count("SELECT count(*) FROM resume_audit WHERE outcome = 'FAILED' AND attempts < ?",
                MAX_ATTEMPTS)).isZero();
        assertThat(requests.count("SELECT count(*) FROM resume_audit WHERE outcome = 'FAILED' AND http_status = 429"))
                .as("no report fails for throttling within throttle-patience").isZero();
        requests.assertConsistent();

        SandboxCounters counters = sandbox.counters();
        List<Map<String, Object>> resumed = requests.query(
                "SELECT report_id FROM resume_audit WHERE outcome = 'RESUMED'");
        for (Map<String, Object> row : resumed) {
            UUID id = UUID.fromString((String) row.get("report_id"));
            assertThat(counters.callsFor(id)).as("a RESUMED report the API saw").isPositive();
            assertThat(sandbox.report(id).orElseThrow().reportStatus()).isEqualTo(ReportStatus.ACTIVE);
        }
        // the calls recorded are the calls the API saw, plus one replay with a fresh token for each 401 the API
        // answered (its tokens live 4 s); a FAILED report was really tried MAX_ATTEMPTS times
        long triesRecorded = 0;
        for (Map<String, Object> row : requests.query("SELECT report_id, outcome, attempts FROM resume_audit")) {
            UUID id = UUID.fromString((String) row.get("report_id"));
            int tries = ((Number) row.get("attempts")).intValue();
            triesRecorded += tries;
            assertThat(counters.callsFor(id)).as("calls the API saw for " + row)
                    .isBetween((long) tries, tries + counters.responses(401));
            if ("FAILED".equals(row.get("outcome"))) {
                assertThat(counters.callsFor(id)).as(row.toString()).isGreaterThanOrEqualTo(MAX_ATTEMPTS);
            }
        }
        assertThat(counters.resumeCalls()).as("every call is a recorded try or a replay after a 401")
                .isEqualTo(triesRecorded + counters.responses(401));
        long failed = requests.count("SELECT count(*) FROM resume_audit WHERE outcome = 'FAILED'");
        FaultReport.record("API chaos", REPORTS + " reports: " + counters.faultsInjected() + " faults injected, "
                + counters.tokensIssued() + " tokens issued (4 s lifetime), " + counters.resumeCalls()
                + " resume calls",
                "run completed (exit " + run.exitCode() + "): " + resumed.size() + " RESUMED, " + failed
                        + " FAILED after " + MAX_ATTEMPTS + " tries; " + counters.faults("rateLimited")
                        + " calls answered 429 by the quota, none a failed try; no report PENDING; max "
                        + counters.callsPerReport().values().stream().mapToLong(Long::longValue).max().orElse(0)
                        + " calls for one report");
    }
}
