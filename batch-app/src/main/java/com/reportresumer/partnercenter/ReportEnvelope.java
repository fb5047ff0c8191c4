package com.reportresumer.partnercenter;

import java.util.List;
import java.util.Objects;

/**
 * The API's response envelope: {@code Value}, {@code TotalCount}, {@code Message}, {@code StatusCode}, read in either
 * casing Microsoft's pages show (PascalCase or camelCase), and {@code nextLink}; other fields are ignored.
 */
public record ReportEnvelope(List<ScheduledReport> value, Integer totalCount, String message, Integer statusCode,
        String nextLink) {

    public ReportEnvelope {
        // EnvelopeReader already leaves null elements out: filtered here only for another caller's list
        value = value == null ? List.of()
                : value.stream().anyMatch(Objects::isNull) ? value.stream().filter(Objects::nonNull).toList()
                : List.copyOf(value);
    }

    /** The {@code ReportStatus} of the first report in {@code Value}, if any. */
    public String firstReportStatus() {
        return value.isEmpty() ? null : value.get(0).reportStatus();
    }
}
