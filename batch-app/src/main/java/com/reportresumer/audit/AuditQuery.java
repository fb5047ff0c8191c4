package com.reportresumer.audit;

import com.reportresumer.resume.ResumeOutcome;
import java.time.Instant;
import java.util.Set;

/**
 * Filters of {@code audit}; null or empty means "any". {@code limit} keeps the latest rows. {@code latestOnly}: only
 * each report's latest row ({@code audit_latest}), so that {@code --outcome FAILED} means "failing now".
 */
public record AuditQuery(Long runId, String reportId, Set<ResumeOutcome> outcomes, Instant since, Instant until,
        int limit, boolean latestOnly) {

    public AuditQuery {
        outcomes = outcomes == null ? Set.of() : Set.copyOf(outcomes);
    }

    /** The same filters, with another limit. */
    public AuditQuery withLimit(int otherLimit) {
        return new AuditQuery(runId, reportId, outcomes, since, until, otherLimit, latestOnly);
    }
}
