package com.reportresumer.sandbox;

/**
 * The counters in use. A reset swaps in a fresh {@link Counters} instead of zeroing each adder, so that a reset is
 * atomic for every reader: a request counts entirely in the old set or entirely in the new one.
 */
final class LiveCounters {

    private volatile Counters current = new Counters();

    /** The counters to update; a handler takes them once per request. */
    Counters current() {
        return current;
    }

    void reset() {
        current = new Counters();
    }

    SandboxCounters snapshot() {
        return current.snapshot();
    }
}
