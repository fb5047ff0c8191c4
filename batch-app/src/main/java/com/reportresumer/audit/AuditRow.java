package com.reportresumer.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.OffsetDateTime;

/** One row of {@code resume_audit}. */
@JsonPropertyOrder({ "id", "createdAt", "jobExecutionId", "requestId", "reportId", "outcome", "httpStatus",
        "apiStatusCode", "attempts", "reportStatus", "durationMs", "message" })
public record AuditRow(long id, OffsetDateTime createdAt, Long jobExecutionId, Long requestId, String reportId,
        String outcome, Integer httpStatus, Integer apiStatusCode, Integer attempts, String reportStatus,
        Long durationMs, String message) {
}
