package com.reportresumer.resume;

import com.reportresumer.text.UntrustedText;

/**
 * What happened to one request in this execution: becomes one {@code resume_audit} row and the request's new
 * status, written together by {@link AuditWriter}. {@code attempts} is the number of tries (0 when nothing was
 * sent); {@code httpStatus}, {@code apiStatusCode} and {@code reportStatus} are null where there was no answer.
 */
public record ResumeResult(
        ResumeRequest request,
        ResumeOutcome outcome,
        Integer httpStatus,
        Integer apiStatusCode,
        int attempts,
        String message,
        String reportStatus,
        long durationMs) {

    public ResumeResult {
        message = UntrustedText.oneLine(message);
        reportStatus = UntrustedText.oneLine(reportStatus);
    }
}
