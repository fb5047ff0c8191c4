package com.reportresumer.audit;

import com.reportresumer.resume.ResumeOutcome;
import java.time.Instant;
import java.util.Set;

/** Filters of {@code audit}; null or empty means "any". {@code limit} keeps the latest rows. */
public record AuditQuery(Long runId, String reportId, Set<ResumeOutcome> outcomes, Instant since, Instant until,
        int limit) {

    public AuditQuery {
        outcomes = outcomes == null ? Set.of() : Set.copyOf(outcomes);
    }
}
