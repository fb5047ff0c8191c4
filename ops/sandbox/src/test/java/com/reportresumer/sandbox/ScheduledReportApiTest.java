package com.reportresumer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class ScheduledReportApiTest extends OnRunningSandbox {

    Report paused;
    Report active;
    Report inactive;

    ScheduledReportApiTest() {
        super(RunningSandbox.with(SandboxOptions.builder().reports(0).build()));
    }

    @BeforeEach
    void addReports() {
        Instant created = Instant.parse("2024-02-01T10:00:00Z");
        paused = sandbox.addReport(new Report(UUID.randomUUID(), "Daily customers report 1", "desc", "q-1",
                "SELECT CustomerId FROM Customers TIMESPAN LAST_MONTH", "ops@contoso.example", created, created, false,
                created, ReportStatus.PAUSED, 24, 10, null, null, "csv"));
        active = sandbox.addReport(Report.of(UUID.randomUUID(), "Weekly revenue report 2", ReportStatus.ACTIVE)
                .withStatus(ReportStatus.ACTIVE, created));
        inactive = sandbox.addReport(Report.of(UUID.randomUUID(), "Monthly usage report 3", ReportStatus.INACTIVE));
    }

    @Test
    void withoutTokenOrWithAnUnknownTokenTheApiAnswers401WithTheEnvelope() {
        HttpResponse<String> none = http.send("PUT", "/ScheduledReport/resume/" + paused.reportId(), null, null);
        HttpResponse<String> bogus = http.send("PUT", "/ScheduledReport/resume/" + paused.reportId(), "not-a-token", null);

        for (HttpResponse<String> r : List.of(none, bogus)) {
            assertThat(errorMessage(r, 401)).startsWith("Unauthorized");
        }
        assertThat(sandbox.report(paused.reportId()).orElseThrow().reportStatus()).isEqualTo(ReportStatus.PAUSED);
    }

    @Test
    void resumeOfAPausedReportMakesItActive() {
        HttpResponse<String> r = http.resume(paused.reportId());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = Http.json(r);
        assertThat(body.get("StatusCode").asInt()).isEqualTo(200);
        assertThat(body.get("TotalCount").asInt()).isEqualTo(1);
        JsonNode report = body.get("Value").get(0);
        assertThat(report.get("ReportId").asString()).isEqualTo(paused.reportId().toString());
        assertThat(report.get("ReportStatus").asString()).isEqualTo("Active");
        assertThat(report.get("CreatedTime").asString()).isEqualTo("2024-02-01T10:00:00Z");
        assertThat(report.get("ModifiedTime").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(report.get("ModifiedTime").asString()).isNotEqualTo("2024-02-01T10:00:00Z");
        assertThat(report.get("CallbackUrl").isNull()).isTrue();
        assertThat(report.get("RecurrenceInterval").asInt()).isEqualTo(24);
        assertThat(sandbox.report(paused.reportId()).orElseThrow().reportStatus()).isEqualTo(ReportStatus.ACTIVE);
    }

    @Test
    void resumeOfAnActiveReportIs200AndLeavesItUnchanged() {
        HttpResponse<String> r = http.resume(active.reportId());

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode report = Http.json(r).get("Value").get(0);
        assertThat(report.get("ReportStatus").asString()).isEqualTo("Active");
        assertThat(Http.json(r).get("Message").asString()).contains("already Active");
        assertThat(sandbox.report(active.reportId()).orElseThrow()).isEqualTo(active);
    }

    @Test
    void resumeOfAnInactiveReportIs400() {
        HttpResponse<String> r = http.resume(inactive.reportId());

        assertThat(errorMessage(r, 400)).contains("Inactive");
        assertThat(sandbox.report(inactive.reportId()).orElseThrow().reportStatus()).isEqualTo(ReportStatus.INACTIVE);
    }

    @Test
    void unknownReportIs404() {
        HttpResponse<String> r = http.resume(UUID.randomUUID());

        assertThat(errorMessage(r, 404)).contains("not found");
    }

    @Test
    void malformedIdIs400() {
        for (String bad : List.of("not-a-uuid", "1-1-1-1-1", "12345678-1234-1234-1234-1234567890123")) {
            HttpResponse<String> r = http.resume(bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(Http.json(r).get("Message").asString()).contains("UUID");
        }
    }

    @Test
    void pauseIsTheMirrorImage() {
        HttpResponse<String> r = http.pause(active.reportId());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.json(r).get("Value").get(0).get("ReportStatus").asString()).isEqualTo("Paused");
        assertThat(sandbox.report(active.reportId()).orElseThrow().reportStatus()).isEqualTo(ReportStatus.PAUSED);

        HttpResponse<String> again = http.pause(active.reportId());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Http.json(again).get("Message").asString()).contains("already Paused");

        assertThat(http.pause(inactive.reportId()).statusCode()).isEqualTo(400);
        assertThat(http.pause(UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(http.resume(active.reportId()).statusCode()).isEqualTo(200);
        assertThat(sandbox.report(active.reportId()).orElseThrow().reportStatus()).isEqualTo(ReportStatus.ACTIVE);
    }

    @Test
    void getListsAllReportsAndFiltersByIdNameAndQueryId() {
        JsonNode all = Http.json(http.get("/ScheduledReport"));
        assertThat(all.get("TotalCount").asInt()).isEqualTo(3);
        assertThat(all.get("Value").size()).isEqualTo(3);

        JsonNode byId = Http.json(http.get("/ScheduledReport?reportId=" + inactive.reportId()));
        assertThat(byId.get("TotalCount").asInt()).isEqualTo(1);
        assertThat(byId.get("Value").get(0).get("ReportStatus").asString()).isEqualTo("Inactive");

        JsonNode twoIds = Http.json(http.get("/ScheduledReport?reportId=" + paused.reportId() + ";" + active.reportId()));
        assertThat(twoIds.get("TotalCount").asInt()).isEqualTo(2);

        JsonNode byName = Http.json(http.get("/ScheduledReport?reportName=Weekly%20revenue%20report%202"));
        assertThat(byName.get("TotalCount").asInt()).isEqualTo(1);
        assertThat(byName.get("Value").get(0).get("ReportId").asString()).isEqualTo(active.reportId().toString());

        JsonNode byQuery = Http.json(http.get("/ScheduledReport?queryId=q-1"));
        assertThat(byQuery.get("Value").get(0).get("ReportId").asString()).isEqualTo(paused.reportId().toString());

        JsonNode none = Http.json(http.get("/ScheduledReport?reportName=nothing"));
        assertThat(none.get("TotalCount").asInt()).isZero();

        assertThat(http.get("/ScheduledReport?reportId=nope").statusCode()).isEqualTo(400);
    }

    @Test
    void executionHistoryMayBeEmptyAndUnknownRoutesAre404Or405() {
        HttpResponse<String> exec = http.get("/ScheduledReport/execution/" + paused.reportId() + "?getLatestExecution=true");
        assertThat(exec.statusCode()).isEqualTo(200);
        assertThat(Http.json(exec).get("Value").size()).isZero();
        assertThat(Http.json(exec).get("TotalCount").asInt()).isZero();
        assertThat(http.get("/ScheduledReport/execution/" + UUID.randomUUID()).statusCode()).isEqualTo(404);

        assertThat(http.get("/Nothing").statusCode()).isEqualTo(404);
        assertThat(http.get("/ScheduledReport/resume/" + paused.reportId()).statusCode()).isEqualTo(405);
        assertThat(Http.raw("GET", sandbox.baseUrl() + "/elsewhere").statusCode()).isEqualTo(404);
    }

    @Test
    void reportsAddedOrSeededFromJavaAreServed() {
        List<Report> more = sandbox.seed(10, 1.0, 0.0);
        assertThat(more).hasSize(10).allMatch(r -> r.reportStatus() == ReportStatus.PAUSED);
        Report added = sandbox.addReport("Hourly orders report 99", ReportStatus.PAUSED);

        assertThat(sandbox.reports()).hasSize(14);
        assertThat(sandbox.reports(ReportStatus.PAUSED)).hasSize(12);
        assertThat(http.resume(added.reportId()).statusCode()).isEqualTo(200);
        assertThat(http.resume(more.get(3).reportId()).statusCode()).isEqualTo(200);
        assertThat(sandbox.reports(ReportStatus.PAUSED)).hasSize(10);
    }

    /** An error: {@code status}, the envelope with the same status code around no report; its message. */
    private static String errorMessage(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = Http.json(r);
        assertThat(body.get("StatusCode").asInt()).isEqualTo(status);
        assertThat(body.get("Value").size()).isZero();
        assertThat(body.get("TotalCount").asInt()).isZero();
        return body.get("Message").asString();
    }
}
