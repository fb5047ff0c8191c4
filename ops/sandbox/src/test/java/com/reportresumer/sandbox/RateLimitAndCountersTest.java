package com.reportresumer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
            List<Sent> sent = new ArrayList<>();
            waitForTheStartOfASecond();
            for (Report r : sandbox.reports()) {
                long from = epochSecond();
                HttpResponse<String> answer = http.resume(r.reportId());
                answers.add(answer);
                sent.add(new Sent(from, epochSecond(), answer.statusCode()));
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
            assertCountedPerSecond(sent, c.resumeCallsPerSecond());
            // in every second, exactly the first 5 calls were let through (exact whenever no call straddled a second
            // boundary, which on loopback is the rule: 30 calls take a few milliseconds)
            if (sent.stream().allMatch(Sent::inOneSecond)) {
                Map<Long, List<Sent>> bySecond = new TreeMap<>();
                sent.forEach(x -> bySecond.computeIfAbsent(x.from(), k -> new ArrayList<>()).add(x));
                bySecond.forEach((second, calls) -> {
                    assertThat(calls.stream().filter(x -> x.status() == 200).count()).as("200s in second " + second)
                            .isEqualTo(Math.min(calls.size(), 5));
                    assertThat(calls.subList(0, Math.min(calls.size(), 5))).as("the first 5 of second " + second)
                            .allSatisfy(x -> assertThat(x.status()).isEqualTo(200));
                });
            }
        }
    }

    @Test
    void perSecondCountersMatchCallsSentAtAKnownPaceAndTheBusiestSecondStaysWithinTheLimit() throws Exception {
        int[] pace = { 4, 2, 4 }; // calls in three consecutive wall-clock seconds, under a limit of 5
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.builder().reports(10).pausedShare(1.0).inactiveShare(0)
                .maxCallsPerSecond(5).build())) {
            Http http = new Http(sandbox);
            http.token();
            List<Report> reports = sandbox.reports();
            List<Sent> sent = new ArrayList<>();
            int next = 0;
            waitForTheStartOfASecond();
            long first = epochSecond();
            for (int second = 0; second < pace.length; second++) {
                waitUntil((first + second) * 1000 + 100);
                for (int i = 0; i < pace[second]; i++) {
                    long from = epochSecond();
                    int status = http.resume(reports.get(next++).reportId()).statusCode();
                    sent.add(new Sent(from, epochSecond(), status));
                }
            }

            SandboxCounters c = sandbox.counters();
            assertThat(sent).extracting(Sent::status).containsOnly(200);
            assertThat(c.resumeCalls()).isEqualTo(10);
            assertThat(c.responses(200)).isEqualTo(10);
            assertThat(c.faults("rateLimited")).isZero();
            assertCountedPerSecond(sent, c.resumeCallsPerSecond());
            if (sent.stream().allMatch(Sent::inOneSecond)) {
                assertThat(c.resumeCallsPerSecond()).isEqualTo(Map.of(first, 4L, first + 1, 2L, first + 2, 4L));
                assertThat(c.maxResumeCallsPerSecond()).isEqualTo(4);
            }
            assertThat(c.maxResumeCallsPerSecond()).isBetween(4L, 5L);
        }
    }

    @Test
    void noLimitByDefault() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.builder().reports(40).pausedShare(1.0).inactiveShare(0).build())) {
            Http http = new Http(sandbox);
            http.token();
            List<Sent> sent = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            waitForTheStartOfASecond();
            try {
                List<Future<Sent>> calls = new ArrayList<>();
                for (Report r : sandbox.reports()) {
                    calls.add(pool.submit(() -> {
                        long from = epochSecond();
                        int status = http.resume(r.reportId()).statusCode();
                        return new Sent(from, epochSecond(), status);
                    }));
                }
                for (Future<Sent> f : calls) {
                    sent.add(f.get());
                }
            } finally {
                pool.shutdown();
            }
            assertThat(sent).extracting(Sent::status).containsOnly(200);
            SandboxCounters c = sandbox.counters();
            assertThat(c.resumeCalls()).isEqualTo(40);
            assertThat(c.responses(200)).isEqualTo(40);
            assertCountedPerSecond(sent, c.resumeCallsPerSecond());
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
            // every field of the snapshot, under the names the bench and scripts read
            assertThat(json.get("pauseCalls").asLong()).isEqualTo(1);
            assertThat(json.get("tokensIssued").asLong()).isEqualTo(1);
            assertThat(json.get("maxResumeCallsPerSecond").asLong()).isEqualTo(c.maxResumeCallsPerSecond());
            assertThat(json.get("responsesPerStatus").get("404").asLong()).isEqualTo(1);
            assertThat(json.get("faultsInjected").isObject()).isTrue();
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

    /** A resume call: the epoch seconds (this JVM's clock, the sandbox's too) when it was sent and answered. */
    private record Sent(long from, long to, int status) {
        boolean inOneSecond() {
            return from == to;
        }
    }

    /**
     * The sandbox counts a call in the second it arrived, which lies between the second it was sent and the second
     * its answer came back. So each second's count is at least the calls sent and answered within it, at most those
     * plus the calls that straddled it; the counts add up to the calls sent, and no other second has any. Whenever no
     * call straddled a second boundary, that is an exact match.
     */
    private static void assertCountedPerSecond(List<Sent> sent, Map<Long, Long> counted) {
        Map<Long, Long> atLeast = new HashMap<>();
        Map<Long, Long> atMost = new HashMap<>();
        for (Sent x : sent) {
            if (x.inOneSecond()) {
                atLeast.merge(x.from(), 1L, Long::sum);
            }
            for (long second = x.from(); second <= x.to(); second++) {
                atMost.merge(second, 1L, Long::sum);
            }
        }
        assertThat(counted.values().stream().mapToLong(Long::longValue).sum()).as("calls counted per second, in all")
                .isEqualTo(sent.size());
        assertThat(atMost.keySet()).as("seconds with calls").containsAll(counted.keySet());
        atMost.forEach((second, most) -> assertThat(counted.getOrDefault(second, 0L)).as("calls counted in second " + second)
                .isBetween(atLeast.getOrDefault(second, 0L), most));
        if (sent.stream().allMatch(Sent::inOneSecond)) {
            assertThat(counted).isEqualTo(atLeast);
        }
    }

    private static long epochSecond() {
        return System.currentTimeMillis() / 1000;
    }

    /** Sleeps until 100 ms into the next wall-clock second, so that a quick burst of calls falls within one second. */
    private static void waitForTheStartOfASecond() throws InterruptedException {
        waitUntil((epochSecond() + 1) * 1000 + 100);
    }

    private static void waitUntil(long epochMilli) throws InterruptedException {
        long wait = epochMilli - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }
}
