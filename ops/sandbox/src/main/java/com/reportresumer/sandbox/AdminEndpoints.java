package com.reportresumer.sandbox;

import java.util.List;
import java.util.Map;

/**
 * The sandbox's own endpoints under {@code /_sandbox}, for a process that runs the sandbox as a jar and cannot call
 * its Java API: counters, their reset, the reports, health. No token, no faults, not counted: watching the sandbox
 * must not change what it measures.
 */
record AdminEndpoints(LiveCounters counters, ReportStore store, Envelopes envelopes) {

    /** Answers {@code method} on {@code path} (below {@code /_sandbox}). */
    Answer answer(String method, String path, String rawQuery) {
        switch (method + " " + path) {
            case "GET /_sandbox/counters":
                return envelopes.json(200, counters.snapshot());
            case "POST /_sandbox/reset-counters":
                counters.reset();
                return envelopes.json(200, Map.of("reset", true));
            case "GET /_sandbox/health":
                return envelopes.json(200, Map.of("status", "UP", "reports", store.size()));
            case "GET /_sandbox/reports":
                String status = Forms.blankToNull(Forms.parse(rawQuery).get("status"));
                ReportStatus wanted;
                try {
                    wanted = status == null ? null : ReportStatus.parse(status);
                } catch (IllegalArgumentException e) {
                    return envelopes.error(400, e.getMessage());
                }
                List<Report> value = store.all().stream().filter(r -> wanted == null || r.reportStatus() == wanted).toList();
                return envelopes.envelope(200, value, "Retrieved " + value.size() + " report(s)");
            default:
                return envelopes.error(404, "Resource not found: " + method + " " + path);
        }
    }
}
