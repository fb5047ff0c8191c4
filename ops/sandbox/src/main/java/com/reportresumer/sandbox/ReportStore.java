package com.reportresumer.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox's reports, in the order they were added. Lookups and status changes are lock-free (a concurrent map,
 * one atomic {@code compute} per change); only adding takes a lock, to keep the order, which listings and the
 * generator's repeatability depend on.
 */
final class ReportStore {

    /** A status change: the report before and after (the same report when nothing changed). */
    record Change(Report before, Report after) {
    }

    private final ConcurrentHashMap<UUID, Report> byId = new ConcurrentHashMap<>();
    private final List<UUID> order = new ArrayList<>(); // guarded by itself
    private final AtomicInteger generated = new AtomicInteger();

    /** Adds a report, or replaces the one with the same id (keeping its place in the order). */
    Report add(Report report) {
        synchronized (order) {
            if (byId.put(report.reportId(), report) == null) {
                order.add(report.reportId());
            }
        }
        return report;
    }

    /** Generates and adds {@code count} more reports, continuing the generator's numbering. */
    List<Report> seed(int count, double pausedShare, double inactiveShare, long randomSeed) {
        if (count < 0 || pausedShare < 0 || inactiveShare < 0 || pausedShare + inactiveShare > 1.0 + 1e-9) {
            throw new IllegalArgumentException("count >= 0 and shares in 0..1 with pausedShare + inactiveShare <= 1");
        }
        int offset = generated.getAndAdd(count);
        List<Report> reports = ReportGenerator.generate(count, pausedShare, inactiveShare, randomSeed, offset);
        reports.forEach(this::add);
        return reports;
    }

    /** Every report, in the order added. */
    List<Report> all() {
        List<UUID> ids;
        synchronized (order) {
            ids = new ArrayList<>(order);
        }
        List<Report> out = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            Report r = byId.get(id);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    Optional<Report> get(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    boolean contains(UUID id) {
        return byId.containsKey(id);
    }

    int size() {
        return byId.size();
    }

    /** Moves a report from {@code from} to {@code to}, atomically; any other status is left as it is. Null if unknown. */
    Change change(UUID id, ReportStatus from, ReportStatus to) {
        Report[] before = new Report[1];
        Report after = byId.computeIfPresent(id, (k, r) -> {
            before[0] = r;
            return r.reportStatus() == from ? r.withStatus(to, Instant.now()) : r;
        });
        return after == null ? null : new Change(before[0], after);
    }
}
