package com.reportresumer.flag;

import com.reportresumer.partnercenter.PartnerCenterClient;
import com.reportresumer.partnercenter.PartnerCenterException;
import com.reportresumer.partnercenter.ReportPage;
import com.reportresumer.partnercenter.ScheduledReport;
import com.reportresumer.resume.ReportIds;
import com.reportresumer.resume.TransientRetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * {@code flag --all-paused}: asks the API for the tenant's reports and flags the {@code Paused} ones through
 * {@link ReportFlagger}, or lists them as a dry run. The only part of flagging that needs the Partner Center client:
 * flagging given IDs does not start one.
 */
@Component
public class PausedFlagger {

    /** A listing longer than this is not plausible: its nextLink goes round in circles. */
    private static final int MAX_PAGES = 10_000;

    private final ReportFlagger flagger;
    private final PartnerCenterClient partnerCenter;
    private final TransientRetry retry;

    PausedFlagger(ReportFlagger flagger, PartnerCenterClient partnerCenter, TransientRetry retry) {
        this.flagger = flagger;
        this.partnerCenter = partnerCenter;
        this.retry = retry;
    }

    /**
     * Flags every report of the tenant whose {@code ReportStatus} is {@code Paused}, page by page as the listing
     * arrives (each page retried as one call). The pages already flagged stay flagged when a later one fails:
     * running it again adds only what is missing.
     */
    public FlagReport flagAllPaused(String requestedBy, String reason) throws InterruptedException {
        FlagReport[] total = { new FlagReport(0, 0, List.of()) };
        // each page in a transaction of its own
        eachPausedPage(paused -> total[0] = total[0].plus(flagger.flag(paused.stream().map(ScheduledReport::reportId),
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
        eachPausedPage(paused -> {
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

    /**
     * The one walk through the tenant's listing: hands each page's {@code Paused} reports to {@code page} as the
     * page arrives (each page retried as one call), never holding more than one page. {@code soFar} says, when a
     * later page fails, what was done with the pages before.
     */
    private void eachPausedPage(Consumer<List<ScheduledReport>> page, Supplier<String> soFar)
            throws InterruptedException {
        Map<String, String> query = Map.of();
        for (int number = 1; number <= MAX_PAGES; number++) {
            Map<String, String> pageQuery = query;
            ReportPage listing;
            try {
                listing = retry.call(() -> partnerCenter.listReports(pageQuery));
            }
            catch (PartnerCenterException.Transient failure) {
                throw number == 1 ? failure : new PartnerCenterException.Transient(failure.httpStatus(),
                        "the report listing failed at page " + number + " (" + soFar.get() + "): "
                                + failure.getMessage(), null, null);
            }
            page.accept(listing.reports().stream().filter(r -> "Paused".equalsIgnoreCase(r.reportStatus())).toList());
            if (listing.last()) {
                return;
            }
            query = listing.nextQuery();
        }
        throw new PartnerCenterException.Transient(200, "the report listing did not end after " + MAX_PAGES
                + " pages (" + soFar.get() + ")", null, null);
    }
}
