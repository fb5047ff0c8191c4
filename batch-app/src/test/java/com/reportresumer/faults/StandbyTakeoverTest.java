package com.reportresumer.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.sandbox.RecordedRequest;
import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.FaultReport;
import com.reportresumer.testsupport.ForkedApp;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several {@code schedule} instances on one database: the one that runs the night dies (SIGKILL) or freezes
 * (SIGSTOP), and a standby continues the same job within {@code takeover-after} plus one check interval, with never
 * two instances calling the API for it at once. Each process gets a token of its own, so the sandbox's call log
 * tells whose call each was.
 */
class StandbyTakeoverTest {

    private static final int REPORTS = 600;
    private static final int CONCURRENCY = 4;
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final Duration TAKEOVER_AFTER = Duration.ofSeconds(4);
    /** A sixth of takeover-after, as {@code ScheduleProperties.takeoverCheck()} has it. */
    private static final Duration CHECK = TAKEOVER_AFTER.dividedBy(6);
    /** What starting the execution takes on a busy two-core machine, beyond the takeover's own timing. */
    private static final Duration SLACK = Duration.ofSeconds(3);

    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment()
            .withApi(api -> api.issuesDistinctTokens().resumesEverything(30))
            .withProperties("--resumer.job.chunk-size=10", "--resumer.job.concurrency=" + CONCURRENCY,
                    "--resumer.job.lease=" + LEASE.toSeconds() + "s",
                    "--resumer.schedule.takeover-after=" + TAKEOVER_AFTER.toSeconds() + "s");

    private final List<Instance> instances = new ArrayList<>();
    private Requests requests;

    /** One {@code schedule} process and its health port (its Tomcat's folder is in the child's own, ForkedApp's). */
    private record Instance(ForkedApp app, int port) {

        long pid() {
            return app.process().pid();
        }

