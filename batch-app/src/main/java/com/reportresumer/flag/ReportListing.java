package com.reportresumer.flag;

import com.reportresumer.partnercenter.PartnerCenterClient;
import com.reportresumer.partnercenter.PartnerCenterException;
import com.reportresumer.partnercenter.ReportPage;
import com.reportresumer.partnercenter.ScheduledReport;
import com.reportresumer.resume.TransientRetry;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one walk through the tenant's listing of reports, page by page as each page arrives (each page retried as one
 * call), never more than one page held: its {@code Paused} reports for {@link PausedFlagger}, every report for
 * {@link RunPlan}. What is done with them is the caller's: this is the API side, the database side stays there.
 */
final class ReportListing {

    /** A listing longer than this is not plausible: its nextLink goes round in circles. */
    private static final int MAX_PAGES = 10_000;

    private final PartnerCenterClient partnerCenter;
    private final TransientRetry retry;

    ReportListing(PartnerCenterClient partnerCenter, TransientRetry retry) {
        this.partnerCenter = partnerCenter;
        this.retry = retry;
    }

    /** Hands each page's {@code Paused} reports to {@code page} as the page arrives ({@link #forEachPage}). */
    void forEachPausedPage(Consumer<List<ScheduledReport>> page, Supplier<String> soFar) throws InterruptedException {
        forEachPage(reports -> page.accept(reports.stream().filter(r -> "Paused".equalsIgnoreCase(r.reportStatus()))
                .toList()), soFar);
    }

    /**
     * Hands each page's reports to {@code page} as the page arrives. {@code soFar} says, when a later page fails,
     * what was done with the pages before.
     */
    void forEachPage(Consumer<List<ScheduledReport>> page, Supplier<String> soFar) throws InterruptedException {
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
            page.accept(listing.reports());
            if (listing.last()) {
                return;
            }
            query = listing.nextQuery();
        }
        throw new PartnerCenterException.Transient(200, "the report listing did not end after " + MAX_PAGES
                + " pages (" + soFar.get() + ")", null, null);
    }
}
