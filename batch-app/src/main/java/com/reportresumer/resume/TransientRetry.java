package com.reportresumer.resume;

import com.reportresumer.partnercenter.PartnerCenterException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The one retry policy of the application: up to {@code resumer.job.max-attempts} tries for transient failures,
 * exponential back-off with ±20% jitter between them, a {@code Retry-After} header winning (capped at
 * {@code backoff.max}).
 */
@Component
public class TransientRetry {

    private final ResumeJobProperties properties;

    TransientRetry(ResumeJobProperties properties) {
        this.properties = properties;
    }

    int maxAttempts() {
        return properties.maxAttempts();
    }

    /** Calls until it succeeds, fails for good, or has failed transiently {@code max-attempts} times. */
    public <T> T call(Supplier<T> call) throws InterruptedException {
        PartnerCenterException.Transient last = null;
        for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
            if (last != null) {
                Thread.sleep(pauseBefore(attempt, last).toMillis());
            }
            try {
                return call.get();
            }
            catch (PartnerCenterException.Transient failure) {
                last = failure;
            }
        }
        throw last;
    }

    /** How long to wait before try number {@code attempt} after {@code failure}. */
    Duration pauseBefore(int attempt, PartnerCenterException.Transient failure) {
        ResumeJobProperties.Backoff backoff = properties.backoff();
        if (failure.retryAfter() != null) {
            return backoff.honour(failure.retryAfter());
        }
        long millis = backoff.delayBefore(attempt).toMillis();
        long jitter = millis / 5;
        return Duration.ofMillis(jitter == 0 ? millis
                : millis - jitter + ThreadLocalRandom.current().nextLong(2 * jitter + 1));
    }
}
