package com.reportresumer.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.OffsetDateTime;

/**
 * One row of {@code resume_audit}. {@code confirmedByRead}: the outcome comes from a read of the report, the answer
 * to its resume having been lost.
 */
@JsonPropertyOrder({ "id", "createdAt", "jobExecutionId", "requestId", "reportId", "outcome", "httpStatus",
        "apiStatusCode", "attempts", "confirmedByRead", "reportStatus", "durationMs", "message" })
public record AuditRow(long id, OffsetDateTime createdAt, Long jobExecutionId, Long requestId, String reportId,
        String outcome, Integer httpStatus, Integer apiStatusCode, Integer attempts, boolean confirmedByRead,
        String reportStatus, Long durationMs, String message) {
}
