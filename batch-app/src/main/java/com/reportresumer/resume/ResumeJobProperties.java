package com.reportresumer.resume;

import com.reportresumer.partnercenter.InvalidConfigurationException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the resume job runs ({@code resumer.job.*}). {@code throttle-patience}: how long the job goes on trying while
 * every call is answered 429 before a throttled report ends {@code FAILED} ({@link Throttling}).
 */
@Validated
@ConfigurationProperties("resumer.job")
public record ResumeJobProperties(
        @DefaultValue("50") @Min(1) @Max(10_000) int chunkSize,
        @DefaultValue("8") @Min(1) @Max(256) int concurrency,
        @DefaultValue("4") @Min(1) @Max(100) int maxAttempts,
        @DefaultValue @Valid @NotNull Backoff backoff,
        @DefaultValue("0") @DecimalMin("0") double rateLimit,
        @DefaultValue("20") @Min(1) int outageAfter,
        @DefaultValue("30s") @NotNull Duration lease,
        @DefaultValue("15m") @NotNull Duration throttlePatience) {

    public ResumeJobProperties {
        if (lease != null && lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidConfigurationException("resumer.job.lease must be at least 1s (was " + lease + ")");
        }
        if (throttlePatience != null && throttlePatience.isNegative()) {
            throw new InvalidConfigurationException("resumer.job.throttle-patience must not be negative (was "
                    + throttlePatience + ")");
        }
    }

    /** Exponential back-off between tries of one report; a {@code Retry-After} header wins, up to {@code max}. */
    public record Backoff(
            @DefaultValue("500ms") @NotNull Duration initial,
            @DefaultValue("2") @DecimalMin("1.0") double multiplier,
            @DefaultValue("30s") @NotNull Duration max) {

        /** The pause before try number {@code nextAttempt} (2 for the first retry), without jitter. */
        public Duration delayBefore(int nextAttempt) {
            double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, nextAttempt - 2));
            return Duration.ofMillis((long) Math.min(millis, max.toMillis()));
        }

        /** What the server asked for, capped at {@code max} so a chunk never holds its transaction for long. */
        public Duration honour(Duration retryAfter) {
            return retryAfter.compareTo(max) > 0 ? max : retryAfter;
        }
    }
}
