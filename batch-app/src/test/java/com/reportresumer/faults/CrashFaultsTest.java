package com.reportresumer.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.FaultReport;
import com.reportresumer.testsupport.ForkedApp;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The process killed with SIGKILL at several points of a run (before the first commit, early, middle, late, and
 * while a chunk's transaction is writing), then {@code restart}: every request audited exactly once, at most one
 * chunk plus the calls in flight called twice.
 */
class CrashFaultsTest {

    private static final int REPORTS = 300;
    private static final int CHUNK = 10;
    private static final int CONCURRENCY = 4;

    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment().withApi(api -> api.resumesEverything(30))
            .withProperties("--resumer.job.chunk-size=" + CHUNK, "--resumer.job.concurrency=" + CONCURRENCY);

    private Requests requests;
    private List<String> ids;

    @BeforeEach
    void flagReports() {
        requests = env.requests();
        ids = IntStream.range(0, REPORTS).mapToObj(i -> UUID.randomUUID().toString()).toList();
        requests.flag(ids.toArray(String[]::new));
    }

    @ParameterizedTest(name = "SIGKILL after {0} audit rows")
    @ValueSource(ints = { 0, 15, 90, 170, 260 })
    void sigkillAtAnyPointThenRestartAuditsEveryRequestExactlyOnce(int auditedBeforeKill) throws Exception {
        ForkedApp app = ForkedApp.start("run", env.properties());
        try {
            awaitAudited(app, auditedBeforeKill);
        }
        finally {
            app.process().destroyForcibly();
            app.process().waitFor(30, TimeUnit.SECONDS);
        }
        restartAndCheck("SIGKILL after " + auditedBeforeKill + " audit rows");
    }

    @Test
    void sigkillWhileAChunkTransactionIsWritingLosesNothing() throws Exception {
        // hold a lock on one request row: the chunk that contains it blocks in its UPDATE, after its audit INSERTs
        // (FOR NO KEY UPDATE lets the audit rows' foreign key check through, but not the status update)
        long lockedRow = requests.count("SELECT id FROM resume_request ORDER BY id OFFSET 120 LIMIT 1");
        try (Connection blocker = env.db().connect()) {
            blocker.setAutoCommit(false);
            try (Statement st = blocker.createStatement()) {
                st.execute("SELECT 1 FROM resume_request WHERE id = " + lockedRow + " FOR NO KEY UPDATE");
            }
            ForkedApp app = ForkedApp.start("run", env.properties());
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (requests.count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND wait_event_type = 'Lock' AND query LIKE '%UPDATE resume_request%'") == 0) {
                    assertThat(System.nanoTime()).as(app.err()).isLessThan(deadline);
                    assertThat(app.process().isAlive()).as(app.err()).isTrue();
                    Thread.sleep(20);
                }
            }
            finally {
                app.process().destroyForcibly();
                app.process().waitFor(30, TimeUnit.SECONDS);
            }
            blocker.rollback();
        }
        restartAndCheck("SIGKILL while a chunk's transaction is writing");
    }

    private void awaitAudited(ForkedApp app, int atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (requests.count("SELECT count(*) FROM resume_audit") < atLeast
                || requests.count("SELECT count(*) FROM batch_step_execution") == 0) {
            assertThat(System.nanoTime()).as(app.err()).isLessThan(deadline);
            assertThat(app.process().isAlive()).as(app.err()).isTrue();
            Thread.sleep(10);
        }
    }

    private void restartAndCheck(String fault) {
        long auditedBefore = requests.count("SELECT count(*) FROM resume_audit");
        requests.assertConsistent();
        CliRun restart = env.cli("restart");

        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(requests.count("SELECT count(*) FROM resume_request WHERE status = 'DONE'")).isEqualTo(REPORTS);
        assertThat(requests.count("SELECT count(*) FROM resume_audit")).isEqualTo(REPORTS);
        requests.assertConsistent();
        Map<String, Long> calls = env.api().callsPerReport();
        assertThat(calls.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        long repeated = calls.values().stream().filter(n -> n > 1).count();
        assertThat(calls.values()).allMatch(n -> n <= 2);
        assertThat(repeated).isLessThanOrEqualTo(CHUNK + CONCURRENCY);
        assertKilledExecutionIsToldAsSuch();
        FaultReport.record(fault, REPORTS + " reports, chunk " + CHUNK + ", concurrency " + CONCURRENCY,
                auditedBefore + " committed before the kill; restart exit 0; every request exactly one audit row; "
                        + repeated + " calls repeated (bound " + (CHUNK + CONCURRENCY) + ")");
    }

    /**
     * {@code runs} tells the killed execution for what it was: recovered, continued by the restart, and its
     * duration is to its last audit row, not to when the restart found it.
     */
    private void assertKilledExecutionIsToldAsSuch() {
        CliRun runs = env.cli("runs", "--format", "json");
        assertThat(runs.exitCode()).as(runs.toString()).isZero();
        JsonNode list = JsonMapper.builder().build().readTree(runs.out());
        assertThat(list.size()).isEqualTo(2);
        JsonNode restart = list.get(0);
        JsonNode killed = list.get(1);
        assertThat(killed.get("recovered").asBoolean()).isTrue();
        assertThat(killed.get("exit_code").asInt()).isEqualTo(1);
        assertThat(killed.get("restarted_as").asLong()).isEqualTo(restart.get("job_execution_id").asLong());
        assertThat(restart.get("restart_of").asLong()).isEqualTo(killed.get("job_execution_id").asLong());
        assertThat(restart.get("recovered").asBoolean()).isFalse();
        assertThat(restart.get("exit_code").asInt()).isZero();
        long untilFound = Duration.between(OffsetDateTime.parse(killed.get("start_time").asString()),
                OffsetDateTime.parse(killed.get("end_time").asString())).toMillis();
        if (!killed.get("duration_ms").isNull()) {
            assertThat(killed.get("duration_ms").asLong()).as("to its last audit row").isLessThan(untilFound);
        }
    }
}
