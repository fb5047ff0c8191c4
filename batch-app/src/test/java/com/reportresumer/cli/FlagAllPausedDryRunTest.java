package com.reportresumer.cli;

import static com.reportresumer.testsupport.PartnerCenterStandIn.okJson;
import static com.reportresumer.testsupport.PartnerCenterStandIn.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.sandbox.Report;
import com.reportresumer.sandbox.ReportStatus;
import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code flag --all-paused --dry-run} on the sandbox: the tenant's Paused reports listed page by page, exactly as
 * {@code flag --all-paused} walks them (retries, next pages, a page lost half-way), and nothing flagged.
 */
class FlagAllPausedDryRunTest {

    @RegisterExtension
    final ResumerEnvironment env = ResumerEnvironment.forCommands();

    @Test
    void flagAllPausedDryRunListsThePausedReportsAndFlagsNothing() {
        Report daily = env.api().sandbox().addReport("Daily customers", ReportStatus.PAUSED);
        Report pending = env.api().sandbox().addReport("Orders by region", ReportStatus.PAUSED);
        Report active = env.api().sandbox().addReport("Always on", ReportStatus.ACTIVE);
        env.requests().flag(" " + pending.reportId().toString().toUpperCase());

        CliRun dry = env.cli("flag", "--all-paused", "--dry-run");

        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out().lines()).containsExactlyInAnyOrder("REPORT ID                             NAME",
                daily.reportId() + "  Daily customers",
                pending.reportId() + "  Orders by region  (already pending)",
                "1 would be added, 1 already pending, 0 malformed (dry run: nothing was flagged)");
        assertThat(dry.out()).doesNotContain(active.reportId().toString());
        assertThat(env.requests().count("SELECT count(*) FROM resume_request")).isEqualTo(1);
        assertThat(env.api().resumeCalls()).isEmpty();
        assertThat(env.api().allUrls()).anyMatch(u -> u.endsWith("/ScheduledReport"));
    }

    @Test
    void flagAllPausedDryRunPagesThroughTheListingAsFlagDoes() {
        String first = id(), second = id();
        env.api().script().answerList(okJson("""
                {"value":[{"reportId":"%s","reportName":"First","reportStatus":"Paused"},
                          {"reportId":"%s","reportName":"Elsewhere","reportStatus":"Active"}],
                 "nextLink":"https://api.partnercenter.microsoft.com/insights/v1/mpn/ScheduledReport?continuationToken=p2"}"""
                .formatted(first, id())));
        env.api().script().answerListWhere("continuationToken", "p2", status(503, "busy"), okJson("""
                {"value":[{"reportId":"%s","reportName":"Second","reportStatus":"paused"},
                          {"reportId":"{not-a-uuid}","reportName":"Odd","reportStatus":"Paused"}],
                 "nextLink":null}""".formatted(second)));

        CliRun dry = env.cli("flag", "--all-paused", "--dry-run");

        // the second page failed once and was asked again, as flag --all-paused does
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains(first + "  First", second + "  Second",
                "2 would be added, 0 already pending, 1 malformed (dry run: nothing was flagged)")
                .containsPattern("\\{not-a-uuid\\} +Odd  \\(malformed: not a UUID, would not be flagged\\)");
        assertThat(env.api().allUrls().stream().filter(u -> u.contains("continuationToken=p2"))).hasSize(2);
        assertThat(env.requests().count("SELECT count(*) FROM resume_request")).isZero();
    }

    @Test
    void flagAllPausedDryRunThatLosesTheListingHalfWaySaysNothingWasFlagged() {
        env.api().script().answerList(okJson("""
                {"value":[{"reportId":"%s","reportStatus":"Paused"}],
                 "nextLink":"https://api.partnercenter.microsoft.com/insights/v1/mpn/ScheduledReport?continuationToken=p2"}"""
                .formatted(id())));
        env.api().script().answerListWhere("continuationToken", "p2", status(503, "busy"));

        CliRun dry = env.cli("flag", "--all-paused", "--dry-run");

        assertThat(dry.exitCode()).as(dry.toString()).isEqualTo(1);
        assertThat(dry.err().lines()).singleElement().asString().startsWith("report-resumer: Partner Center: ")
                .contains("page 2", "1 paused reports listed from the pages before; nothing was flagged",
                        "HTTP 503: busy");
        assertThat(env.requests().count("SELECT count(*) FROM resume_request")).isZero();
    }

    @Test
    void dryRunGoesWithAllPausedOnly() {
        assertOneLineUsage(env.cli("flag", id(), "--dry-run"), "--dry-run goes with --all-paused only");
        assertThat(env.requests().count("SELECT count(*) FROM resume_request")).isZero();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static void assertOneLineUsage(CliRun result, String mention) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains(mention);
        assertThat(result.out()).isEmpty();
    }
}
