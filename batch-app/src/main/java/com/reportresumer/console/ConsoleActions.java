package com.reportresumer.console;

import com.reportresumer.audit.AuditTrail;
import com.reportresumer.flag.FlagReport;
import com.reportresumer.flag.ReportFlagger;
import com.reportresumer.flag.RequestQueue;
import com.reportresumer.flag.RerunFailed;
import com.reportresumer.flag.Withdrawal;
import com.reportresumer.partnercenter.InvalidConfigurationException;
import com.reportresumer.partnercenter.PartnerCenterProperties;
import com.reportresumer.resume.ResumeRuns;
import com.reportresumer.resume.RunReport;
import com.reportresumer.resume.StopRequests;
import com.reportresumer.secrets.Secrets;
import com.reportresumer.text.Plural;
import com.reportresumer.text.UntrustedText;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What an operator does in the console, each through the code of its command and recorded in the append-only
 * {@code console_action}: a row when the operator confirms it (who, what, on what), a row answering it when it has
 * ended (how). An action that runs the job runs in the background, one at a time, under the run lock like any run;
 * the context waits for it when it closes (a stop asked for by SIGTERM stops the job after its chunk).
 */
@Component
@ConditionalOnWebApplication
public class ConsoleActions implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConsoleActions.class);

    /** One row of {@code console_action}. */
    public record ActionRow(long id, OffsetDateTime createdAt, String actor, String role, String action,
            String target, String status, Long answers, Long jobExecutionId, String message) {
    }

    /** An action the console refuses before asking for it (no row is written): the message says why. */
    public static class Refused extends RuntimeException {

        Refused(String message) {
            super(message);
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final RerunFailed rerunFailed;
    private final ResumeRuns runs;
    private final StopRequests stops;
    private final ReportFlagger flagger;
    private final RequestQueue queue;
    private final AuditTrail trail;
    private final PartnerCenterProperties partnerCenter;
    /** One action at a time, in the order asked; a queued one knows which row it answers. */
    private final ThreadPoolExecutor background = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "console-action");
                t.setDaemon(false);
                return t;
            });

    /** An action waiting for, or running on, {@link #background}. */
    private record Queued(long asked, Runnable action) implements Runnable {

        @Override
        public void run() {
            action.run();
        }
    }

    ConsoleActions(NamedParameterJdbcTemplate jdbc, RerunFailed rerunFailed, ResumeRuns runs, StopRequests stops,
            ReportFlagger flagger, RequestQueue queue, AuditTrail trail, PartnerCenterProperties partnerCenter) {
        this.jdbc = jdbc;
        this.rerunFailed = rerunFailed;
        this.runs = runs;
        this.stops = stops;
        this.flagger = flagger;
        this.queue = queue;
        this.trail = trail;
        this.partnerCenter = partnerCenter;
    }

    /**
     * {@code rerun-failed [--run runId]} on behalf of {@code actor}: recorded, then carried out in the background.
     * Returns the ID of the row that records it.
     *
     * @throws Refused when the execution does not exist or Partner Center credentials are missing
     */
    public long rerunFailed(String actor, Long runId) {
        if (runId != null && !trail.runExists(runId)) {
            throw new Refused("there is no execution " + runId);
        }
        requireCredentials();
        long asked = ask(actor, "RERUN_FAILED", runId == null ? null : String.valueOf(runId));
        log.info("Console: {} asked to rerun the FAILED reports{} (action {})", actor,
                runId == null ? "" : " of execution " + runId, asked);
        inBackground(asked, () -> {
            AtomicInteger flagged = new AtomicInteger();
            try {
                Optional<RunReport> report = rerunFailed.rerun(runId, flagged::set);
                if (report.isEmpty()) {
                    answer(asked, "DONE", null, "no report" + (runId == null ? "" : " of execution " + runId)
                            + " has FAILED as its latest outcome without being PENDING already: nothing to rerun, "
                            + "no execution started");
                }
                else {
                    answered(asked, "flagged " + Plural.of(flagged.get(), "FAILED report") + " again; ", report.get());
                }
            }
            catch (ResumeRuns.AlreadyRunningException busy) {
                answer(asked, "FAILED", null, "flagged " + Plural.of(flagged.get(), "FAILED report") + " again, but "
                        + busy.getMessage() + ": the next run takes them");
            }
        });
        return asked;
    }

    /**
     * {@code restart runId} on behalf of {@code actor}: recorded, then carried out in the background (a run that
     * cannot be restarted is answered {@code FAILED} with the reason {@code restart} gives).
     *
     * @throws Refused when the execution does not exist or Partner Center credentials are missing
     */
    public long restart(String actor, long runId) {
        if (!trail.runExists(runId)) {
            throw new Refused("there is no execution " + runId);
        }
        requireCredentials();
        long asked = ask(actor, "RESTART", String.valueOf(runId));
        log.info("Console: {} asked to restart execution {} (action {})", actor, runId, asked);
        inBackground(asked, () -> {
            try {
                answered(asked, "", runs.restart(runId));
            }
            catch (ResumeRuns.AlreadyRunningException | ResumeRuns.NotRestartableException refused) {
                answer(asked, "FAILED", null, refused.getMessage());
            }
        });
        return asked;
    }

    /**
     * {@code stop runId} on behalf of {@code actor}: asks the execution to stop after its calls in flight, wherever
     * it runs ({@link StopRequests}). Recorded, and answered at once with what the request found.
     */
    public StopRequests.Answer stop(String actor, long runId) {
        long asked = ask(actor, "STOP", String.valueOf(runId));
        StopRequests.Answer answer = answeredIfItFails(asked, () -> stops.ask(runId, actor));
        if (answer instanceof StopRequests.Asked stopping) {
            log.warn("Console: {} asked execution {} (run by {}) to stop (action {})", actor, runId,
                    stopping.owner(), asked);
            answer(asked, "DONE", runId, "stop requested: execution " + runId + " (run by " + stopping.owner()
                    + ") stops after its calls in flight");
        }
        else if (answer instanceof StopRequests.AlreadyAsked already) {
            answer(asked, "DONE", runId, "stop already requested by " + already.by() + " at " + already.at());
        }
        else if (answer instanceof StopRequests.NotRunning none) {
            answer(asked, "FAILED", runId, none.why());
        }
        return answer;
    }

    /**
     * {@code flag} of the IDs pasted, on behalf of {@code actor} (stored as who flagged them, with {@code reason}):
     * validated and inserted by the code of {@code flag}, in one transaction. Recorded with its counts.
     */
    public FlagReport flag(String actor, List<String> reportIds, String reason) {
        long asked = ask(actor, "FLAG", Plural.of(reportIds.size(), "report ID"));
        FlagReport report = answeredIfItFails(asked, () -> flagger.flag(reportIds.stream(), actor,
                blankToNull(reason)));
        log.info("Console: {} flagged {} reports ({} already pending, {} malformed; action {})", actor,
                report.added(), report.alreadyPending(), report.malformed().size(), asked);
        answer(asked, "DONE", null, report.counts());
        return report;
    }

    /**
     * {@code unflag reportId} on behalf of {@code actor} (stored as who withdrew it, with {@code reason}): the
     * report's {@code PENDING} flag becomes {@code WITHDRAWN}, through the code of {@code unflag}. Recorded.
     */
    public Withdrawal withdraw(String actor, String reportId, String reason) {
        long asked = ask(actor, "WITHDRAW", reportId);
        Withdrawal withdrawal = answeredIfItFails(asked, () -> queue.withdraw(List.of(reportId), actor,
                blankToNull(reason)));
        if (!withdrawal.withdrawn().isEmpty()) {
            log.info("Console: {} withdrew the flag of {} (action {})", actor, UntrustedText.oneLine(reportId), asked);
            answer(asked, "DONE", null, "withdrawn: request " + withdrawal.withdrawn().get(0).id());
        }
        else {
            answer(asked, "FAILED", null, withdrawal.malformed().isEmpty() ? "no PENDING flag to withdraw"
                    : "malformed (not a UUID)");
        }
        return withdrawal;
    }

    private void requireCredentials() {
        try {
            partnerCenter.requireCredentials();
        }
        catch (InvalidConfigurationException missing) {
            throw new Refused("this console cannot run the job: " + missing.getMessage());
        }
    }

    /** What {@code action} gives; when it fails, the action {@code asked} is answered FAILED first (never left ASKED). */
    private <T> T answeredIfItFails(long asked, Supplier<T> action) {
        try {
            return action.get();
        }
        catch (RuntimeException | Error failed) {
            answerFailure(asked, failed);
            throw failed;
        }
    }

    /**
     * Runs {@code action} on the console's one background thread; an unexpected failure answers it FAILED, and so
     * does a console that is stopping (the action is not started then).
     */
    private void inBackground(long asked, Runnable action) {
        try {
            background.execute(new Queued(asked, () -> {
                try {
                    action.run();
                }
                catch (RuntimeException | Error failed) {
                    answerFailure(asked, failed);
                }
            }));
        }
        catch (RejectedExecutionException stopping) {
            answer(asked, "FAILED", null, "the console is stopping: not started");
        }
    }

    private void answerFailure(long asked, Throwable failed) {
        log.error("Console action {} failed", asked, failed);
        try {
            answer(asked, "FAILED", null, failed.getClass().getSimpleName() + ": " + failed.getMessage());
        }
        catch (RuntimeException unanswered) {
            log.error("Console action {} could not be answered: {}", asked, unanswered.getMessage());
        }
    }

    /** Answers {@code asked} with how the execution it ran ended. */
    private void answered(long asked, String before, RunReport r) {
        answer(asked, r.exitCode() == RunReport.FAILED_RESTARTABLE ? "FAILED" : "DONE", r.executionId(), before
                + "execution " + r.executionId() + " ended " + r.status() + " with " + r.processed() + " requests "
                + r.counts() + ", exit code " + r.exitCode() + (r.failure() == null ? "" : ": " + r.failure()));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The latest {@code limit} rows of {@code console_action}, newest first. */
    public List<ActionRow> recent(int limit) {
        return jdbc.query("SELECT * FROM console_action ORDER BY id DESC LIMIT :limit",
                new MapSqlParameterSource("limit", limit), (rs, i) -> new ActionRow(rs.getLong("id"),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getString("actor"), rs.getString("role"),
                        rs.getString("action"), rs.getString("target"), rs.getString("status"),
                        (Long) rs.getObject("answers"), (Long) rs.getObject("job_execution_id"),
                        rs.getString("message")));
    }

    private long ask(String actor, String action, String target) {
        Long id = jdbc.queryForObject("""
                INSERT INTO console_action (actor, role, action, target, status)
                VALUES (:actor, 'OPERATOR', :action, :target, 'ASKED') RETURNING id""",
                new MapSqlParameterSource("actor", actor).addValue("action", action).addValue("target", target),
                Long.class);
        return id;
    }

    private void answer(long asked, String status, Long executionId, String message) {
        jdbc.update("""
                INSERT INTO console_action (actor, role, action, target, status, answers, job_execution_id, message)
                SELECT actor, role, action, target, :status, id, :execution, :message
                  FROM console_action WHERE id = :asked""",
                new MapSqlParameterSource("asked", asked).addValue("status", status)
                        .addValue("execution", executionId, Types.BIGINT)
                        // shown to every viewer: an exception's message must not carry a secret there either
                        .addValue("message", Secrets.oneLine(message)));
    }

    /** Waits for an action in progress (a run stops after its chunk once a stop was asked for). */
    @Override
    public void destroy() throws InterruptedException {
        // the action running finishes (a run stops after its chunk); those queued behind it are not started
        List<Runnable> queued = new ArrayList<>();
        background.getQueue().drainTo(queued);
        background.shutdown();
        for (Runnable left : queued) {
            answer(((Queued) left).asked(), "FAILED", null, "the console stopped before this action started");
        }
        if (!background.awaitTermination(10, TimeUnit.MINUTES)) {
            log.warn("Console: an action is still running after 10 minutes; leaving it");
        }
    }
}
