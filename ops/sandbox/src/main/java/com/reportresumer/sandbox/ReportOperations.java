package com.reportresumer.sandbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the scheduled-report API does once a call has passed every check: list, resume, pause and execution history
 * on the {@link ReportStore}. Nothing here knows about tokens, faults or scripts, so the contract's happy paths and
 * its 400/404 answers read in one place.
 */
record ReportOperations(ReportStore store, Envelopes envelopes) {

    /** Runs a routed call; {@code id} is the route's report id (already checked to be a UUID). */
    Answer run(ApiRoute route, UUID id, String rawQuery) {
        return switch (route.kind()) {
            case LIST -> list(rawQuery);
            case RESUME -> transition(id, ReportStatus.PAUSED, ReportStatus.ACTIVE, "resumed");
            case PAUSE -> transition(id, ReportStatus.ACTIVE, ReportStatus.PAUSED, "paused");
            case EXECUTION -> executions(id);
            default -> throw new IllegalStateException(route.toString());
        };
    }

    /** Paused → Active (or the mirror image); the other way round it is 200 unchanged, Inactive is 400. */
    private Answer transition(UUID id, ReportStatus from, ReportStatus to, String verb) {
        ReportStore.Change change = store.change(id, from, to);
        if (change == null) {
            return envelopes.error(404, "Report " + id + " not found");
        }
        ReportStatus was = change.before().reportStatus();
        if (was == ReportStatus.INACTIVE) {
            return envelopes.error(400, "Report " + id + " is Inactive (its recurrence has ended) and cannot be " + verb);
        }
        String message = was == from ? "Report " + id + " " + verb + " successfully"
                : "Report " + id + " is already " + to.apiName();
        return envelopes.envelope(200, List.of(change.after()), message);
    }

    /** Every report, filtered by {@code reportId} (several separated by {@code ;}), {@code reportName}, {@code queryId}. */
    private Answer list(String rawQuery) {
        Map<String, String> query = Forms.parse(rawQuery);
        Set<UUID> ids = null;
        String idFilter = query.get("reportid");
        if (idFilter != null && !idFilter.isBlank()) {
            ids = new HashSet<>();
            for (String part : idFilter.split("[;,]")) {
                String t = part.trim();
                if (t.isEmpty()) {
                    continue;
                }
                UUID id = ApiRoute.parseId(t);
                if (id == null) {
                    return envelopes.error(400, "Invalid reportId '" + t + "': expected a UUID");
                }
                ids.add(id);
            }
        }
        String name = Forms.blankToNull(query.get("reportname"));
        String queryId = Forms.blankToNull(query.get("queryid"));
        List<Report> value = new ArrayList<>();
        for (Report r : store.all()) {
            if ((ids == null || ids.contains(r.reportId()))
                    && (name == null || name.equalsIgnoreCase(r.reportName()))
                    && (queryId == null || queryId.equalsIgnoreCase(r.queryId()))) {
                value.add(r);
            }
        }
        return envelopes.envelope(200, value, "Retrieved " + value.size() + " report(s)");
    }

    /** No execution history is modelled: 200 with an empty {@code Value} for a known report. */
    private Answer executions(UUID id) {
        if (!store.contains(id)) {
            return envelopes.error(404, "Report " + id + " not found");
        }
        return envelopes.envelope(200, List.of(), "No executions found for report " + id);
    }
}
