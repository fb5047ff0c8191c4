package com.reportresumer.partnercenter;

/** One scheduled report as the API describes it; fields may be absent, so every component may be null. */
public record ScheduledReport(
        String reportId,
        String reportName,
        String description,
        String queryId,
        String user,
        String createdTime,
        String modifiedTime,
        String startTime,
        String reportStatus,
        Integer recurrenceInterval,
        Integer recurrenceCount,
        String format) {
}
