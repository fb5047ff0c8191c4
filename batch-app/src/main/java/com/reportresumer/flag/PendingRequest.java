package com.reportresumer.flag;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.OffsetDateTime;

/**
 * A request of the queue: {@code PENDING}, with its age by the database's clock (the one that stamped
 * {@code requested_at}).
 *
 * @param stale flagged before the cut-off the caller gave: no run has taken it since, which a completed run never
 *        leaves behind
 */
@JsonPropertyOrder({ "id", "reportId", "requestedAt", "ageSeconds", "stale", "requestedBy", "reason" })
public record PendingRequest(long id, String reportId, OffsetDateTime requestedAt, long ageSeconds, boolean stale,
        String requestedBy, String reason) {
}
