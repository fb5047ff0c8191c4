package com.reportresumer.resume;

import com.reportresumer.text.UntrustedText;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Asks a running execution to stop gracefully from any process that reaches the database ({@code stop}, the
 * console): the request is written on the execution's lease ({@code run_owner}), where its owner reads it the next
 * time it renews the lease, after its chunk or within a sixth of {@code resumer.job.lease}. The owner then starts no
 * new call, lets the calls in flight return, commits them and ends the execution {@code STOPPED}: restartable, and
 * nothing is called twice. Not SIGTERM, which ends the whole process (a {@code schedule} too): this stops one
 * execution, wherever it runs.
 */
@Component
public class StopRequests {

    /** How a request to stop went. */
    public sealed interface Answer {
    }

    /** Written: the owner stops the execution after its calls in flight. */
    public record Asked(long executionId, String owner) implements Answer {
    }

    /** Someone asked already, and the owner is stopping it. */
    public record AlreadyAsked(long executionId, String by, OffsetDateTime at) implements Answer {
    }

    /** Nothing to stop: no execution runs now, or not the one named. */
    public record NotRunning(String why) implements Answer {
    }

    private final JdbcTemplate jdbc;
    /** {@code resumer.job.lease}: a lease renewed longer ago has no owner left to read a request. */
    private final Duration leaseLength;

    StopRequests(JdbcTemplate jdbc, ResumeJobProperties job) {
        this.jdbc = jdbc;
        this.leaseLength = job.lease();
    }

    /**
     * Asks execution {@code executionId} (the one running now, when null) to stop; {@code by} is who asks. Only an
     * execution with a lease can be asked: one left {@code STARTED} by a process that is gone has nobody to stop it
     * ({@code restart} recovers it).
     */
    public Answer ask(Long executionId, String by) {
        String asker = by == null ? "" : UntrustedText.oneLine(by).strip();
        if (asker.isEmpty()) {
            throw new IllegalArgumentException("who asks for the stop must be given");
        }
        record Lease(long executionId, String owner, String stopBy, OffsetDateTime stopAt, boolean fresh) {
        }
        List<Lease> leases = jdbc.query("""
                SELECT job_execution_id, owner_host, owner_pid, stop_requested_by, stop_requested_at,
                       heartbeat_at > now() - make_interval(secs => ?) AS fresh
                  FROM run_owner WHERE ?::bigint IS NULL OR job_execution_id = ?
                 ORDER BY job_execution_id DESC""", (rs, i) -> new Lease(rs.getLong(1),
                new RunLock.Owner(rs.getString(2), rs.getLong(3), null).toString(), rs.getString(4),
                rs.getObject(5, OffsetDateTime.class), rs.getBoolean(6)),
                leaseLength.toMillis() / 1000.0,
                executionId, executionId);
        if (leases.isEmpty()) {
            return new NotRunning(executionId == null ? "no execution is running"
                    : "execution " + executionId + " is not running (only a running execution can be stopped)");
        }
        Lease lease = leases.get(0);
        if (!lease.fresh()) {
            // nobody would read the request: a standby takes the execution over, or `restart` recovers it
            return new NotRunning("execution " + lease.executionId() + " has not been renewed by its owner, "
                    + lease.owner() + ", within resumer.job.lease: it is not running any more (a standby instance "
                    + "takes it over, or `restart` continues it); there is nothing to stop");
        }
        if (lease.stopBy() != null) {
            return new AlreadyAsked(lease.executionId(), lease.stopBy(), lease.stopAt());
        }
        int asked = jdbc.update("""
                UPDATE run_owner SET stop_requested_at = now(), stop_requested_by = ?
                 WHERE job_execution_id = ? AND stop_requested_at IS NULL""", asker, lease.executionId());
        if (asked == 0) {
            // it ended, or somebody else asked, in between: asked again, it answers which (once: a lease row goes
            // once, and a stop is written once)
            return ask(lease.executionId(), asker);
        }
        return new Asked(lease.executionId(), lease.owner());
    }
}
