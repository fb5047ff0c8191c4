package com.reportresumer.schedule;

import com.reportresumer.partnercenter.InvalidConfigurationException;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;

/**
 * When {@code schedule} runs the job ({@code resumer.schedule.*}): a Spring cron expression in a time zone; and
 * {@code takeover-after}, how long an execution's lease may go unrenewed before a standby instance takes it over
 * (at least {@code resumer.job.lease}: the owner stops by itself at that age). Standbys look every sixth of it.
 */
@ConfigurationProperties("resumer.schedule")
public record ScheduleProperties(@DefaultValue("0 0 2 * * *") String cron, @DefaultValue("UTC") ZoneId zone,
        @DefaultValue("60s") Duration takeoverAfter) {

    public ScheduleProperties {
        if (takeoverAfter != null && takeoverAfter.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidConfigurationException("resumer.schedule.takeover-after must be at least 1s (was "
                    + takeoverAfter + ")");
        }
        if (!CronExpression.isValidExpression(cron)) {
            throw new InvalidConfigurationException("resumer.schedule.cron is not a cron expression (second minute "
                    + "hour day month weekday, e.g. '0 0 2 * * *'): '" + cron + "'");
        }
    }

    /** How often a standby looks for an execution to take over. */
    public Duration takeoverCheck() {
        return Duration.ofMillis(Math.max(200, takeoverAfter.toMillis() / 6));
    }

    public CronExpression expression() {
        return CronExpression.parse(cron);
    }
}
