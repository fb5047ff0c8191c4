package com.reportresumer.flag;

import com.reportresumer.partnercenter.PartnerCenterClient;
import com.reportresumer.partnercenter.ScheduledReport;
import com.reportresumer.resume.TransientRetry;
import com.reportresumer.resume.ReportIds;
import com.reportresumer.text.UntrustedText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What {@code run} would do now, doing none of it ({@code run --dry-run}): the {@code PENDING} requests in the order
 * the job takes them, which of their IDs are malformed (the job ends those {@code INVALID_ID} without a call), and,
 * when asked to check, each report's status as the tenant's report listing reads it now, with the outcome that
 * status leads to. Nothing is written and no report is resumed: the only calls are the pages of the listing
 * ({@code GET ScheduledReport}, as {@code flag --all-paused} reads it).
 */
@Component
public class RunPlan {

    /** A listed report's status, or this when the listing does not hold the report. */
    public static final String NOT_FOUND = "not found";

    private static final String PENDING = "SELECT id, report_id FROM resume_request WHERE status = 'PENDING' ORDER BY id";

    private final JdbcTemplate jdbc;
    private final ReportListing listing;

    RunPlan(JdbcTemplate jdbc, PartnerCenterClient partnerCenter, TransientRetry retry) {
        this.jdbc = jdbc;
        this.listing = new ReportListing(partnerCenter, retry);
    }

    /**
     * One request the run would take.
     *
     * @param plan            {@code resume} (a call), or {@code INVALID_ID} (a malformed ID: no call)
     * @param reportStatus    the report's status now ({@code Paused}, {@code Active}, {@code Inactive},
     *                        {@value #NOT_FOUND}); null when not checked, or for a malformed ID
     * @param expectedOutcome the outcome that status leads to; null when not checked
     */
    public record Planned(long requestId, String reportId, String plan, String reportStatus, String expectedOutcome) {

        public Planned {
            reportStatus = UntrustedText.oneLine(reportStatus); // the API's words
        }
    }

    /**
     * The plan: every request, and how many there are by plan and (when checked) by status.
     *
     * @param checked whether the statuses were read from the API
     */
    public record Plan(List<Planned> requests, boolean checked) {

        public Plan {
            requests = List.copyOf(requests);
        }

        /** How many requests have the malformed IDs the job ends {@code INVALID_ID} without a call. */
        public long malformed() {
            return requests.stream().filter(r -> r.plan().equals("INVALID_ID")).count();
        }

        /** The number of requests per status now, in the order first met; empty when not checked. */
        public Map<String, Long> byStatus() {
            Map<String, Long> counts = new LinkedHashMap<>();
            requests.stream().filter(r -> r.reportStatus() != null)
                    .forEach(r -> counts.merge(r.reportStatus(), 1L, Long::sum));
            return Collections.unmodifiableMap(counts);
        }
    }

    /** The plan of the next run; with {@code check}, the API's listing says where each report stands. */
    public Plan plan(boolean check) throws InterruptedException {
        List<String[]> pending = jdbc.query(PENDING, (rs, i) -> new String[] { rs.getString(1), rs.getString(2) });
        Map<String, String> statuses = check ? statusesOf(pending) : Map.of();
        List<Planned> planned = new ArrayList<>(pending.size());
        for (String[] row : pending) {
            Optional<UUID> id = ReportIds.parse(row[1]);
            long requestId = Long.parseLong(row[0]);
            if (id.isEmpty()) {
                planned.add(new Planned(requestId, row[1], "INVALID_ID", null, check ? "INVALID_ID" : null));
                continue;
            }
            String status = check ? statuses.getOrDefault(id.get().toString(), NOT_FOUND) : null;
            planned.add(new Planned(requestId, id.get().toString(), "resume", status, expected(status)));
        }
        return new Plan(planned, check);
    }

    /** The outcome a resume meets for a report in {@code status} (README, Outcomes); null when not checked. */
    static String expected(String status) {
        if (status == null) {
            return null;
        }
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "paused", "active" -> "RESUMED"; // an Active report answers 200, unchanged
            case "inactive" -> "REJECTED";        // its recurrence has ended: the API refuses it (400)
            case NOT_FOUND -> "NOT_FOUND";
            default -> "unknown";
        };
    }

    /** The listed status of each pending report, walking the tenant's listing once and keeping only those. */
    private Map<String, String> statusesOf(List<String[]> pending) throws InterruptedException {
        Set<String> wanted = new HashSet<>();
        pending.forEach(row -> ReportIds.parse(row[1]).ifPresent(id -> wanted.add(id.toString())));
        Map<String, String> statuses = new HashMap<>();
        if (wanted.isEmpty()) {
            return statuses;
        }
        listing.forEachPage(page -> {
            for (ScheduledReport report : page) {
                ReportIds.parse(report.reportId()).map(UUID::toString).filter(wanted::contains)
                        .ifPresent(id -> statuses.put(id, report.reportStatus() == null ? "unknown"
                                : report.reportStatus()));
            }
        }, () -> "nothing was written");
        return statuses;
    }
}
