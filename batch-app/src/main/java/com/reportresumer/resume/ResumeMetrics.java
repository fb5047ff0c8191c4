package com.reportresumer.resume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.batch.core.BatchStatus;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Micrometer meters of the job (Prometheus names in brackets): requests per outcome
 * ({@code resumer_requests_total{outcome}}), API call latency and answers per status
 * ({@code resumer_api_calls_seconds{status}}), runs per final status ({@code resumer_runs_total{status}}) and the
 * last run's count per outcome ({@code resumer_last_run_requests{outcome}}), and the pace ({@link JobPace}): the limit
 * on calls in flight ({@code resumer_pace_limit}) and the call rate after a 429 ({@code resumer_pace_rate}, calls per
 * second, 0 while unlimited). 429s are the API calls with {@code status="429"}. Takeovers of an abandoned execution
 * by a standby {@code schedule} instance: {@code resumer_takeovers_total}.
 * <p>
 * For alerts across instances: when this process's last run ended ({@code resumer_last_run_end_timestamp_seconds},
 * 0 before its first), which says which instance's {@code resumer_last_run_requests} is the latest run's; and when
 * the latest execution of any instance completed ({@code resumer_last_success_timestamp_seconds}, read from the
 * database at each scrape, so a standby and a restarted instance say the same; 0 while none ever completed, NaN
 * while the database cannot be read).
 */
@Component
public class ResumeMetrics {

    private final MeterRegistry registry;
    private final Map<ResumeOutcome, Counter> requests = new EnumMap<>(ResumeOutcome.class);
    private final Map<ResumeOutcome, AtomicLong> lastRun = new EnumMap<>(ResumeOutcome.class);
    /** The call timer of each status seen: looked up once, not built and registered again for every call. */
    private final Map<String, Timer> apiCalls = new ConcurrentHashMap<>();

    private final AtomicLong lastRunEnd = new AtomicLong();
    private final JdbcTemplate jdbc;

    ResumeMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
        this.registry = registry;
        this.jdbc = jdbc;
        Gauge.builder("resumer.last.run.end.timestamp", lastRunEnd, AtomicLong::get).baseUnit("seconds")
                .description("When this process's last run ended (0: none yet)").register(registry);
        Gauge.builder("resumer.last.success.timestamp", this, ResumeMetrics::lastSuccess).baseUnit("seconds")
                .description("When the latest execution that COMPLETED ended, any instance's (0: none yet)")
                .register(registry);
        // every way a run ends counts from 0, so that increase() sees the first FAILED or STOPPED run of a process
        for (BatchStatus ended : List.of(BatchStatus.COMPLETED, BatchStatus.STOPPED, BatchStatus.FAILED)) {
            runs(ended);
        }
        for (ResumeOutcome outcome : ResumeOutcome.values()) {
            requests.put(outcome, Counter.builder("resumer.requests").tag("outcome", outcome.name())
                    .description("Requests processed, by outcome").register(registry));
            lastRun.put(outcome, registry.gauge("resumer.last.run.requests",
                    io.micrometer.core.instrument.Tags.of("outcome", outcome.name()), new AtomicLong()));
        }
    }

    void recorded(ResumeOutcome outcome, int count) {
        requests.get(outcome).increment(count);
    }

    /** One API call and how it ended: an HTTP status, or {@code io} when there was no answer. */
    void apiCall(String status, Duration took) {
        apiCalls.computeIfAbsent(status, answered -> Timer.builder("resumer.api.calls").tag("status", answered)
                .description("Partner Center resume calls").register(registry)).record(took);
    }

    void pace(Supplier<Number> limit, Supplier<Number> rate) {
        Gauge.builder("resumer.pace.limit", limit).description(
                "Limit on resume calls in flight").register(registry);
        Gauge.builder("resumer.pace.rate", rate).description(
                "Resume calls per second the job keeps to after a 429 (0: unlimited)").register(registry);
    }

    void takeover() {
        Counter.builder("resumer.takeovers").description("Executions taken over from an instance that was gone")
                .register(registry).increment();
    }

    void runEnded(RunReport report) {
        runs(report.status()).increment();
        report.counts().forEach((outcome, count) -> lastRun.get(outcome).set(count));
        lastRunEnd.set(Instant.now().getEpochSecond());
    }

    private Counter runs(BatchStatus status) {
        return Counter.builder("resumer.runs").tag("status", status.name()).description("Job executions")
                .register(registry);
    }

    /** The end of the latest COMPLETED execution in epoch seconds, from the database (the JVM's time zone, UTC). */
    private double lastSuccess() {
        try {
            Timestamp end = jdbc.queryForObject("SELECT max(end_time) FROM batch_job_execution "
                    + "WHERE status = 'COMPLETED'", Timestamp.class);
            return end == null ? 0 : end.toInstant().getEpochSecond();
        }
        catch (DataAccessException unreadable) {
            return Double.NaN;
        }
    }
}
