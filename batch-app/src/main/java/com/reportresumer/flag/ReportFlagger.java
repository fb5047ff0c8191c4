package com.reportresumer.flag;

import com.reportresumer.partnercenter.PartnerCenterClient;
import com.reportresumer.partnercenter.ScheduledReport;
import com.reportresumer.resume.ReportIds;
import com.reportresumer.resume.TransientRetry;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds {@code PENDING} requests. IDs are validated first: malformed ones are reported, never inserted; valid ones
 * are stored in canonical form, and an ID that is already pending is counted, not flagged twice (the unique
 * partial index of {@code resume_request} decides, so concurrent flaggers cannot race).
 */
@Component
public class ReportFlagger {

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

    @Transactional
    public FlagReport flag(Collection<String> reportIds, String requestedBy, String reason) {
        Set<UUID> valid = new LinkedHashSet<>();
        List<String> malformed = new ArrayList<>();
        for (String raw : reportIds) {
            Optional<UUID> id = ReportIds.parse(raw);
            if (id.isPresent()) {
                valid.add(id.get());
            }
            else {
                malformed.add(raw);
            }
        }
        String[] ids = valid.stream().map(UUID::toString).toArray(String[]::new);
        int added = ids.length == 0 ? 0 : jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement(INSERT);
            insert.setString(1, requestedBy);
            insert.setString(2, reason);
            insert.setArray(3, connection.createArrayOf("text", ids));
            return insert;
        });
        return new FlagReport(added, reportIds.size() - malformed.size() - added, malformed);
    }

    /** Flags every report of the tenant whose {@code ReportStatus} is {@code Paused}. */
    public FlagReport flagAllPaused(String requestedBy, String reason) throws InterruptedException {
        List<String> paused = retry.call(partnerCenter::listReports).stream()
                .filter(r -> "Paused".equalsIgnoreCase(r.reportStatus()))
                .map(ScheduledReport::reportId)
                .toList();
        return flag(paused, requestedBy, reason);
    }
}
