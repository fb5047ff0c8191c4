package com.reportresumer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class CasingTest {

    @Test
    void pascalCaseIsTheDefault() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.builder().reports(3).pausedShare(1.0).inactiveShare(0).build())) {
            Http http = new Http(sandbox);
            JsonNode body = Http.json(http.resume(sandbox.reports().get(0).reportId()));

            assertThat(Http.names(body)).containsExactly("Value", "TotalCount", "Message", "StatusCode");
            assertThat(Http.names(body.get("Value").get(0))).containsExactly("ReportId", "ReportName", "Description",
                    "QueryId", "Query", "User", "CreatedTime", "ModifiedTime", "ExecuteNow", "StartTime", "ReportStatus",
                    "RecurrenceInterval", "RecurrenceCount", "CallbackUrl", "CallbackMethod", "Format");
            assertThat(body.get("Value").get(0).get("ReportStatus").asString()).isEqualTo("Active");
        }
    }

    @Test
    void camelCaseAddsNextLinkAndDataRedacted() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.builder().reports(3).pausedShare(1.0).inactiveShare(0)
                .casing(Casing.CAMEL).build())) {
            Http http = new Http(sandbox);
            JsonNode body = Http.json(http.resume(sandbox.reports().get(0).reportId()));

            assertThat(Http.names(body)).containsExactly("value", "totalCount", "message", "statusCode", "nextLink", "dataRedacted");
            assertThat(body.get("nextLink").isNull()).isTrue();
            assertThat(body.get("dataRedacted").asBoolean()).isFalse();
            assertThat(body.get("statusCode").asInt()).isEqualTo(200);
            JsonNode report = body.get("value").get(0);
            assertThat(Http.names(report)).containsExactly("reportId", "reportName", "description", "queryId", "query",
                    "user", "createdTime", "modifiedTime", "executeNow", "startTime", "reportStatus", "recurrenceInterval",
                    "recurrenceCount", "callbackUrl", "callbackMethod", "format");
            assertThat(report.get("reportStatus").asString()).isEqualTo("Active");

            HttpResponse<String> notFound = http.resume(UUID.randomUUID());
            assertThat(notFound.statusCode()).isEqualTo(404);
            assertThat(Http.names(Http.json(notFound))).contains("value", "statusCode", "message");
            assertThat(Http.json(notFound).get("statusCode").asInt()).isEqualTo(404);
        }
    }
}
