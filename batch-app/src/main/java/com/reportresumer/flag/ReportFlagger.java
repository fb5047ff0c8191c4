package com.reportresumer.flag;

import com.reportresumer.partnercenter.PartnerCenterClient;
import com.reportresumer.partnercenter.ScheduledReport;
import com.reportresumer.resume.ReportIds;
import com.reportresumer.resume.TransientRetry;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
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

    /** One statement for any number of IDs; its row count is the number actually added. */
    private static final String INSERT = """
            INSERT INTO resume_request (report_id, requested_by, reason)
            SELECT id, ?, ? FROM unnest(?::text[]) AS id
            ON CONFLICT (normalised_report_id(report_id)) WHERE status = 'PENDING' DO NOTHING""";

    /** The IDs among the array that are pending (the one-pending index answers). */
    private static final String PENDING_AMONG = """
            SELECT normalised_report_id(report_id) FROM resume_request
             WHERE status = 'PENDING' AND normalised_report_id(report_id) = ANY (?::text[])""";

    private final JdbcTemplate jdbc;
    private final ReportListing listing;

    ReportFlagger(JdbcTemplate jdbc, PartnerCenterClient partnerCenter, TransientRetry retry) {
        this.jdbc = jdbc;
        this.listing = new ReportListing(partnerCenter, retry);
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
        FlagReport[] total = { new FlagReport(0, 0, List.of()) };
        // flag() not through the proxy: each page's inserts commit on their own
        listing.forEachPausedPage(paused -> total[0] = total[0].plus(flag(paused.stream().map(ScheduledReport::reportId),
                requestedBy, reason)), () -> total[0].added() + " paused reports of the pages before were flagged; "
                        + "`flag --all-paused` again adds the rest");
        return total[0];
    }

    /**
     * What {@link #flagAllPaused} would do, flagging nothing: the same listing, page by page, each Paused report
     * handed to {@code each} as its page arrives with what flagging it would do; the answer counts them as
     * {@code flagAllPaused} would ({@code added}: would be added).
     */
    public FlagReport previewAllPaused(Consumer<PausedReport> each) throws InterruptedException {
        FlagReport[] total = { new FlagReport(0, 0, List.of()) };
        listing.forEachPausedPage(paused -> {
            List<String> canonical = paused.stream().map(r -> ReportIds.parse(r.reportId()))
                    .flatMap(Optional::stream).map(UUID::toString).toList();
            Set<String> pending = pendingAmong(canonical);
            int added = 0;
            int alreadyPending = 0;
            List<String> malformed = new ArrayList<>();
            for (ScheduledReport report : paused) {
                Optional<UUID> id = ReportIds.parse(report.reportId());
                PausedReport.WouldBe wouldBe = id.isEmpty() ? PausedReport.WouldBe.MALFORMED
                        : pending.contains(id.get().toString()) ? PausedReport.WouldBe.ALREADY_PENDING
                                : PausedReport.WouldBe.ADDED;
                switch (wouldBe) {
                    case ADDED -> added++;
                    case ALREADY_PENDING -> alreadyPending++;
                    case MALFORMED -> malformed.add(report.reportId());
                }
                each.accept(new PausedReport(id.map(UUID::toString).orElse(report.reportId()), report.reportName(),
                        wouldBe));
            }
            total[0] = total[0].plus(new FlagReport(added, alreadyPending, malformed));
        }, () -> total[0].added() + total[0].alreadyPending() + total[0].malformed().size()
                + " paused reports listed from the pages before; nothing was flagged");
        return total[0];
    }

    /** Which of these canonical IDs have a {@code PENDING} flag now: what {@link #flag} counts as already pending. */
    private Set<String> pendingAmong(List<String> canonicalIds) {
        if (canonicalIds.isEmpty()) {
            return Set.of();
        }
        String[] array = canonicalIds.toArray(String[]::new);
        return new HashSet<>(jdbc.query(connection -> {
            PreparedStatement select = connection.prepareStatement(PENDING_AMONG);
            select.setArray(1, connection.createArrayOf("text", array));
            return select;
        }, (rs, i) -> rs.getString(1)));
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
