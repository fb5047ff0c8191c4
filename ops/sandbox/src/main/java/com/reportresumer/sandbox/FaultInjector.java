package com.reportresumer.sandbox;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides which configured fault an API call meets, so that runs repeat. Per call (hang, 429, 500, garbage, and the
 * jitter) one draw from a generator keyed on (seed, report id or route, the call's number for that key): the n-th
 * call for a report meets the same fault in every run, whatever the thread interleaving. Per report (403, 400) an
 * explicit id set, or a share of the known reports picked by a hash of (seed, id).
 */
final class FaultInjector {

    enum Fault { NONE, HANG, THROTTLE, FAILURE, GARBAGE }

    /** What one call drew: its fault and its delay (latency ± jitter, in milliseconds). */
    record Draw(Fault fault, long delayMillis) {
    }

    private final SandboxOptions options;
    private final ReportStore store;
    private final ConcurrentHashMap<Long, AtomicLong> callNumbers = new ConcurrentHashMap<>();

    FaultInjector(SandboxOptions options, ReportStore store) {
        this.options = options;
        this.store = store;
    }

    /** The draw of the next call for this key ({@link Dice#key}); never restarts, not even on a counter reset. */
    Draw draw(long key) {
        long callNumber = callNumbers.computeIfAbsent(key, k -> new AtomicLong()).getAndIncrement();
        double[] draw = Dice.perCall(options.randomSeed(), key, callNumber);
        long delay = options.latency().toMillis() + Math.round((draw[1] * 2 - 1) * options.jitter().toMillis());
        return new Draw(fault(draw[0]), delay);
    }

    /** The four rates partition [0, 1) in this order. */
    private Fault fault(double u) {
        double edge = options.hangRate();
        if (u < edge) {
            return Fault.HANG;
        }
        edge += options.throttleRate();
        if (u < edge) {
            return Fault.THROTTLE;
        }
        edge += options.failureRate();
        if (u < edge) {
            return Fault.FAILURE;
        }
        edge += options.garbageRate();
        if (u < edge) {
            return Fault.GARBAGE;
        }
        return Fault.NONE;
    }

    boolean isForbidden(UUID id) {
        return options.forbiddenReports().contains(id)
                || (options.forbiddenShare() > 0 && store.contains(id)
                        && Dice.perReport(options.randomSeed(), id, Dice.SALT_FORBIDDEN) < options.forbiddenShare());
    }

    boolean isRejected(UUID id) {
        return options.rejectedReports().contains(id)
                || (options.rejectedShare() > 0 && store.contains(id)
                        && Dice.perReport(options.randomSeed(), id, Dice.SALT_REJECTED) < options.rejectedShare());
    }

    /** The explicit forbidden ids plus the known reports drawn by {@code forbiddenShare}. */
    Set<UUID> forbiddenReports(List<Report> known) {
        Set<UUID> out = new LinkedHashSet<>(options.forbiddenReports());
        for (Report r : known) {
            if (isForbidden(r.reportId())) {
                out.add(r.reportId());
            }
        }
        return out;
    }

    /** The ids that answer 400 and are not forbidden: explicit ones plus known reports drawn by {@code rejectedShare}. */
    Set<UUID> rejectedReports(List<Report> known) {
        Set<UUID> out = new LinkedHashSet<>();
        Set<UUID> candidates = new LinkedHashSet<>(options.rejectedReports());
        known.forEach(r -> candidates.add(r.reportId()));
        for (UUID id : candidates) {
            if (!isForbidden(id) && isRejected(id)) {
                out.add(id);
            }
        }
        return out;
    }
}
