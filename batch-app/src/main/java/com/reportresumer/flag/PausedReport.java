package com.reportresumer.flag;

/**
 * A Paused report of the tenant's listing as {@code flag --all-paused --dry-run} shows it: what flagging it would
 * do.
 *
 * @param reportId canonical when it is a UUID, else as the API gave it
 * @param reportName as the API gave it; may be null
 */
public record PausedReport(String reportId, String reportName, WouldBe wouldBe) {

    /** What {@code flag --all-paused} would do with it. */
    public enum WouldBe {
        ADDED, ALREADY_PENDING, MALFORMED
    }
}
