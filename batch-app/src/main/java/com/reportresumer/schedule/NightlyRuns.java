package com.reportresumer.schedule;

import com.reportresumer.resume.GracefulStop;
import com.reportresumer.resume.ResumeRuns;
import com.reportresumer.resume.RunReport;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the job at every fire time of {@code resumer.schedule.cron} until asked to stop. Never two at once, even
 * across instances: each run takes the same database lock as {@code run}, and a fire time that finds it taken is
 * skipped with a warning.
 */
@Component
public class NightlyRuns {

    private static final Logger log = LoggerFactory.getLogger(NightlyRuns.class);

    private final ScheduleProperties schedule;
    private final ResumeRuns runs;
    private final GracefulStop stop;

    NightlyRuns(ScheduleProperties schedule, ResumeRuns runs, GracefulStop stop) {
        this.schedule = schedule;
        this.runs = runs;
        this.stop = stop;
    }

    /** Serves until a stop is requested; returns the exit code of the last run (0 when none ran). */
    public int serve() throws InterruptedException {
        int lastExit = 0;
        while (!stop.isRequested()) {
            ZonedDateTime now = ZonedDateTime.now(schedule.zone());
            ZonedDateTime next = schedule.expression().next(now);
            if (next == null) {
                log.warn("resumer.schedule.cron '{}' never fires again; stopping", schedule.cron());
                return lastExit;
            }
            log.info("Next run at {} ({} from now)", next, Duration.between(now, next).withNanos(0));
            if (stop.awaitRequest(Duration.between(ZonedDateTime.now(schedule.zone()), next).toMillis())) {
                break;
            }
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
        }
        log.info("Schedule stopped");
        return lastExit;
    }
}
