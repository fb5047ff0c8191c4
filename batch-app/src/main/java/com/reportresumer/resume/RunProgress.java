package com.reportresumer.resume;

import com.reportresumer.text.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Follows a run: logs done/total, rate and ETA at most every few seconds, and tells registered watchers (a
 * terminal progress bar) after every chunk.
 */
@Component
public class RunProgress implements StepExecutionListener, ItemWriteListener<ResumeResult> {

    /** Told the run's total at its start and the number of requests done after every chunk. */
    public interface Watcher {

        void started(long total);

        void done(long done);
    }

    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();

    private static final Logger log = LoggerFactory.getLogger(RunProgress.class);
    private static final long EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private final JdbcTemplate jdbc;
    private final AtomicLong written = new AtomicLong();
    private long total;
    private long startedNanos;
    private long lastLogNanos;

    private final JobPace pace;

    RunProgress(JdbcTemplate jdbc, JobPace pace) {
        this.jdbc = jdbc;
        this.pace = pace;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        written.set(0);
        Long pending = jdbc.queryForObject("SELECT count(*) FROM resume_request WHERE status = 'PENDING'", Long.class);
        total = pending == null ? 0 : pending;
        startedNanos = System.nanoTime();
        lastLogNanos = startedNanos;
        log.info("Execution {}: {} requests PENDING", stepExecution.getJobExecutionId(), total);
        watchers.forEach(w -> w.started(total));
    }

    public void watch(Watcher watcher) {
        watchers.add(watcher);
    }

    /** Called on the main thread after each chunk's write (the concurrent step has no chunk callbacks). */
    @Override
    public void afterWrite(Chunk<? extends ResumeResult> results) {
        long now = System.nanoTime();
        long done = written.addAndGet(results.size());
        watchers.forEach(w -> w.done(done));
        if (now - lastLogNanos < EVERY_NANOS) {
            return;
        }
        lastLogNanos = now;
        double seconds = Math.max(1e-3, (now - startedNanos) / 1e9);
        log.info("Progress: {}{}", line(done, total, done / seconds),
                pace.summary().describe().map(throttled -> "; " + throttled).orElse(""));
    }

    /**
     * {@code done/total (p%), r reports/s, ETA t}: the progress log's line, and the console's for a running
     * execution; the ETA at that rate, "unknown" before any report is done.
     */
    public static String line(long done, long total, double ratePerSecond) {
        String eta = ratePerSecond <= 0 ? "unknown"
                : Durations.elapsed((long) Math.ceil(Math.max(0, total - done) / ratePerSecond * 1000));
        return String.format(Locale.ROOT, "%d/%d (%d%%), %.1f reports/s, ETA %s", done, total,
                total == 0 ? 100 : done * 100 / total, ratePerSecond, eta);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        return null;
    }
}
