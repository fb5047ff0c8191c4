package com.reportresumer.partnercenter;

import java.util.List;

/**
 * The API's response envelope: {@code Value}, {@code TotalCount}, {@code Message}, {@code StatusCode}, read in either
 * casing Microsoft's pages show (PascalCase or camelCase); unknown fields such as {@code nextLink} are ignored.
 */
public record ReportEnvelope(List<ScheduledReport> value, Integer totalCount, String message, Integer statusCode,
        String nextLink) {

    public ReportEnvelope {
        value = value == null ? List.of() : List.copyOf(value.stream().filter(r -> r != null).toList());
    }

    /** The {@code ReportStatus} of the first report in {@code Value}, if any. */
    public String firstReportStatus() {
        return value.isEmpty() ? null : value.get(0).reportStatus();
    }
}
