package com.reportresumer.flag;

import com.reportresumer.partnercenter.PartnerCenterClient;
import com.reportresumer.partnercenter.PartnerCenterException;
import com.reportresumer.partnercenter.ReportPage;
import com.reportresumer.partnercenter.ScheduledReport;
import com.reportresumer.resume.ReportIds;
import com.reportresumer.resume.TransientRetry;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds {@code PENDING} requests. IDs are validated first: malformed ones are reported, never inserted; valid ones
 * are stored in canonical form, and an ID that is already pending is counted, not flagged twice (the unique
 * partial index of {@code resume_request} on the normalised ID decides, so concurrent flaggers cannot race).
 * <p>
 * IDs are taken as they come, from a stream, and inserted {@value #BATCH} at a time: a file of any length, or a
 * tenant's whole report listing, is never held in memory.
 */
@Component
public class ReportFlagger {

    /** IDs per INSERT: one round trip for many, a bounded array parameter. */
    static final int BATCH = 1_000;
    /** A listing longer than this is not plausible: its nextLink goes round in circles. */
    private static final int MAX_PAGES = 10_000;

    /** One statement for any number of IDs; its row count is the number actually added. */
    private static final String INSERT = """
            INSERT INTO resume_request (report_id, requested_by, reason)
            SELECT id, ?, ? FROM unnest(?::text[]) AS id
            ON CONFLICT (normalised_report_id(report_id)) WHERE status = 'PENDING' DO NOTHING""";

    private final JdbcTemplate jdbc;
    private final PartnerCenterClient partnerCenter;
    private final TransientRetry retry;

    ReportFlagger(JdbcTemplate jdbc, PartnerCenterClient partnerCenter, TransientRetry retry) {
        this.jdbc = jdbc;
        this.partnerCenter = partnerCenter;
        this.retry = retry;
    }

    /** Flags the IDs of the stream, all in one transaction (a failure half-way through adds none). */
    @Transactional
    public FlagReport flag(Stream<String> reportIds, String requestedBy, String reason) {
        List<String> malformed = new ArrayList<>();
        List<String> batch = new ArrayList<>(BATCH);
        int valid = 0;
        int added = 0;
        for (Iterator<String> ids = reportIds.iterator(); ids.hasNext();) {
            String raw = ids.next();
            Optional<UUID> id = ReportIds.parse(raw);
            if (id.isEmpty()) {
                malformed.add(raw);
                continue;
            }
            batch.add(id.get().toString());
            valid++;
            if (batch.size() == BATCH) {
                added += insert(batch, requestedBy, reason);
                batch.clear();
            }
        }
        added += insert(batch, requestedBy, reason);
        return new FlagReport(added, valid - added, malformed);
    }

    /**
     * Flags every report of the tenant whose {@code ReportStatus} is {@code Paused}, page by page as the listing
     * arrives (each page retried as one call). The pages already flagged stay flagged when a later one fails:
     * running it again adds only what is missing.
     */
    public FlagReport flagAllPaused(String requestedBy, String reason) throws InterruptedException {
        FlagReport total = new FlagReport(0, 0, List.of());
        Map<String, String> query = Map.of();
        for (int page = 1; page <= MAX_PAGES; page++) {
            Map<String, String> pageQuery = query;
            ReportPage listing;
            try {
                listing = retry.call(() -> partnerCenter.listReports(pageQuery));
            }
            catch (PartnerCenterException.Transient failure) {
                throw page == 1 ? failure : new PartnerCenterException.Transient(failure.httpStatus(),
                        "the report listing failed at page " + page + " (" + total.added()
                                + " paused reports of the pages before were flagged; `flag --all-paused` again adds "
                                + "the rest): " + failure.getMessage(), null, null);
            }
            // not through the proxy: each page's inserts commit on their own
            total = total.plus(flag(listing.reports().stream()
                    .filter(r -> "Paused".equalsIgnoreCase(r.reportStatus()))
                    .map(ScheduledReport::reportId), requestedBy, reason));
            if (listing.last()) {
                return total;
            }
            query = listing.nextQuery();
        }
        throw new PartnerCenterException.Transient(200, "the report listing did not end after " + MAX_PAGES
                + " pages (" + total.added() + " paused reports flagged)", null, null);
    }

    private int insert(List<String> ids, String requestedBy, String reason) {
        if (ids.isEmpty()) {
            return 0;
        }
        String[] array = ids.toArray(String[]::new);
        return jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement(INSERT);
            insert.setString(1, requestedBy);
            insert.setString(2, reason);
            insert.setArray(3, connection.createArrayOf("text", array));
            return insert;
        });
    }
}
