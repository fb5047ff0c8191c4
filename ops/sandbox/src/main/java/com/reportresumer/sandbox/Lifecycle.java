package com.reportresumer.sandbox;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sandbox's "closing" signal. Every wait inside a request (latency, a hang, a scripted delay, a dribbled body)
 * goes through {@link #pause(long)}, so that closing cuts all of them short at once rather than waiting for
 * sleeping threads; the caller then drops the connection.
 */
final class Lifecycle {

    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Signals closing; true for the first call only (closing is idempotent). */
    boolean close() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        closing.countDown();
        return true;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Waits {@code millis} (nothing if not positive); false when the sandbox began closing meanwhile. */
    boolean pause(long millis) throws InterruptedException {
        return millis <= 0 || !closing.await(millis, TimeUnit.MILLISECONDS);
    }
}
