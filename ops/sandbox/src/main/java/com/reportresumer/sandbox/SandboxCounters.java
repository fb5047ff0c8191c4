package com.reportresumer.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A snapshot of what the sandbox has seen since start or the last reset. "Calls" are API calls under the API path
 * (not token requests, not {@code /_sandbox}), counted on arrival; responses are counted when sent (a hung call
 * dropped by {@link Sandbox#close()} has none). Its maps are sorted by key; {@code GET /_sandbox/counters} answers
 * this record as JSON.
 *
 * @param totalCalls           API calls received
 * @param resumeCalls          {@code PUT …/resume/{id}} calls received
 * @param pauseCalls           {@code PUT …/pause/{id}} calls received
 * @param tokenRequests        requests to either token endpoint
 * @param tokensIssued         tokens handed out
 * @param callsPerReport       calls naming a report id in the path (resume, pause, execution)
 * @param responsesPerStatus   API responses per HTTP status
 * @param resumeCallsPerSecond resume calls received per epoch second (to check a client's rate limit)
 * @param faultsInjected       injected faults by kind: {@code hang}, {@code throttle}, {@code failure}, {@code garbage},
 *                             {@code forbidden}, {@code rejected}, {@code rateLimited}
 */
public record SandboxCounters(
        long totalCalls,
        long resumeCalls,
        long pauseCalls,
        long tokenRequests,
        long tokensIssued,
        Map<UUID, Long> callsPerReport,
        Map<Integer, Long> responsesPerStatus,
        Map<Long, Long> resumeCallsPerSecond,
        Map<String, Long> faultsInjected) {

    public SandboxCounters {
        callsPerReport = sorted(callsPerReport);
        responsesPerStatus = sorted(responsesPerStatus);
        resumeCallsPerSecond = sorted(resumeCallsPerSecond);
        faultsInjected = sorted(faultsInjected);
    }

    private static <K> SortedMap<K, Long> sorted(Map<K, Long> counts) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(counts));
    }

    /** Calls that named this report. */
    public long callsFor(UUID reportId) {
        return callsPerReport.getOrDefault(reportId, 0L);
    }

    /** Responses sent with this HTTP status. */
    public long responses(int status) {
        return responsesPerStatus.getOrDefault(status, 0L);
    }

    /** Injected faults of one kind. */
    public long faults(String kind) {
        return faultsInjected.getOrDefault(kind, 0L);
    }

    /** The busiest second's resume calls (0 if none). */
    @JsonProperty
    public long maxResumeCallsPerSecond() {
        return resumeCallsPerSecond.values().stream().mapToLong(Long::longValue).max().orElse(0L);
    }
}
