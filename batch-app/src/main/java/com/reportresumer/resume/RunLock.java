package com.reportresumer.resume;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One run at a time across every instance that shares the database: a PostgreSQL session advisory lock, held on a
 * dedicated connection for the whole run, and a lease row ({@code run_owner}) that says who runs which execution.
 * <p>
 * A session lock is released the moment its connection closes, and nothing tells the holder: an
 * {@code idle_session_timeout}, a failover, a TCP reset or a pooler can take the lock away while the run goes on,
 * and a second run could then take it and start calling the API too. So the holder checks, on the lock's own
 * connection, that its backend still holds the lock: before every chunk is written ({@link #requireHeld()}) and
 * every {@code lease / 6} in between, renewing its lease as it does. The first failed check marks the lock lost:
 * no call starts or is retried, no chunk is committed, and the execution ends {@code FAILED}, restartable. Its
 * lease row is deleted only once its last call has returned.
 * <p>
 * The lease is what a second instance, having taken the lock, looks at before it recovers an execution left
 * {@code STARTED} ({@link ResumeRuns}): it recovers it only once the owner is provably gone. The guarantees hold for
 * a session-mode connection; a transaction-mode pooler (PgBouncer {@code pool_mode=transaction}) cannot carry a
 * session lock and is not supported.
 */
@Component
public class RunLock {

    private static final Logger log = LoggerFactory.getLogger(RunLock.class);

    /** The advisory lock key: "resumer" in ASCII. */
    static final long KEY = 0x726573756d6572L;

    /** Whether this backend holds the lock (pg_locks splits a bigint key into classid and objid). */
    private static final String HOLDS_LOCK = """
            EXISTS (SELECT 1 FROM pg_locks
                     WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
                       AND classid = ((%d >> 32) & 4294967295)::oid AND objid = (%d & 4294967295)::oid
                       AND objsubid = 1)""".formatted(KEY, KEY);

    /** The fence of every renewal: the lease of execution ?, of this owner (host ?, pid ?), younger than ? seconds. */
    private static final String OWN_FRESH_LEASE = """
            WHERE job_execution_id = ? AND owner_host = ? AND owner_pid = ?
              AND heartbeat_at > clock_timestamp() - make_interval(secs => ?)""";

    /**
     * The lease of execution ? renewed, if it is still this owner's (host ?, pid ?) and younger than ? seconds: an
     * owner whose lease has expired (it was frozen, or cut off) may have been taken over, and must stop. The clock is
     * the statement's, not the transaction's ({@code now()}): a chunk's transaction may have begun long before.
     */
    private static final String RENEW_OWN_LEASE = "UPDATE run_owner SET heartbeat_at = clock_timestamp() "
            + OWN_FRESH_LEASE;

    /**
     * On the lock's connection: whether it still holds the lock, whether it renewed its lease (if it does), and who
     * asked for the execution to stop, if anyone did ({@link StopRequests}).
     */
    private static final String VERIFY_AND_RENEW = "WITH held AS (SELECT " + HOLDS_LOCK + " AS held), "
            + "renewed AS (" + RENEW_OWN_LEASE + " AND (SELECT held FROM held) RETURNING stop_requested_by) "
            + "SELECT (SELECT held FROM held), EXISTS (SELECT 1 FROM renewed), "
            + "(SELECT stop_requested_by FROM renewed)";

    /**
     * In a chunk's transaction: {@link #RENEW_OWN_LEASE} that also records the pace so far (answers, 429s) for the
     * console, and tells who asked for a stop.
     */
    private static final String RENEW_OWN_LEASE_IN_CHUNK = "UPDATE run_owner SET heartbeat_at = clock_timestamp(), "
            + "answers = ?, throttled_answers = ? " + OWN_FRESH_LEASE + " RETURNING stop_requested_by";

    /**
     * The executions this JVM runs now, by database and ID: tests run several command lines in one JVM, each on a
     * database of its own whose execution IDs start at 1 again.
     */
    private static final Set<String> RUNNING_HERE = ConcurrentHashMap.newKeySet();

    private final DataSource dataSource;
    private final Duration lease;
    private final GracefulStop gracefulStop;
    private volatile Held current;
    /** Which database this is (its JDBC URL), learnt once while it answers: the first half of a RUNNING_HERE key. */
    private volatile String databaseKey;

    RunLock(DataSource dataSource, ResumeJobProperties properties, GracefulStop gracefulStop) {
        this.dataSource = dataSource;
        this.lease = properties.lease();
        this.gracefulStop = gracefulStop;
    }

    /** This process, as a lease names it. */
    public record Owner(String host, long pid, Instant startedAt) {

        static final Owner THIS_PROCESS = new Owner(hostName(), ProcessHandle.current().pid(),
                ProcessHandle.current().info().startInstant().orElse(null));

        /**
         * The {@code application_name} of every database session of this owner ({@link OwnerSessions}): what a
         * successor names to cut them all. At most 63 characters, PostgreSQL's limit.
         */
        String sessionName() {
            String name = "report-resumer " + pid + "@" + host;
            return name.length() <= 63 ? name : name.substring(0, 63);
        }

        /**
         * Whether this owner is provably gone: this very process, not running the execution any more
         * ({@code runningHere} false), or a process on this host that no longer exists (or is another one with a
         * reused pid).
         */
        boolean provablyGone(boolean runningHere) {
            if (!host.equals(THIS_PROCESS.host())) {
                return false;
            }
            if (pid == THIS_PROCESS.pid()) {
                return !runningHere;
            }
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty() || !process.get().isAlive()) {
                return true;
            }
            Optional<Instant> started = process.get().info().startInstant();
            return startedAt != null && started.isPresent()
                    && Duration.between(started.get(), startedAt).abs().toMillis() > 1000;
        }

        @Override
        public String toString() {
            return host + "/" + pid;
        }

        private static String hostName() {
            try {
                return InetAddress.getLocalHost().getHostName();
            }
            catch (UnknownHostException e) {
                return "unknown-host";
            }
        }
    }

    /** The run lock was lost while a run was going on. */
    public static class LostException extends RuntimeException {

        LostException(String message) {
            super(message, null, false, false);
        }
    }

    /** The lock, or empty when another execution holds it. */
    public Optional<Held> tryAcquire() {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        // a check on a connection that silently stopped answering must not hang the run
                        connection.setNetworkTimeout(Runnable::run,
                                (int) Math.max(5000, Math.min(Integer.MAX_VALUE, lease.toMillis() / 2)));
                        Held held = new Held(connection);
                        connection = null;
                        current = held;
                        return Optional.of(held);
                    }
                    return Optional.empty();
                }
            }
        }
        catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot take the run lock: " + e.getMessage(), e);
        }
        finally {
            closeQuietly(connection);
        }
    }

    /**
     * Checks, on the lock's connection, that the lock is still held; called before a chunk is committed.
     *
     * @throws LostException when it is not (or no lock is held at all)
     */
    void requireHeld() {
        Held held = current;
        if (held == null) {
            throw new LostException("the resume job runs only under the run lock, and none is held");
        }
        held.verify();
    }

    /** Whether the lock of the run in progress has been found lost: no call may start or be retried. */
    boolean lost() {
        Held held = current;
        return held != null && held.lostBecause != null;
    }

    /**
     * Throws, with the reason, once the lock has been found lost (by a chunk's check or the watch); unlike
     * {@link #requireHeld()}, asks the database nothing.
     */
    void requireNotLost() {
        Held held = current;
        if (held != null && held.lostBecause != null) {
            throw new LostException(held.lostBecause);
        }
    }

    /**
     * Fences in the chunk's own transaction: renews the lease of {@code executionId} as part of the chunk, and throws
     * when it is no longer this owner's or has expired, so that the chunk is rolled back. An owner frozen after the
     * lock's check commits nothing once a successor may be running: the successor has taken the lease (or cut this
     * owner's sessions, and with them the transaction) first.
     */
    void requireOwnLeaseInTransaction(JdbcTemplate jdbc, long executionId, JobPace.Summary pace) {
        List<String> stopAskedBy = jdbc.queryForList(RENEW_OWN_LEASE_IN_CHUNK, String.class, pace.answers(),
                pace.throttledAnswers(), executionId, Owner.THIS_PROCESS.host(), Owner.THIS_PROCESS.pid(),
                lease.toMillis() / 1000.0);
        if (stopAskedBy.size() == 1 && stopAskedBy.get(0) != null) {
            gracefulStop.stopExecution(executionId, stopAskedBy.get(0));
        }
        if (stopAskedBy.size() != 1) {
            Held held = current;
            String why = "its lease of execution " + executionId + " expired or was taken over";
            if (held != null) {
                held.lose(why);
                throw new LostException(held.lostBecause);
            }
            throw new LostException("The run lock was lost (" + why + ")");
        }
    }

    /**
     * Refuses a new call once this owner's lease may have expired by its own clock: the last renewal it saw began
     * longer than {@code resumer.job.lease} ago (a process that was frozen, whose watch has not run since it woke).
     * A successor takes over only when the database has seen the lease that old, so no call of this owner starts
     * after a successor may have. A call that passed this check just before the process froze is sent as it wakes:
     * at most one per caller, a resume the successor makes too (resuming is idempotent), whose answer is never
     * committed (the chunk's own fence, {@link #requireOwnLeaseInTransaction}).
     */
    void requireFreshLease() {
        Held held = current;
        if (held == null) {
            return;
        }
        held.requireFresh();
    }

    /**
     * Cuts every database session of {@code owner} (its run lock's and any open transaction): it has not renewed its
     * lease for longer than a successor waits, so it is dead or frozen, and a frozen one must find nothing of its
     * own left when it wakes. Returns how many sessions were ended.
     */
    int cutSessionsOf(Owner owner) {
        if (owner.equals(Owner.THIS_PROCESS)) {
            return 0;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
                 WHERE application_name = ? AND pid <> pg_backend_pid()""")) {
            ps.setString(1, owner.sessionName());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
        catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot end the sessions of " + owner + ": "
                    + e.getMessage(), e);
        }
    }

    /** Whether {@code owner} renews the lease of some execution now: it is alive and running one. */
    boolean ownerActive(Owner owner) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM run_owner WHERE owner_host = ? AND owner_pid = ?
                                  AND heartbeat_at > now() - make_interval(secs => ?))""")) {
            ps.setString(1, owner.host());
            ps.setLong(2, owner.pid());
            ps.setDouble(3, lease.toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
        catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot read the leases: " + e.getMessage(), e);
        }
    }

    /** Whether {@code owner}, named by the lease of {@code executionId}, is provably gone. */
    boolean ownerGone(Owner owner, long executionId) {
        return owner.provablyGone(RUNNING_HERE.contains(key(executionId)));
    }

    private String key(long executionId) {
        String database = databaseKey;
        if (database == null) {
            database = "";
            if (dataSource != null) {
                try (Connection c = dataSource.getConnection()) {
                    database = c.getMetaData().getURL();
                    databaseKey = database;
                }
                catch (SQLException e) {
                    // only while the database is away, and then only for this call: the key is learnt at own()
                    database = "unknown";
                }
            }
        }
        return database + "#" + executionId;
    }

    /** Records that this process owns {@code executionId} and starts renewing the lease. */
    void own(long executionId) {
        RUNNING_HERE.add(key(executionId));
        Held held = current;
        if (held != null) {
            held.own(executionId);
        }
    }

    /**
     * This process runs {@code executionId} no more; its lease, if the database could not be told, expires by itself.
     * From here on a run of this same process (a later {@code schedule} run, say) sees the execution's owner gone.
     */
    void stoppedRunning(long executionId) {
        RUNNING_HERE.remove(key(executionId));
    }

    /**
     * Ends the lease of {@code executionId}: its owner has finished with it, and no call is in flight. Tried twice:
     * after the database cut its connections, the pool may hand out one that is already dead once, and a lease left
     * behind makes the next run on another host wait for it to expire.
     */
    void disown(long executionId) {
        stoppedRunning(executionId);
        Held held = current;
        if (held != null) {
            held.disowned(executionId); // the watch renews nothing from here on: the lease is about to go
        }
        for (int attempt = 1; attempt <= 2; attempt++) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("DELETE FROM run_owner WHERE job_execution_id = ?")) {
                ps.setLong(1, executionId);
                ps.executeUpdate();
                return;
            }
            catch (SQLException e) {
                // on the second failure the database is gone: the lease expires by itself
                log.debug("Could not end the lease of execution {} (try {}): {}", executionId, attempt,
                        e.getMessage());
            }
        }
    }

    /** The lease of an execution: who owns it, and whether they renewed it within {@code resumer.job.lease}. */
    record Lease(Owner owner, boolean fresh, long ageMillis) {
    }

    /** The lease of {@code executionId}, if it has one. */
    Optional<Lease> leaseOf(long executionId) {
        String sql = """
                SELECT owner_host, owner_pid, owner_started_at,
                       (extract(epoch FROM now() - heartbeat_at) * 1000)::bigint AS age_ms
                  FROM run_owner WHERE job_execution_id = ?""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, executionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp started = rs.getTimestamp("owner_started_at");
                long age = rs.getLong("age_ms");
                return Optional.of(new Lease(new Owner(rs.getString("owner_host"), rs.getLong("owner_pid"),
                        started == null ? null : started.toInstant()), age < lease.toMillis(), age));
            }
        }
        catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot read the lease of execution " + executionId + ": "
                    + e.getMessage(), e);
        }
    }

    Duration lease() {
        return lease;
    }

    /** The held lock; closing it releases the lock and returns the connection. */
    public final class Held implements AutoCloseable {

        private final Connection connection;
        private final ScheduledExecutorService watch;
        private volatile String lostBecause;
        private volatile Long executionId;
        /** When the last renewal of the lease that succeeded was sent ({@link System#nanoTime()}). */
        private volatile long renewedAt;

        private Held(Connection connection) {
            this.connection = connection;
            this.watch = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "run-lock-watch");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(100, lease.toMillis() / 6);
            watch.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        }

        private synchronized void own(long id) {
            executionId = id;
            renewedAt = System.nanoTime();
            Owner me = Owner.THIS_PROCESS;
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO run_owner (job_execution_id, owner_host, owner_pid, owner_started_at)
                    VALUES (?, ?, ?, ?)
                    ON CONFLICT (job_execution_id) DO UPDATE
                       SET owner_host = excluded.owner_host, owner_pid = excluded.owner_pid,
                           owner_started_at = excluded.owner_started_at, heartbeat_at = now(),
                           stop_requested_at = NULL, stop_requested_by = NULL, answers = NULL,
                           throttled_answers = NULL""")) {
                ps.setLong(1, id);
                ps.setString(2, me.host());
                ps.setLong(3, me.pid());
                ps.setTimestamp(4, me.startedAt() == null ? null : Timestamp.from(me.startedAt()));
                ps.executeUpdate();
            }
            catch (SQLException e) {
                lose("its connection failed (" + e.getMessage() + ")");
                throw new LostException(lostBecause);
            }
        }

        private synchronized void disowned(long id) {
            if (executionId != null && executionId == id) {
                executionId = null;
            }
        }

        private void renew() {
            if (lostBecause != null) {
                renewWhileDraining();
                return;
            }
            try {
                verify();
            }
            catch (LostException | DataAccessResourceFailureException e) {
                // recorded in lostBecause; the step stops at its next call or chunk
            }
        }

        /**
         * Once the lock is lost, the lease still says "alive, calls in flight" until they have returned and the
         * lease is given up: another instance must not take over meanwhile. Renewed through the pool, as the lock's
         * connection is gone; a process that cannot reach the database any more lets it expire.
         */
        private void renewWhileDraining() {
            Long id = executionId;
            if (id == null) {
                return;
            }
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement(
                            "UPDATE run_owner SET heartbeat_at = now() WHERE job_execution_id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            catch (SQLException e) {
                log.debug("Could not renew the lease of execution {} while its calls return: {}", id,
                        e.getMessage());
            }
        }

        /** One round trip on the lock's connection: the lock is still ours (and the lease renewed). */
        private synchronized void verify() {
            if (lostBecause != null) {
                throw new LostException(lostBecause);
            }
            Long id = executionId;
            long sent = System.nanoTime();
            try (PreparedStatement ps = connection.prepareStatement(VERIFY_AND_RENEW)) {
                ps.setObject(1, id, Types.BIGINT); // null before the execution exists: nothing to renew
                ps.setString(2, Owner.THIS_PROCESS.host());
                ps.setLong(3, Owner.THIS_PROCESS.pid());
                ps.setDouble(4, lease.toMillis() / 1000.0);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        lose("its database session no longer holds it");
                    }
                    else if (id != null && !rs.getBoolean(2)) {
                        lose("its lease of execution " + id + " expired or was taken over: was this process frozen?");
                    }
                    else {
                        renewedAt = sent;
                        String stopAskedBy = rs.getString(3);
                        if (id != null && stopAskedBy != null) {
                            gracefulStop.stopExecution(id, stopAskedBy);
                        }
                    }
                }
            }
            catch (SQLException e) {
                lose("its database connection failed: " + e.getMessage());
            }
            if (lostBecause != null) {
                throw new LostException(lostBecause);
            }
        }

        private void requireFresh() {
            if (lostBecause != null) {
                throw new LostException(lostBecause);
            }
            // whether or not the execution is still owned: the job may have ended (disowned) while a call of it was
            // still retrying, and a process that woke from a freeze must not send that call either
            long renewed = renewedAt;
            long age = System.nanoTime() - renewed;
            if (renewed != 0 && age > lease.toNanos()) {
                lose("its lease was last renewed " + age / 1_000_000 + " ms ago, longer than resumer.job.lease: was "
                        + "this process frozen?");
                throw new LostException(lostBecause);
            }
        }

        private void lose(String why) {
            if (lostBecause == null) {
                lostBecause = "The run lock was lost (" + why + "): no more calls and nothing more committed; "
                        + "`restart` continues the requests still PENDING";
                log.warn("{}", lostBecause);
            }
        }

        @Override
        public void close() {
            watch.shutdownNow();
            current = null;
            synchronized (this) {
                try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    ps.setLong(1, KEY);
                    ps.execute();
                }
                catch (SQLException e) {
                    // the connection is gone, and with it the session lock
                }
                finally {
                    closeQuietly(connection);
                }
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            }
            catch (SQLException ignored) {
                // nothing more to do
            }
        }
    }
}
