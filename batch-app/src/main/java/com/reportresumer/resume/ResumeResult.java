package com.reportresumer.resume;

import com.reportresumer.secrets.Secrets;

/**
 * What happened to one request in this execution: becomes one {@code resume_audit} row and the request's new
 * status, written together by {@link AuditWriter}. {@code attempts} is the number of calls (0 when nothing was
 * sent), throttled ones included; {@code httpStatus}, {@code apiStatusCode} and {@code reportStatus} are null where
 * there was no answer. {@code confirmedByRead}: the outcome comes from a read of the report, the answer to its
 * resume having been lost ({@link RetryingResumer}).
 */
public record ResumeResult(
        ResumeRequest request,
        ResumeOutcome outcome,
        Integer httpStatus,
        Integer apiStatusCode,
        int attempts,
        String message,
        String reportStatus,
        long durationMs,
        boolean confirmedByRead) {

    /**
     * The API's text as the audit keeps it: secrets redacted first (an API, a gateway or a proxy may quote the
     * request's bearer token, and viewers, exports and the read-only ops role read the audit), then one line.
     */
    public ResumeResult {
        message = Secrets.oneLine(message);
        reportStatus = Secrets.oneLine(reportStatus);
    }

    /** A result that the API's own answer decided. */
    public ResumeResult(ResumeRequest request, ResumeOutcome outcome, Integer httpStatus, Integer apiStatusCode,
            int attempts, String message, String reportStatus, long durationMs) {
        this(request, outcome, httpStatus, apiStatusCode, attempts, message, reportStatus, durationMs, false);
    }
}
