package com.reportresumer.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDateTime;

/** One execution as {@code audit_run_summary} shows it (times in the database's UTC). */
@JsonPropertyOrder({ "jobExecutionId", "startTime", "endTime", "durationMs", "status", "exitCode", "total",
        "resumed", "rejected", "forbidden", "notFound", "invalidId", "failed" })
public record RunRow(long jobExecutionId, LocalDateTime startTime, LocalDateTime endTime, Long durationMs,
        String status, String exitCode, long total, long resumed, long rejected, long forbidden, long notFound,
        long invalidId, long failed) {
}
