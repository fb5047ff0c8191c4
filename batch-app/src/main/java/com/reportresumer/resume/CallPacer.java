package com.reportresumer.resume;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.springframework.stereotype.Component;

/**
 * Spaces API calls at least {@code 1 / resumer.job.rate-limit} seconds apart across all threads, so no one-second
 * window sees more than the configured number of calls. The spacing has a 5% margin, so that the jitter of the
 * network and of the server's own clock cannot push one call too many into a second as the API counts it. A rate
 * of 0 means no limit.
 */
@Component
class CallPacer {

    private static final double SAFETY_MARGIN = 1.05;

    private final long intervalNanos;
    private long nextSlot;

    CallPacer(ResumeJobProperties properties) {
        this.intervalNanos = properties.rateLimit() <= 0 ? 0
                : (long) Math.ceil(Duration.ofSeconds(1).toNanos() * SAFETY_MARGIN / properties.rateLimit());
    }

    /** Blocks until this caller may make its call. */
    void awaitTurn() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(now, nextSlot);
            nextSlot = slot + intervalNanos;
        }
        long wait;
        while ((wait = slot - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
