package com.reportresumer.cli;

import static com.reportresumer.testsupport.PartnerCenterStandIn.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.ForkedApp;
import com.reportresumer.testsupport.PartnerCenterStandIn;
import com.reportresumer.testsupport.Psql;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code runs} tells what the RUNBOOK talks about: the exit code each execution ended with, which execution a restart
 * continued, and for the one running now, how long it has run and what is still pending.
 */
class RunsTruthTest {

    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment().withProperties("--resumer.job.max-attempts=1",
            "--resumer.job.outage-after=2", "--resumer.job.chunk-size=1", "--resumer.job.concurrency=1");

    private JsonNode runs() {
        CliRun runs = env.cli("runs", "--format", "json");
        assertThat(runs.exitCode()).as(runs.toString()).isZero();
        return JsonMapper.builder().build().readTree(runs.out());
    }

    @Test
    void theExitCodeIsTheOneTheCommandEndedWithAndARestartIsLinkedToWhatItContinued() throws Exception {
        UUID missing = UUID.randomUUID();
        env.api().resumesEverything(0).answers(missing, status(404, "Report not found"));
        env.requests().flag(missing.toString(), UUID.randomUUID().toString());
        assertThat(env.cli("run").exitCode()).isEqualTo(3);

        // an outage: every call 503, the run stops after two FAILED, the rest stays PENDING
        env.api().answersEveryResume(status(503, "Service unavailable"));
        env.requests().flagRandom(5);
        assertThat(env.cli("run").exitCode()).isEqualTo(1);
        env.api().answersEveryResume(PartnerCenterStandIn.resumed());
        assertThat(env.cli("restart").exitCode()).isZero();

        JsonNode runs = runs();
        assertThat(runs.size()).isEqualTo(3);
        JsonNode restart = runs.get(0), outage = runs.get(1), first = runs.get(2);
        assertThat(first.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(first.get("exit_code").asInt()).as("COMPLETED with a NOT_FOUND is exit 3").isEqualTo(3);
        assertThat(first.get("restart_of").isNull()).isTrue();
        assertThat(first.get("restarted_as").isNull()).isTrue();
        assertThat(outage.get("status").asString()).isEqualTo("FAILED");
        assertThat(outage.get("exit_code").asInt()).isEqualTo(1);
        assertThat(outage.get("restarted_as").asLong()).isEqualTo(restart.get("job_execution_id").asLong());
        assertThat(outage.get("recovered").asBoolean()).isFalse();
        assertThat(restart.get("restart_of").asLong()).isEqualTo(outage.get("job_execution_id").asLong());
        assertThat(restart.get("exit_code").asInt()).isZero();
        assertThat(runs).allSatisfy(run -> assertThat(run.get("pending_now").isNull()).isTrue());

        CliRun table = env.cli("runs");
        assertThat(table.out()).contains("continued as " + restart.get("job_execution_id").asLong())
                .contains("restart of " + outage.get("job_execution_id").asLong());

        // the query file the RUNBOOK offers instead of `runs` tells the same exit codes, in its column `exit`
        Psql.Result summary = Psql.run(env.db(), Psql.opsFile("run-summary.sql"));
        assertThat(summary.exitCode()).as(summary.output()).isZero();
        List<String> lines = summary.output().lines().filter(line -> line.contains("|")).toList();
        List<String> header = Arrays.stream(lines.get(0).split("\\|", -1)).map(String::strip).toList();
        int id = header.indexOf("job_execution_id");
        int exit = header.indexOf("exit");
        assertThat(exit).as(summary.output()).isNotNegative();
        Map<Long, String> exits = lines.stream().skip(1).map(line -> line.split("\\|", -1))
                .collect(Collectors.toMap(cells -> Long.parseLong(cells[id].strip()), cells -> cells[exit].strip()));
        assertThat(runs).allSatisfy(run -> assertThat(exits.get(run.get("job_execution_id").asLong()))
                .isEqualTo(String.valueOf(run.get("exit_code").asInt())));
        assertThat(table.out().lines().skip(1).map(line -> line.substring(table.out().indexOf("EXIT"),
                table.out().indexOf("EXIT") + 4).strip()).toList()).containsExactly("0", "1", "3");
    }

    @Test
    void theRunningExecutionShowsHowLongItHasRunAndWhatIsStillPending() throws Exception {
        env.api().resumesEverything(1_500);
        env.requests().flagRandom(6);
        ForkedApp running = ForkedApp.start("run", env.properties());
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (env.requests().count("SELECT count(*) FROM resume_audit") == 0) {
                assertThat(System.nanoTime()).as(running.err()).isLessThan(deadline);
                assertThat(running.process().isAlive()).as(running.err()).isTrue();
                Thread.sleep(20);
            }
            JsonNode now = runs().get(0);
            assertThat(now.get("status").asString()).isEqualTo("STARTED");
            assertThat(now.get("exit_code").isNull()).as("no exit code while it runs").isTrue();
            assertThat(now.get("total").asLong()).isPositive();
            assertThat(now.get("pending_now").asLong()).isBetween(1L, 5L);
            assertThat(now.get("duration_ms").asLong()).isGreaterThanOrEqualTo(1_000L);
            assertThat(env.cli("runs").out()).containsPattern("STARTED +- .* running, [1-5] pending");
        }
        finally {
            running.process().destroy(); // SIGTERM: it stops gracefully
            assertThat(running.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }
}
