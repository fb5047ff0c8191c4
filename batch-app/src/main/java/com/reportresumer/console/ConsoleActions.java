package com.reportresumer.console;

import com.reportresumer.audit.AuditTrail;
import com.reportresumer.flag.RerunFailed;
import com.reportresumer.partnercenter.InvalidConfigurationException;
import com.reportresumer.partnercenter.PartnerCenterProperties;
import com.reportresumer.resume.ResumeRuns;
import com.reportresumer.resume.RunReport;
import com.reportresumer.secrets.Secrets;
import com.reportresumer.text.UntrustedText;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final AuditTrail trail;
    private final PartnerCenterProperties partnerCenter;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "console-action");
        t.setDaemon(false);
        return t;
    });

    ConsoleActions(NamedParameterJdbcTemplate jdbc, RerunFailed rerunFailed, AuditTrail trail,
            PartnerCenterProperties partnerCenter) {
        this.jdbc = jdbc;
        this.rerunFailed = rerunFailed;
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
        try {
            partnerCenter.requireCredentials();
        }
        catch (InvalidConfigurationException missing) {
            throw new Refused("this console cannot run the job: " + missing.getMessage());
        }
        long asked = ask(actor, "RERUN_FAILED", runId == null ? null : String.valueOf(runId));
        log.info("Console: {} asked to rerun the FAILED reports{} (action {})", actor,
                runId == null ? "" : " of execution " + runId, asked);
        background.submit(() -> {
            AtomicInteger flagged = new AtomicInteger();
            try {
                Optional<RunReport> report = rerunFailed.rerun(runId, flagged::set);
                if (report.isEmpty()) {
                    answer(asked, "DONE", null, "no report" + (runId == null ? "" : " of execution " + runId)
                            + " has FAILED as its latest outcome without being PENDING already: nothing to rerun, "
                            + "no execution started");
                }
                else {
                    RunReport r = report.get();
                    answer(asked, r.exitCode() == RunReport.FAILED_RESTARTABLE ? "FAILED" : "DONE",
                            r.executionId(), "flagged " + flagged.get() + " FAILED reports again; execution "
                                    + r.executionId() + " ended " + r.status() + " with " + r.processed()
                                    + " requests " + r.counts() + ", exit code " + r.exitCode()
                                    + (r.failure() == null ? "" : ": " + r.failure()));
                }
            }
            catch (ResumeRuns.AlreadyRunningException busy) {
                answer(asked, "FAILED", null, "flagged " + flagged.get() + " FAILED reports again, but "
                        + busy.getMessage() + ": the next run takes them");
            }
            catch (RuntimeException failed) {
                log.error("Console action {} failed", asked, failed);
                answer(asked, "FAILED", null, failed.getClass().getSimpleName() + ": " + failed.getMessage());
            }
        });
        return asked;
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
                        .addValue("execution", executionId, java.sql.Types.BIGINT)
                        // shown to every viewer: an exception's message must not carry a secret there either
                        .addValue("message", Secrets.redact(UntrustedText.oneLine(message))));
    }

    /** Waits for an action in progress (a run stops after its chunk once a stop was asked for). */
    @Override
    public void destroy() throws InterruptedException {
        background.shutdown();
        if (!background.awaitTermination(10, TimeUnit.MINUTES)) {
            log.warn("Console: an action is still running after 10 minutes; leaving it");
        }
    }
}
