package com.reportresumer.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * One scheduled report as the sandbox holds it. Times are UTC and kept to the second, as the API prints them
 * ({@code yyyy-MM-dd'T'HH:mm:ss'Z'}). {@code callbackUrl} and {@code callbackMethod} may be null.
 *
 * @param recurrenceInterval hours between executions
 * @param recurrenceCount    number of executions
 */
public record Report(
        UUID reportId,
        String reportName,
        String description,
        String queryId,
        String query,
        String user,
        Instant createdTime,
        Instant modifiedTime,
        boolean executeNow,
        Instant startTime,
        ReportStatus reportStatus,
        int recurrenceInterval,
        int recurrenceCount,
        String callbackUrl,
        String callbackMethod,
        String format) {

    public Report {
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(reportName, "reportName");
        Objects.requireNonNull(reportStatus, "reportStatus");
        Objects.requireNonNull(createdTime, "createdTime");
        createdTime = createdTime.truncatedTo(ChronoUnit.SECONDS);
        modifiedTime = modifiedTime == null ? createdTime : modifiedTime.truncatedTo(ChronoUnit.SECONDS);
        startTime = startTime == null ? createdTime : startTime.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * A report with plausible defaults for everything but its id, name and status (a daily CSV report on the
     * Customers dataset, created now).
     */
    public static Report of(UUID reportId, String reportName, ReportStatus status) {
        Instant now = Instant.now();
        return new Report(reportId, reportName, "Added through the sandbox API", UUID.nameUUIDFromBytes(reportName.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString(),
                "SELECT CustomerId, CustomerName, CustomerCountry FROM Customers TIMESPAN LAST_30_DAYS",
                "sandbox-user@contoso.example", now, now, false, now, status, 24, 30, null, null, "csv");
    }

    /** This report with another status and modification time. */
    public Report withStatus(ReportStatus status, Instant modified) {
        return new Report(reportId, reportName, description, queryId, query, user, createdTime, modified, executeNow,
                startTime, status, recurrenceInterval, recurrenceCount, callbackUrl, callbackMethod, format);
    }
}
