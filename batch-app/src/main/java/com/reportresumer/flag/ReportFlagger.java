package com.reportresumer.flag;

import com.reportresumer.resume.ReportIds;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds {@code PENDING} requests: the database side of every flag (the IDs of the command line or a file here; the
 * tenant's Paused reports through {@link PausedFlagger}, which asks the API). IDs are validated first: malformed ones are reported, never inserted; valid ones
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

    ReportFlagger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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

    /** Which of these canonical IDs have a {@code PENDING} flag now: what {@link #flag} counts as already pending. */
    public Set<String> pendingAmong(List<String> canonicalIds) {
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
