package com.reportresumer.notify;

import com.reportresumer.text.Durations;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells the webhook when no execution has {@code COMPLETED} for {@code resumer.notify.no-success-after}: what a
 * run's own notification cannot say, because the run never started (the timer or the CronJob did not fire, the
 * scheduler was down) or never ended (killed with SIGKILL, its host lost). {@code schedule} keeps this watch while it
 * serves, since it is up anyway; it checks the database every twentieth of the threshold (between 1 s and 1 min).
 * <p>
 * Once per episode: an episode is the time since one successful execution (or, when none ever completed, since the
 * first execution started or the watch began, whichever is earlier), and it is told once, when it passes the
 * threshold, however many checks follow; the next success starts a new one. Kept in memory: a {@code schedule}
 * restarted during an episode tells it again, and each instance of several tells it once.
 * <p>
 * "Successful" is {@code COMPLETED}, exit 0 or 3: the run went through the queue; the reports it did not resume are
 * in its own notification.
 */
@Component
public class NoSuccessWatch {

    private static final Logger log = LoggerFactory.getLogger(NoSuccessWatch.class);
    /** The episode of a database where no execution ever completed. */
    private static final long NEVER = -1;

    private final Webhook webhook;
    private final JdbcTemplate jdbc;
    private final NotifyProperties properties;
    private Long toldFor;

    NoSuccessWatch(Webhook webhook, JdbcTemplate jdbc, NotifyProperties properties) {
        this.webhook = webhook;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** The watch, kept until closed; nothing to close without a webhook or a {@code no-success-after}. */
    public interface Watching extends AutoCloseable {

        @Override
        void close();
    }

    /** Starts watching on a daemon thread of its own, until the answer is closed. */
    public Watching watch() {
        Duration after = properties.noSuccessAfter();
        if (!webhook.configured() || after == null) {
            return () -> {
            };
        }
        Instant began = Instant.now();
        long every = Math.max(1000, Math.min(60_000, after.toMillis() / 20));
        ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "notify-watch");
            thread.setDaemon(true);
            return thread;
        });
        checks.scheduleWithFixedDelay(() -> check(began), every, every, TimeUnit.MILLISECONDS);
        log.info("Watching for no successful run in {} (checked every {})", Durations.age(after.toSeconds()),
                Durations.elapsed(every));
        return checks::shutdownNow;
    }

    private void check(Instant began) {
        try {
            Optional<NoSuccess> due = due(began, Instant.now());
            if (due.isPresent()) {
                long episode = due.get().lastSuccessId() == null ? NEVER : due.get().lastSuccessId();
                if (toldFor == null || toldFor != episode) {
                    toldFor = episode;
                    log.warn("No execution has completed for {}: telling the webhook", Durations.age(
                            due.get().age().toSeconds()));
                    webhook.submit(due::get);
                }
            }
        }
        catch (RuntimeException e) {
            // the database is away, most likely: health says so, and the next check tries again
            log.debug("Could not check for a successful run: {}", e.getClass().getSimpleName());
        }
    }

    /** The notification due at {@code now}: empty while the last success is younger than the threshold. */
    Optional<NoSuccess> due(Instant began, Instant now) {
        List<Object[]> success = jdbc.query("SELECT job_execution_id, end_time FROM batch_job_execution "
                + "WHERE status = 'COMPLETED' AND end_time IS NOT NULL ORDER BY end_time DESC LIMIT 1",
                (rs, row) -> new Object[] { rs.getLong(1), rs.getTimestamp(2) });
        List<Object[]> latest = jdbc.query("SELECT job_execution_id, status FROM batch_job_execution "
                + "ORDER BY job_execution_id DESC LIMIT 1",
                (rs, row) -> new Object[] { rs.getLong(1), rs.getString(2) });
        Long lastSuccessId = success.isEmpty() ? null : (Long) success.get(0)[0];
        Instant since;
        if (lastSuccessId != null) {
            since = ((Timestamp) success.get(0)[1]).toInstant();
        }
        else {
            Timestamp first = jdbc.queryForObject("SELECT min(start_time) FROM batch_job_execution", Timestamp.class);
            since = first != null && first.toInstant().isBefore(began) ? first.toInstant() : began;
        }
        if (Duration.between(since, now).compareTo(properties.noSuccessAfter()) < 0) {
            return Optional.empty();
        }
        Long latestId = latest.isEmpty() ? null : (Long) latest.get(0)[0];
        String latestStatus = latest.isEmpty() ? null : (String) latest.get(0)[1];
        String link = (latestId == null ? properties.runsLink() : properties.runLink(latestId)).orElse(null);
        return Optional.of(new NoSuccess(properties.noSuccessAfter(), since, lastSuccessId, latestId, latestStatus,
                now, link));
    }
}
