package com.reportresumer.resume;

/** A {@code PENDING} row of {@code resume_request}, as the job reads it. */
public record ResumeRequest(long id, String reportId) {
}
