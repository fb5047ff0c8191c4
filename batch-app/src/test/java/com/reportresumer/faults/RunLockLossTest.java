package com.reportresumer.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.sandbox.RecordedRequest;
import com.reportresumer.testsupport.FaultReport;
import com.reportresumer.testsupport.ForkedApp;
import com.reportresumer.testsupport.PartnerCenterStandIn;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The run lock's connection dies mid-run (what {@code idle_session_timeout}, a failover, a TCP reset or a pooler
 * does): the lock is released at once and a second {@code run} takes it. The first must notice within a chunk and
 * stop without committing more; the second must not touch the first's execution while its owner is alive, nor
 * start calling before the first has stopped. Calls are told apart by their bearer token: each process gets its
 * own from the token endpoint.
 */
class RunLockLossTest {

    private static final int REPORTS = 400;

    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment()
            .withApi(api -> api.issuesDistinctTokens().resumesEverything(20))
            .withProperties("--resumer.job.chunk-size=10", "--resumer.job.concurrency=4", "--resumer.job.lease=3s");

    @Test
    void aLostLockStopsItsHolderBeforeAnotherRunCalls() throws Exception {
        Requests requests = env.requests();
        PartnerCenterStandIn api = env.api();
        requests.flagRandom(REPORTS);
        // a few reports whose calls take longer than a JVM start on a busy two-core machine (8 s was not always): their
        // calls are in flight when the lock is lost, so the second run is up and holds the lock while the first still
        // waits for them
        List<UUID> slow = requests.query("SELECT report_id FROM resume_request ORDER BY id OFFSET 100 LIMIT 4")
                .stream().map(r -> UUID.fromString((String) r.get("report_id"))).toList();
        slow.forEach(id -> api.answers(id, PartnerCenterStandIn.resumed().withDelay(Duration.ofSeconds(15))));
        List<String> props = env.properties();

        ForkedApp first = ForkedApp.start("run", props);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!api.callsPerReport().keySet().containsAll(slow.stream().map(UUID::toString).toList())) {
            assertThat(System.nanoTime()).as(first.err()).isLessThan(deadline);
            assertThat(first.process().isAlive()).as(first.err()).isTrue();
            Thread.sleep(10);
        }
        long killed = requests.count("SELECT count(pg_terminate_backend(pid)) FROM pg_locks "
                + "WHERE locktype = 'advisory' AND objid = (x'756d6572'::bigint)::oid AND granted");
        assertThat(killed).as("the lock's backend").isEqualTo(1);
        ForkedApp second = ForkedApp.start("run", props);

        assertThat(first.process().waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(second.process().waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(first.process().exitValue()).as(first.out() + first.err()).isEqualTo(1);
        assertThat(first.out()).contains("The run lock was lost").contains("restart");
        assertThat(second.process().exitValue()).as(second.out() + second.err()).isZero();
        assertThat(second.err()).doesNotContain("marking it FAILED").contains("Execution 1 is owned by")
                .contains("waiting for it to end");

        // the first execution was ended by its owner, not recovered by the second
        assertThat(requests.query("SELECT job_execution_id, status FROM batch_job_execution ORDER BY 1"))
                .extracting(r -> r.get("status")).containsExactly("FAILED", "COMPLETED");
        assertThat(requests.count("SELECT count(*) FROM run_owner")).isZero();

        // at no moment did both call: the first's last answer came before the second's first request
        Map<String, List<RecordedRequest>> byToken = api.resumeCalls().stream()
                .collect(Collectors.groupingBy(r -> r.header("Authorization")));
        assertThat(byToken).hasSize(2);
        List<List<RecordedRequest>> processes = byToken.values().stream()
                .sorted((a, b) -> firstRequest(a).compareTo(firstRequest(b))).toList();
        assertThat(processes.get(0)).as("the first's calls, all answered").allMatch(RecordedRequest::answered);
        Instant firstsLastAnswer = processes.get(0).stream().map(RecordedRequest::answeredAt)
                .max(Instant::compareTo).orElseThrow();
        Instant secondsFirstCall = firstRequest(processes.get(1));
        assertThat(firstsLastAnswer).as("the first's last answer against the second's first call")
                .isBeforeOrEqualTo(secondsFirstCall);

        assertThat(requests.count("SELECT count(*) FROM resume_request WHERE status = 'DONE'")).isEqualTo(REPORTS);
        requests.assertConsistent();
        long committedByFirst = requests.count("SELECT count(*) FROM resume_audit WHERE job_execution_id = 1");
        FaultReport.record("Run lock lost", "pg_terminate_backend on the lock's connection while 4 slow calls (15 s) "
                + "are in flight (400 reports), a second `run` started at once",
                "first noticed, waited for its calls, exit 1, FAILED by itself (" + committedByFirst
                        + " committed); second took the lock, waited for the first's lease, exit 0; no overlap of calls (last answer of the first "
                        + Duration.between(firstsLastAnswer, secondsFirstCall).toMillis() + " ms before the "
                        + "second's first call); every request one audit row per execution");
    }

    private static Instant firstRequest(List<RecordedRequest> calls) {
        return calls.stream().map(RecordedRequest::receivedAt).min(Instant::compareTo).orElseThrow();
    }
}
