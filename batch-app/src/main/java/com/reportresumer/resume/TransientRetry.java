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

    /** One try of a call; {@code number} counts from 1. */
    @FunctionalInterface
    public interface Attempt<T> {
        T attempt(int number) throws InterruptedException;
    }

    /** Calls until it succeeds, fails for good, or has failed transiently {@code max-attempts} times. */
    public <T> T call(Supplier<T> call) throws InterruptedException {
        return call(number -> call.get(), () -> {
        });
    }

    /**
     * The retry loop: tries {@code attempt} until it returns, throws anything but a
     * {@link PartnerCenterException.Transient}, or has thrown one {@code max-attempts} times (the last is rethrown).
     * {@code beforeRetry} runs after each pause, before the next try, and may veto it by throwing.
     */
    public <T> T call(Attempt<T> attempt, Runnable beforeRetry) throws InterruptedException {
        PartnerCenterException.Transient last = null;
        for (int number = 1; number <= properties.maxAttempts(); number++) {
            if (last != null) {
                Thread.sleep(pauseBefore(number, last).toMillis());
                beforeRetry.run();
            }
            try {
                return attempt.attempt(number);
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
