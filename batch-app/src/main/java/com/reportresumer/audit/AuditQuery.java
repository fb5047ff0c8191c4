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

    /** The same filters, one row more than the limit (none more at the largest): a row past it says more match. */
    public AuditQuery oneMore() {
        int more = limit == Integer.MAX_VALUE ? limit : limit + 1;
        return new AuditQuery(runId, reportId, outcomes, since, until, more, latestOnly);
    }
}
