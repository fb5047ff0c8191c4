package com.reportresumer.flag;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.OffsetDateTime;

/**
 * One row of {@code resume_request}: one flag of a report, from who asked and why to how it ended — processed by a
 * run ({@code last_outcome}, {@code last_job_execution_id}) or withdrawn ({@code withdrawn_*}). A request a run had
 * already read when it was withdrawn carries both.
 */
@JsonPropertyOrder({ "id", "reportId", "status", "requestedAt", "requestedBy", "reason", "attempts", "lastOutcome",
        "lastJobExecutionId", "updatedAt", "withdrawnAt", "withdrawnBy", "withdrawReason" })
public record RequestRow(long id, String reportId, String status, OffsetDateTime requestedAt, String requestedBy,
        String reason, int attempts, String lastOutcome, Long lastJobExecutionId, OffsetDateTime updatedAt,
        OffsetDateTime withdrawnAt, String withdrawnBy, String withdrawReason) {
}
