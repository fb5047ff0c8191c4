package com.reportresumer.bench;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * What {@code GET /_sandbox/counters} says after a run: the calls, tokens and statuses the sandbox answered and its
 * resume calls per wall-clock second. {@code callsPerReport} can hold a million entries, so it is streamed and only
 * its size and maximum are kept.
 */
record SandboxCounters(long totalCalls, long resumeCalls, long tokenRequests, Map<String, Long> responsesPerStatus,
        Map<String, Long> faultsInjected, TreeMap<Long, Long> resumeCallsPerSecond, long reportsCalled,
        long maxCallsPerReport) {

    long maxResumeCallsPerSecond() {
        return resumeCallsPerSecond.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    long responses(int status) {
        return responsesPerStatus.getOrDefault(String.valueOf(status), 0L);
    }

    /** Reads the counters object from {@code p}, positioned before it. */
    static SandboxCounters parse(JsonParser p) {
        long total = 0;
        long resume = 0;
        long tokens = 0;
        Map<String, Long> statuses = new TreeMap<>();
        Map<String, Long> faults = new TreeMap<>();
        TreeMap<Long, Long> perSecond = new TreeMap<>();
        long reportsCalled = 0;
        long maxPerReport = 0;
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalStateException("counters: not a JSON object");
        }
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.START_OBJECT) {
                Map<String, Long> map = new TreeMap<>();
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    long v = p.getValueAsLong();
                    switch (field) {
                        case "callsPerReport" -> {
                            reportsCalled++;
                            maxPerReport = Math.max(maxPerReport, v);
                        }
                        case "resumeCallsPerSecond" -> perSecond.put(Long.parseLong(key), v);
                        default -> map.put(key, v);
                    }
                }
                if (field.equals("responsesPerStatus")) {
                    statuses = map;
                } else if (field.equals("faultsInjected")) {
                    faults = map;
                }
            } else if (value == JsonToken.START_ARRAY) {
                p.skipChildren();
            } else {
                switch (field) {
                    case "totalCalls" -> total = p.getValueAsLong();
                    case "resumeCalls" -> resume = p.getValueAsLong();
                    case "tokenRequests" -> tokens = p.getValueAsLong();
                    default -> { }
                }
            }
        }
        return new SandboxCounters(total, resume, tokens, statuses, faults, perSecond, reportsCalled, maxPerReport);
    }
}
