package com.reportresumer.resume;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;
import org.springframework.stereotype.Component;

/**
 * Keeps API calls within {@code resumer.job.rate-limit} per second across all threads: calls are spaced at least
 * {@code 1 / rate-limit} apart, and no window of one second ever sees more than {@code rate-limit} of them. Both
 * rules are checked against the times calls really proceed, not the times they were scheduled for: a thread that
 * wakes late (a busy machine) must not bunch its call with the next one's. The spacing and the window have a 5%
 * margin, so that the jitter of the network and of the server's own clock cannot push one call too many into a
 * second as the API counts it. A rate of 0 means no limit.
 */
@Component
class CallPacer {

    private static final double SAFETY_MARGIN = 1.05;

    private final long intervalNanos;
    private final long windowNanos;
    private final int perWindow;
    /** When the last {@code perWindow} calls proceeded, oldest first. */
    private final ArrayDeque<Long> recent = new ArrayDeque<>();
    private long nextSlot;

    CallPacer(ResumeJobProperties properties) {
        double rate = properties.rateLimit();
        this.intervalNanos = rate <= 0 ? 0 : (long) Math.ceil(Duration.ofSeconds(1).toNanos() * SAFETY_MARGIN / rate);
        this.windowNanos = (long) (Duration.ofSeconds(1).toNanos() * SAFETY_MARGIN);
        this.perWindow = Math.max(1, (int) Math.floor(rate));
        this.nextSlot = System.nanoTime(); // nanoTime has an arbitrary origin: start from now, never from 0
    }

    /** Blocks until this caller may make its call. */
    void awaitTurn() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        while (true) {
            long wait;
            synchronized (this) {
                long now = System.nanoTime();
                wait = nextSlot - now;
                if (recent.size() == perWindow) {
                    wait = Math.max(wait, recent.peekFirst() + windowNanos - now);
                }
                if (wait <= 0) {
                    recent.addLast(now);
                    if (recent.size() > perWindow) {
                        recent.removeFirst();
                    }
                    nextSlot = now + intervalNanos;
                    return;
                }
            }
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
