package com.reportresumer.partnercenter;

import java.util.List;
import java.util.Map;

/**
 * One page of the report listing, and the query of the next page ({@code null} on the last one): the caller asks
 * for pages one at a time and never holds more than one.
 */
public record ReportPage(List<ScheduledReport> reports, Map<String, String> nextQuery) {

    public ReportPage {
        reports = List.copyOf(reports);
        nextQuery = nextQuery == null ? null : Map.copyOf(nextQuery);
    }

    public boolean last() {
        return nextQuery == null;
    }
}
