package com.reportresumer.flag;

import com.reportresumer.partnercenter.PartnerCenterClient;
import com.reportresumer.partnercenter.ScheduledReport;
import com.reportresumer.resume.ReportIds;
import com.reportresumer.resume.TransientRetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * {@code flag --all-paused}: asks the API for the tenant's reports and flags the {@code Paused} ones through
 * {@link ReportFlagger}, or lists them as a dry run. The only part of flagging that needs the Partner Center client:
 * flagging given IDs does not start one.
 */
@Component
public class PausedFlagger {

    private final ReportFlagger flagger;
    private final ReportListing listing;

    PausedFlagger(ReportFlagger flagger, PartnerCenterClient partnerCenter, TransientRetry retry) {
        this.flagger = flagger;
        this.listing = new ReportListing(partnerCenter, retry);
    }

    /**
     * Flags every report of the tenant whose {@code ReportStatus} is {@code Paused}, page by page as the listing
     * arrives (each page retried as one call). The pages already flagged stay flagged when a later one fails:
     * running it again adds only what is missing.
     */
    public FlagReport flagAllPaused(String requestedBy, String reason) throws InterruptedException {
        FlagReport[] total = { new FlagReport(0, 0, List.of()) };
        // each page in a transaction of its own
        listing.forEachPausedPage(paused -> total[0] = total[0].plus(flagger.flag(
                paused.stream().map(ScheduledReport::reportId),
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
            Set<String> pending = flagger.pendingAmong(canonical);
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

}