        String health() throws IOException, InterruptedException {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    @AfterEach
    void stopInstances() throws Exception {
        for (Instance instance : instances) {
            signal("CONT", instance.pid());
            instance.app().process().destroyForcibly();
            instance.app().process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aStandbyFinishesTheNightWhenTheActiveInstanceDiesTwice() throws Exception {
        startInstances(3);

        Instance first = awaitActive(100);
        long firstExecution = runningExecution();
        Instant firstKilled = kill(first);
        Instance second = awaitTakeover(firstExecution, first);
        Duration firstTakeover = Duration.between(firstKilled, createdAt(runningExecution()));

        long secondExecution = runningExecution();
        awaitAudited(secondExecution, 50);
        Instant secondKilled = kill(second);
        Instance third = awaitTakeover(secondExecution, second);
        Duration secondTakeover = Duration.between(secondKilled, createdAt(runningExecution()));
        await("every request done", Duration.ofSeconds(90), () -> requests.count(
                "SELECT count(*) FROM resume_request WHERE status = 'DONE'") == REPORTS);

        assertThat(List.of(firstTakeover, secondTakeover)).as("from the kill to the successor's execution")
                .allSatisfy(took -> assertThat(took).isLessThan(TAKEOVER_AFTER.plus(CHECK).plus(SLACK)));
        requests.assertConsistent();
        Map<String, Long> calls = env.api().callsPerReport();
        assertThat(calls).hasSize(REPORTS);
        assertThat(calls.values()).as("calls per report").allMatch(n -> n <= 2);
        assertNoTwoInstancesCalledAtOnce(3);
        // one job instance throughout: each successor continued the same job, as restart does
        assertThat(requests.count("SELECT count(DISTINCT job_instance_id) FROM batch_job_execution")).isEqualTo(1);
        assertThat(requests.query("SELECT status FROM batch_job_execution ORDER BY job_execution_id LIMIT 3"))
                .extracting(r -> r.get("status")).containsExactly("FAILED", "FAILED", "COMPLETED");

        String health = third.health();
        assertThat(health).contains("\"schedule\"").contains("\"lastTakeover\"")
                .contains("\"execution\":" + secondExecution).contains("\"from\":\"");
        CliRun runs = env.cli("runs");
        assertThat(runs.out()).contains("taken over by").contains("/" + first.pid()).contains("/" + second.pid());
        FaultReport.record("Active schedule instance killed, twice", "3 `schedule` instances, " + REPORTS
                        + " reports; SIGKILL of the active one after 100 audit rows, then of its successor; lease "
                        + LEASE.toSeconds() + " s, takeover-after " + TAKEOVER_AFTER.toSeconds() + " s",
                "a standby continued the execution " + firstTakeover.toMillis() + " ms and " + secondTakeover.toMillis()
                        + " ms after the kills (bound " + TAKEOVER_AFTER.plus(CHECK).toMillis() + " ms + start-up); "
                        + "every request one audit row per execution, no report called more than twice, no two "
                        + "instances calling at once");
    }

    @Test
    void aFrozenInstanceCommitsNothingAfterItWakes() throws Exception {
        startInstances(2);

        Instance frozen = awaitActive(60);
        long execution = runningExecution();
        signal("STOP", frozen.pid());
        Instant stopped = Instant.now();
        awaitTakeover(execution, frozen);
        long successorsExecution = runningExecution();
        Duration takeover = Duration.between(stopped, createdAt(successorsExecution));
        long committedBefore = audited(execution);

        signal("CONT", frozen.pid());
        Instant woke = Instant.now();
        await("every request done", Duration.ofSeconds(90), () -> requests.count(
                "SELECT count(*) FROM resume_request WHERE status = 'DONE'") == REPORTS);
        Thread.sleep(LEASE.toMillis()); // time for the woken one to do what it would

        assertThat(audited(execution)).as("rows of the frozen one's execution after it woke").isEqualTo(
                committedBefore);
        requests.assertConsistent();
        // The calls that had passed their fence when the process froze go out as it wakes, beside the successor's
        // (at most one per caller; their answers are never committed): nothing else of the frozen one may, until the
        // successor has stopped calling. The woken one may run again after that, as any instance does: under the run
        // lock (a successor that stopped renewing its lease on a starved machine stops by itself, and the woken one
        // may then run the night's rest).
        String log = "the frozen one was stopped at " + stopped + " and woke at " + woke + "; its log:\n"
                + frozen.app().err();
        List<RecordedRequest> calls = env.api().sandbox().journal().resumeCalls();
        String frozensToken = calls.stream().min(Comparator.comparing(RecordedRequest::receivedAt)).orElseThrow()
                .header("Authorization");
        Instant successorsLastAnswer = calls.stream().filter(call -> !frozensToken.equals(call.header("Authorization")))
                .map(StandbyTakeoverTest::answeredAt).max(Comparator.naturalOrder()).orElseThrow();
        List<RecordedRequest> besideTheSuccessor = calls.stream()
                .filter(call -> frozensToken.equals(call.header("Authorization"))
                        && call.receivedAt().isAfter(stopped.plusMillis(100))
                        && call.receivedAt().isBefore(successorsLastAnswer))
                .toList();
        assertThat(besideTheSuccessor).extracting(call -> call.receivedAt() + " " + call.lastPathSegment()) // no token
                .as("calls of the frozen one beside its successor's: only those past their fence when it froze, as it "
                        + "woke; %s", log)
                .hasSizeLessThanOrEqualTo(CONCURRENCY)
                .allSatisfy(call -> assertThat(Instant.parse(call.substring(0, call.indexOf(' '))))
                        .isBefore(woke.plusSeconds(2)));
        assertNoTwoInstancesCalledAtOnce(2, log, besideTheSuccessor::contains);
        assertThat(frozen.app().process().isAlive()).as("the woken instance goes on standing by").isTrue();
        FaultReport.record("Active schedule instance frozen", "2 `schedule` instances, " + REPORTS
                        + " reports; SIGSTOP of the active one past its lease (" + LEASE.toSeconds() + " s), SIGCONT "
                        + "once the standby had taken over", "taken over " + takeover.toMillis() + " ms after the "
                        + "freeze; the woken one committed nothing more and sent " + besideTheSuccessor.size() + " call(s) past "
                        + "their fence when it froze (at most " + CONCURRENCY + "); every request one audit "
                        + "row per execution");
    }

    /**
     * {@code standbys} instances whose cron does not fire during the test, up and standing by, then one whose cron
     * fires every second: it starts the night, and only a takeover can continue it once it is gone.
     */
    private void startInstances(int count) throws Exception {
        requests = env.requests();
        requests.flagRandom(REPORTS);
        List<Instance> standbys = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            standbys.add(start("0 0 0 1 1 *")); // started together: each waits for nothing but its own start
        }
        for (Instance standby : standbys) {
            await("standby " + standby.pid() + " up", Duration.ofSeconds(90),
                    () -> errOf(standby).contains("Next run at"));
        }
        start("* * * * * *");
    }

    private Instance start(String cron) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Instance instance = new Instance(ForkedApp.start("schedule", env.properties("--resumer.schedule.cron=" + cron,
                "--resumer.schedule.zone=UTC", "--server.port=" + port)), port);
        instances.add(instance);
        return instance;
    }

    private static String errOf(Instance instance) {
        try {
            return instance.app().err();
        }
        catch (IOException e) {
            return "";
        }
    }

    /** The instance that owns the running execution, once it has committed {@code audited} rows. */
    private Instance awaitActive(long audited) throws Exception {
        await("a run with " + audited + " audit rows", Duration.ofSeconds(90),
                () -> requests.count("SELECT count(*) FROM resume_audit") >= audited);
        long owner = requests.count("SELECT owner_pid FROM run_owner WHERE job_execution_id = ?", runningExecution());
        return instances.stream().filter(i -> i.pid() == owner).findFirst().orElseThrow();
    }

    /** The surviving instance that continued {@code abandoned} (as a new execution of its job), once it commits. */
    private Instance awaitTakeover(long abandoned, Instance gone) throws Exception {
        await("a standby continuing execution " + abandoned, TAKEOVER_AFTER.plus(CHECK).plus(SLACK).plusSeconds(20),
                () -> requests.count("SELECT count(*) FROM run_owner WHERE job_execution_id > ? AND owner_pid <> ?",
                        abandoned, gone.pid()) == 1);
        long successor = runningExecution();
        long owner = requests.count("SELECT owner_pid FROM run_owner WHERE job_execution_id = ?", successor);
        awaitAudited(successor, 1);
        return instances.stream().filter(i -> i.pid() == owner).findFirst().orElseThrow();
    }

    private long runningExecution() {
        return requests.count("SELECT max(job_execution_id) FROM batch_job_execution");
    }

    private Instant createdAt(long execution) {
        return ((java.sql.Timestamp) requests.query("SELECT create_time FROM batch_job_execution "
                + "WHERE job_execution_id = ?", execution).get(0).get("create_time")).toInstant();
    }

    private long audited(long execution) {
        return requests.count("SELECT count(*) FROM resume_audit WHERE job_execution_id = ?", execution);
    }

    private void awaitAudited(long execution, long rows) throws Exception {
        await(rows + " audit rows of execution " + execution, Duration.ofSeconds(60), () -> audited(execution) >= rows);
    }

    private static Instant kill(Instance instance) throws Exception {
        instance.app().process().destroyForcibly();
        Instant killed = Instant.now();
        assertThat(instance.app().process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        return killed;
    }

    private static void signal(String signal, long pid) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }

    private void assertNoTwoInstancesCalledAtOnce(int callers) {
        assertNoTwoInstancesCalledAtOnce(callers, "", call -> false);
    }

    /**
     * No call of one instance (told by its token) is on the wire, from its arrival to its answer, while a call of
     * another is: the invariant the run lock and the lease keep, whatever the order in which instances ran.
     */
    private void assertNoTwoInstancesCalledAtOnce(int callers, String context, Predicate<RecordedRequest> except) {
        List<RecordedRequest> calls = env.api().sandbox().journal().resumeCalls().stream().filter(except.negate())
                .sorted(Comparator.comparing(RecordedRequest::receivedAt)).toList();
        Map<String, Integer> instanceOf = new LinkedHashMap<>(); // by first call; the token itself is never printed
        calls.forEach(call -> instanceOf.putIfAbsent(call.header("Authorization"), instanceOf.size() + 1));
        assertThat(instanceOf.size()).as("instances that called").isBetween(2, callers); // the map's keys are tokens
        Map<String, Instant> lastAnswered = new HashMap<>();
        for (RecordedRequest call : calls) {
            String caller = call.header("Authorization");
            lastAnswered.forEach((other, answered) -> {
                if (!other.equals(caller) && !answered.isBefore(call.receivedAt())) {
                    throw new AssertionError("instance " + instanceOf.get(caller) + " called at " + call.receivedAt()
                            + " (" + call.lastPathSegment() + ") while a call of instance " + instanceOf.get(other)
                            + " was answered only at " + answered + "; " + context);
                }
            });
            lastAnswered.merge(caller, answeredAt(call), (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /** When the call was answered (or its connection closed); its arrival when it has neither. */
    private static Instant answeredAt(RecordedRequest call) {
        return call.answeredAt() == null ? call.receivedAt() : call.answeredAt();
    }

    private void await(String what, Duration atMost, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                StringBuilder logs = new StringBuilder();
                for (Instance instance : instances) {
                    logs.append("\n--- instance ").append(instance.pid()).append(" ---\n")
                            .append(instance.app().err());
                }
                throw new AssertionError("timed out waiting for " + what + logs);
            }
            Thread.sleep(50);
        }
    }
}
