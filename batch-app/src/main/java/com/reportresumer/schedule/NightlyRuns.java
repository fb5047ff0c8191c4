package com.reportresumer.schedule;

import com.reportresumer.partnercenter.InvalidConfigurationException;
import com.reportresumer.resume.GracefulStop;
import com.reportresumer.resume.ResumeJobProperties;
import com.reportresumer.resume.ResumeRuns;
import com.reportresumer.resume.RunReport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the job at every fire time of {@code resumer.schedule.cron} until asked to stop, and in between stands by:
 * every {@code takeover-after / 6} it looks for an execution whose owner has not renewed its lease for
 * {@code takeover-after} (an instance that died or froze mid-run) and, if it finds one, continues it
 * ({@link ResumeRuns#takeOverAbandoned}). Never two runs at once, even across instances: each run and each takeover
 * takes the same database lock as {@code run}; a fire time that finds it taken is skipped with a warning, and of
 * several standbys exactly one takes an execution over.
 */
@Component
public class NightlyRuns {

    private static final Logger log = LoggerFactory.getLogger(NightlyRuns.class);

    private final ScheduleProperties schedule;
    private final ResumeRuns runs;
    private final GracefulStop stop;
    private final AtomicBoolean active = new AtomicBoolean();
    private final AtomicReference<TakenOver> lastTakeover = new AtomicReference<>();

    private final ResumeJobProperties job;

    NightlyRuns(ScheduleProperties schedule, ResumeRuns runs, GracefulStop stop, ResumeJobProperties job) {
        this.schedule = schedule;
        this.runs = runs;
        this.stop = stop;
        this.job = job;
    }

    /** The last takeover by this instance: when, which execution, from which instance, continued as which. */
    public record TakenOver(Instant at, long executionId, String from, long continuedAs, String status) {
    }

    /** Whether this instance is running the job now (else it stands by). */
    public boolean active() {
        return active.get();
    }

    public Optional<TakenOver> lastTakeover() {
        return Optional.ofNullable(lastTakeover.get());
    }

    /** Serves until a stop is requested; returns the exit code of the last run (0 when none ran). */
    public int serve() throws InterruptedException {
        if (schedule.takeoverAfter().compareTo(job.lease()) < 0) {
            throw new InvalidConfigurationException("resumer.schedule.takeover-after (" + schedule.takeoverAfter()
                    + ") must be at least resumer.job.lease (" + job.lease() + "): an owner stops by itself only "
                    + "once its lease is that old");
        }
        int lastExit = 0;
        while (!stop.isRequested()) {
            ZonedDateTime now = ZonedDateTime.now(schedule.zone());
            ZonedDateTime next = schedule.expression().next(now);
            if (next == null) {
                log.warn("resumer.schedule.cron '{}' never fires again; stopping", schedule.cron());
                return lastExit;
            }
            log.info("Next run at {} ({} from now)", next, Duration.between(now, next).withNanos(0));
            Integer exit = standByUntil(next);
            if (exit != null) {
                lastExit = exit;
                continue;
            }
            if (stop.isRequested()) {
                break;
            }
            active.set(true);
            try {
                RunReport report = runs.run();
                lastExit = report.exitCode();
                log.info("Scheduled run: execution {} ended {} with {} requests ({}), exit code {}",
                        report.executionId(), report.status(), report.processed(), report.counts(), lastExit);
            }
            catch (ResumeRuns.AlreadyRunningException busy) {
                log.warn("Skipped the run due at {}: {}", next, busy.getMessage());
            }
            catch (RuntimeException failed) {
                lastExit = 1;
                log.error("The run due at {} failed: {}", next, failed.getMessage());
            }
            finally {
                active.set(false);
            }
        }
        log.info("Schedule stopped");
        return lastExit;
    }

    /**
     * Waits for {@code next}, looking for an execution to take over every check interval; the exit code of a
     * takeover's run when one happened (the schedule then computes its next fire time again), else null.
     */
    private Integer standByUntil(ZonedDateTime next) throws InterruptedException {
        while (true) {
            long untilNext = Duration.between(ZonedDateTime.now(schedule.zone()), next).toMillis();
            if (untilNext <= 0) {
                return null;
            }
            if (stop.awaitRequest(Math.min(untilNext, schedule.takeoverCheck().toMillis()))) {
                return null;
            }
            Optional<ResumeRuns.Takeover> takeover;
            active.set(true);
            try {
                takeover = runs.takeOverAbandoned(schedule.takeoverAfter());
            }
            catch (RuntimeException failed) {
                log.warn("Could not look for an execution to take over: {}", failed.getMessage());
                continue;
            }
            finally {
                active.set(false);
            }
            if (takeover.isPresent()) {
                RunReport report = takeover.get().report();
                lastTakeover.set(new TakenOver(Instant.now(), takeover.get().executionId(), takeover.get().from(),
                        report.executionId(), report.status().name()));
                log.warn("Took over execution {} from {}: continued as execution {}, which ended {} with {} requests "
                        + "({}), exit code {}", takeover.get().executionId(), takeover.get().from(),
                        report.executionId(), report.status(), report.processed(), report.counts(), report.exitCode());
                return report.exitCode();
            }
        }
    }
}
