package com.reportresumer.resume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Micrometer meters of the job (Prometheus names in brackets): requests per outcome
 * ({@code resumer_requests_total{outcome}}), API call latency and answers per status
 * ({@code resumer_api_calls_seconds{status}}), runs per final status ({@code resumer_runs_total{status}}) and the
 * last run's count per outcome ({@code resumer_last_run_requests{outcome}}), and the pace ({@link JobPace}): the limit
 * on calls in flight ({@code resumer_pace_limit}) and the call rate after a 429 ({@code resumer_pace_rate}, calls per
 * second, 0 while unlimited). 429s are the API calls with {@code status="429"}. Takeovers of an abandoned execution
 * by a standby {@code schedule} instance: {@code resumer_takeovers_total}.
 */
@Component
public class ResumeMetrics {

    private final MeterRegistry registry;
    private final Map<ResumeOutcome, Counter> requests = new EnumMap<>(ResumeOutcome.class);
    private final Map<ResumeOutcome, AtomicLong> lastRun = new EnumMap<>(ResumeOutcome.class);

    ResumeMetrics(MeterRegistry registry) {
        this.registry = registry;
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
        Timer.builder("resumer.api.calls").tag("status", status).description("Partner Center resume calls")
                .register(registry).record(took);
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
        Counter.builder("resumer.runs").tag("status", report.status().name()).description("Job executions")
                .register(registry).increment();
        report.counts().forEach((outcome, count) -> lastRun.get(outcome).set(count));
    }
}
