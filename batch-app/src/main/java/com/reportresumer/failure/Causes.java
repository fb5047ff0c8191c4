package com.reportresumer.failure;

import java.util.ArrayList;
import java.util.List;

/**
 * A failure read with its causes. Every place that looks for an exception of ours inside a library's, or names the
 * root cause, reads them here, so that a chain that loops (two exceptions each the other's cause, which
 * {@link Throwable#initCause} allows) ends where it starts repeating, rather than hanging a caller or a run's end.
 */
public final class Causes {

    private Causes() {
    }

    /** {@code failure} and its causes, outermost first, each once. */
    public static List<Throwable> of(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !contains(chain, t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** The innermost of them: the last before the chain ends or repeats. */
    public static Throwable root(Throwable failure) {
        List<Throwable> chain = of(failure);
        return chain.get(chain.size() - 1);
    }

    /** By identity: an exception's {@code equals} is its own business. */
    private static boolean contains(List<Throwable> chain, Throwable t) {
        for (Throwable seen : chain) {
            if (seen == t) {
                return true;
            }
        }
        return false;
    }
}
