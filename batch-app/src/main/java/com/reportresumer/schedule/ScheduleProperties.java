package com.reportresumer.schedule;

import com.reportresumer.partnercenter.InvalidConfigurationException;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;

/** When {@code schedule} runs the job ({@code resumer.schedule.*}): a Spring cron expression in a time zone. */
@ConfigurationProperties("resumer.schedule")
public record ScheduleProperties(@DefaultValue("0 0 2 * * *") String cron, @DefaultValue("UTC") ZoneId zone) {

    public ScheduleProperties {
        if (!CronExpression.isValidExpression(cron)) {
            throw new InvalidConfigurationException("resumer.schedule.cron is not a cron expression (second minute "
                    + "hour day month weekday, e.g. '0 0 2 * * *'): '" + cron + "'");
        }
    }

    public CronExpression expression() {
        return CronExpression.parse(cron);
    }
}
