package com.reportresumer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ReportGeneratorTest {

    @Test
    void sameSeedSameReportsAndExactStatusMix() {
        List<Report> a = ReportGenerator.generate(500, 0.9, 0.02, 42, 0);
        List<Report> b = ReportGenerator.generate(500, 0.9, 0.02, 42, 0);
        List<Report> c = ReportGenerator.generate(500, 0.9, 0.02, 43, 0);

        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(a.stream().filter(r -> r.reportStatus() == ReportStatus.PAUSED)).hasSize(450);
        assertThat(a.stream().filter(r -> r.reportStatus() == ReportStatus.INACTIVE)).hasSize(10);
        assertThat(a.stream().filter(r -> r.reportStatus() == ReportStatus.ACTIVE)).hasSize(40);
        assertThat(a.stream().map(Report::reportId).distinct()).hasSize(500);
    }

    @Test
    void reportsLookPlausible() {
        List<Report> reports = ReportGenerator.generate(50, 0.8, 0.05, 1, 0);
        assertThat(reports).allSatisfy(r -> {
            assertThat(r.reportId().version()).isEqualTo(4);
            assertThat(r.reportName()).matches("(Daily|Weekly|Monthly|Quarterly|Hourly) [a-z]+ report \\d+");
            assertThat(r.query()).matches("SELECT .+ FROM \\w+ TIMESPAN LAST_\\w+");
            assertThat(UUID.fromString(r.queryId())).isNotNull();
            assertThat(r.recurrenceInterval()).isPositive();
            assertThat(r.recurrenceCount()).isPositive();
            assertThat(r.modifiedTime()).isAfterOrEqualTo(r.createdTime());
            assertThat(r.format()).isIn("csv", "tsv");
            assertThat(r.callbackUrl() == null).isEqualTo(r.callbackMethod() == null);
        });
        assertThat(reports.get(16).reportName()).endsWith(" report 17");
    }

    @Test
    void seedingMoreContinuesTheNumbering() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.builder().reports(5).build())) {
            List<Report> more = sandbox.seed(3, 0, 1.0);
            assertThat(more).extracting(Report::reportName).allMatch(n -> n.matches(".* report [678]"));
            assertThat(more).allMatch(r -> r.reportStatus() == ReportStatus.INACTIVE);
            assertThat(sandbox.reports()).hasSize(8);
        }
    }
}
