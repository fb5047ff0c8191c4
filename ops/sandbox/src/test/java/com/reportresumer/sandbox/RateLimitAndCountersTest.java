package com.reportresumer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class RateLimitAndCountersTest {

    @Test
    void beyondMaxCallsPerSecondTheServerAnswers429WithRetryAfterOne() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.builder().reports(30).pausedShare(1.0).inactiveShare(0)
                .maxCallsPerSecond(5).build())) {
            Http http = new Http(sandbox);
            http.token();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Report r : sandbox.reports()) {
                answers.add(http.resume(r.reportId()));
            }
            long ok = answers.stream().filter(a -> a.statusCode() == 200).count();
            List<HttpResponse<String>> limited = answers.stream().filter(a -> a.statusCode() == 429).toList();

            assertThat(ok + limited.size()).isEqualTo(30);
            assertThat(limited).isNotEmpty();
            assertThat(limited).allSatisfy(a -> assertThat(a.headers().firstValue("Retry-After")).hasValue("1"));
            SandboxCounters c = sandbox.counters();
            long seconds = c.resumeCallsPerSecond().size();
            assertThat(ok).isBetween(5L, 5L * seconds);
            assertThat(sandbox.reports(ReportStatus.ACTIVE)).hasSize((int) ok);
            assertThat(c.faults("rateLimited")).isEqualTo(limited.size());
            assertThat(c.responses(429)).isEqualTo(limited.size());
        }
    }

    @Test
    void noLimitByDefault() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.builder().reports(40).pausedShare(1.0).inactiveShare(0).build())) {
            Http http = new Http(sandbox);
            http.token();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> calls = new ArrayList<>();
                for (Report r : sandbox.reports()) {
                    calls.add(pool.submit(() -> http.resume(r.reportId()).statusCode()));
                }
                for (Future<Integer> f : calls) {
                    assertThat(f.get()).isEqualTo(200);
                }
            } finally {
                pool.shutdown();
            }
            SandboxCounters c = sandbox.counters();
            assertThat(c.resumeCalls()).isEqualTo(40);
            assertThat(c.resumeCallsPerSecond().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(40);
            assertThat(c.maxResumeCallsPerSecond()).isGreaterThanOrEqualTo(40 / c.resumeCallsPerSecond().size());
            assertThat(c.responses(200)).isEqualTo(40);
        }
    }

    @Test
    void countersTrackCallsReportsStatusesAndTokensAndCanBeReset() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.builder().reports(3).pausedShare(1.0).inactiveShare(0).build())) {
            Http http = new Http(sandbox);
            UUID a = sandbox.reports().get(0).reportId();
            UUID b = sandbox.reports().get(1).reportId();
            http.resume(a);
            http.resume(a);
            http.pause(b);
            http.get("/ScheduledReport");
            http.resume(UUID.randomUUID());
            http.send("PUT", "/ScheduledReport/resume/" + b, null, null);

            SandboxCounters c = sandbox.counters();
            assertThat(c.totalCalls()).isEqualTo(6);
            assertThat(c.resumeCalls()).isEqualTo(4);
            assertThat(c.pauseCalls()).isEqualTo(1);
            assertThat(c.tokenRequests()).isEqualTo(1);
            assertThat(c.tokensIssued()).isEqualTo(1);
            assertThat(c.callsFor(a)).isEqualTo(2);
            assertThat(c.callsFor(b)).isEqualTo(2);
            assertThat(c.responses(200)).isEqualTo(4);
            assertThat(c.responses(404)).isEqualTo(1);
            assertThat(c.responses(401)).isEqualTo(1);
            assertThat(c.resumeCallsPerSecond().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(4);

            HttpResponse<String> overHttp = Http.raw("GET", sandbox.baseUrl() + "/_sandbox/counters");
            assertThat(overHttp.statusCode()).isEqualTo(200);
            JsonNode json = Http.json(overHttp);
            assertThat(json.get("totalCalls").asLong()).isEqualTo(6);
            assertThat(json.get("resumeCalls").asLong()).isEqualTo(4);
            assertThat(json.get("tokenRequests").asLong()).isEqualTo(1);
            assertThat(json.get("responsesPerStatus").get("200").asLong()).isEqualTo(4);
            assertThat(json.get("callsPerReport").get(a.toString()).asLong()).isEqualTo(2);
            assertThat(json.get("resumeCallsPerSecond").size()).isGreaterThanOrEqualTo(1);
            assertThat(sandbox.counters().totalCalls()).as("admin calls are not counted").isEqualTo(6);

            assertThat(Http.raw("POST", sandbox.baseUrl() + "/_sandbox/reset-counters").statusCode()).isEqualTo(200);
            SandboxCounters reset = sandbox.counters();
            assertThat(reset.totalCalls()).isZero();
            assertThat(reset.callsPerReport()).isEmpty();
            assertThat(reset.resumeCallsPerSecond()).isEmpty();

            http.resume(a);
            assertThat(sandbox.counters().totalCalls()).isEqualTo(1);
            sandbox.resetCounters();
            assertThat(sandbox.counters().totalCalls()).isZero();
        }
    }

    @Test
    void adminReportsEndpointFiltersByStatus() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.builder().reports(20).pausedShare(0.5).inactiveShare(0.25).build())) {
            JsonNode paused = Http.json(Http.raw("GET", sandbox.baseUrl() + "/_sandbox/reports?status=Paused"));
            assertThat(paused.get("TotalCount").asInt()).isEqualTo(10);
            assertThat(paused.get("Value")).allSatisfy(r -> assertThat(r.get("ReportStatus").asString()).isEqualTo("Paused"));
            JsonNode all = Http.json(Http.raw("GET", sandbox.baseUrl() + "/_sandbox/reports"));
            assertThat(all.get("TotalCount").asInt()).isEqualTo(20);
            assertThat(Http.raw("GET", sandbox.baseUrl() + "/_sandbox/reports?status=Sleeping").statusCode()).isEqualTo(400);
            assertThat(Http.raw("GET", sandbox.baseUrl() + "/_sandbox/health").statusCode()).isEqualTo(200);
        }
    }
}
