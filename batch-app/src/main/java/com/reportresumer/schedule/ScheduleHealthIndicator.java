package com.reportresumer.schedule;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health}'s {@code schedule} component: this instance's role ({@code active} while it runs the job
 * or takes an execution over, {@code standby} otherwise) and its last takeover, if any.
 */
@Component
class ScheduleHealthIndicator implements HealthIndicator {

    private final NightlyRuns nightlyRuns;

    ScheduleHealthIndicator(NightlyRuns nightlyRuns) {
        this.nightlyRuns = nightlyRuns;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up().withDetail("role", nightlyRuns.active() ? "active" : "standby");
        nightlyRuns.lastTakeover().ifPresent(t -> {
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("at", t.at().toString());
            last.put("execution", t.executionId());
            last.put("from", t.from());
            last.put("continuedAs", t.continuedAs());
            last.put("status", t.status());
            health.withDetail("lastTakeover", last);
        });
        return health.build();
    }
}
