package com.reportresumer.sandbox;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The live, thread-safe counters behind {@link SandboxCounters}. */
final class Counters {
    final LongAdder totalCalls = new LongAdder();
    final LongAdder resumeCalls = new LongAdder();
    final LongAdder pauseCalls = new LongAdder();
    final LongAdder tokenRequests = new LongAdder();
    final LongAdder tokensIssued = new LongAdder();
    private final ConcurrentHashMap<UUID, LongAdder> perReport = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, LongAdder> perStatus = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, LongAdder> resumePerSecond = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> faults = new ConcurrentHashMap<>();

    void report(UUID id) {
        perReport.computeIfAbsent(id, k -> new LongAdder()).increment();
    }

    void status(int status) {
        perStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    void resumeAt(long epochSecond) {
        resumeCalls.increment();
        resumePerSecond.computeIfAbsent(epochSecond, k -> new LongAdder()).increment();
    }

    void fault(String kind) {
        faults.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    SandboxCounters snapshot() {
        return new SandboxCounters(totalCalls.sum(), resumeCalls.sum(), pauseCalls.sum(), tokenRequests.sum(),
                tokensIssued.sum(), sums(perReport), sums(perStatus), sums(resumePerSecond), sums(faults));
    }

    private static <K> Map<K, Long> sums(Map<K, LongAdder> map) {
        Map<K, Long> out = new HashMap<>();
        map.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
