package com.reportresumer.sandbox;

/**
 * The server-side limit on API calls per wall-clock second ({@code maxCallsPerSecond}). A fixed window rather than a
 * token bucket on purpose: a client's own limiter is checked against the same per-second counts that
 * {@link SandboxCounters#resumeCallsPerSecond()} reports.
 */
final class RateLimiter {

    private final int maxPerSecond;
    private long second;   // guarded by this
    private int count;     // guarded by this

    /** @param maxPerSecond calls let through per second; 0 or less: no limit */
    RateLimiter(int maxPerSecond) {
        this.maxPerSecond = maxPerSecond;
    }

    /** Counts a call arriving in this epoch second; true when it is over the limit (and so not let through). */
    boolean overLimit(long epochSecond) {
        if (maxPerSecond <= 0) {
            return false;
        }
        synchronized (this) {
            if (epochSecond != second) {
                second = epochSecond;
                count = 0;
            }
            if (count >= maxPerSecond) {
                return true;
            }
            count++;
            return false;
        }
    }
}
