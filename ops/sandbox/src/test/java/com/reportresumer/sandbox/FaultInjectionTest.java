package com.reportresumer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class FaultInjectionTest {

    private static SandboxOptions.Builder paused(int reports) {
        return SandboxOptions.builder().reports(reports).pausedShare(1.0).inactiveShare(0.0);
    }

    @Test
    void everyCallFailsWith500AtRateOneAndNothingChanges() throws Exception {
        try (Sandbox sandbox = Sandbox.start(paused(3).failureRate(1.0).build())) {
            Http http = new Http(sandbox);
            for (Report r : sandbox.reports()) {
                HttpResponse<String> resp = http.resume(r.reportId());
                assertThat(resp.statusCode()).isEqualTo(500);
                assertThat(Http.json(resp).get("StatusCode").asInt()).isEqualTo(500);
            }
            assertThat(sandbox.reports(ReportStatus.PAUSED)).hasSize(3);
            assertThat(sandbox.counters().faults("failure")).isEqualTo(3);
        }
    }

    @Test
    void aShareOf500sIsDeterministicForTheSeed() throws Exception {
        List<Integer> first = statuses(paused(200).failureRate(0.3).randomSeed(7).build());
        List<Integer> second = statuses(paused(200).failureRate(0.3).randomSeed(7).build());
        List<Integer> other = statuses(paused(200).failureRate(0.3).randomSeed(8).build());

        long failures = first.stream().filter(s -> s == 500).count();
        assertThat(failures).isBetween(35L, 90L);
        assertThat(first).containsOnly(200, 500);
        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    private static List<Integer> statuses(SandboxOptions options) throws Exception {
        try (Sandbox sandbox = Sandbox.start(options)) {
            Http http = new Http(sandbox);
            List<Integer> out = new ArrayList<>();
            for (Report r : sandbox.reports()) {
                out.add(http.resume(r.reportId()).statusCode());
            }
            return out;
        }
    }

    @Test
    void throttlingAnswers429WithRetryAfter() throws Exception {
        try (Sandbox sandbox = Sandbox.start(paused(2).throttleRate(1.0).retryAfterSeconds(3).build())) {
            HttpResponse<String> r = new Http(sandbox).resume(sandbox.reports().get(0).reportId());

            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("3");
            assertThat(Http.json(r).get("StatusCode").asInt()).isEqualTo(429);
            assertThat(sandbox.reports(ReportStatus.PAUSED)).hasSize(2);
        }
    }

    @Test
    void explicitForbiddenAndRejectedReportsAlwaysAnswer403And400() throws Exception {
        UUID unknownButForbidden = UUID.randomUUID();
        try (Sandbox sandbox = Sandbox.start(paused(4).build())) {
            UUID forbidden = sandbox.reports().get(0).reportId();
            UUID rejected = sandbox.reports().get(1).reportId();
            sandbox.close();
            try (Sandbox faulty = Sandbox.start(paused(4).forbiddenReports(Set.of(forbidden, unknownButForbidden))
                    .rejectedReports(Set.of(rejected)).build())) {
                Http http = new Http(faulty);
                for (int i = 0; i < 3; i++) {
                    assertThat(http.resume(forbidden).statusCode()).isEqualTo(403);
                    assertThat(http.pause(forbidden).statusCode()).isEqualTo(403);
                    assertThat(http.resume(rejected).statusCode()).isEqualTo(400);
                }
                assertThat(http.resume(unknownButForbidden).statusCode()).isEqualTo(403);
                assertThat(Http.json(http.resume(forbidden)).get("Message").asString()).contains("not authorized");
                assertThat(http.resume(faulty.reports().get(2).reportId()).statusCode()).isEqualTo(200);
                assertThat(faulty.report(forbidden).orElseThrow().reportStatus()).isEqualTo(ReportStatus.PAUSED);
                assertThat(faulty.forbiddenReports()).contains(forbidden, unknownButForbidden);
                assertThat(faulty.rejectedReports()).containsExactly(rejected);
                assertThat(faulty.counters().faults("forbidden")).isEqualTo(8);
                assertThat(faulty.counters().faults("rejected")).isEqualTo(3);
            }
        }
    }

    @Test
    void sharesOfForbiddenAndRejectedReportsArePerReport() throws Exception {
        try (Sandbox sandbox = Sandbox.start(paused(200).forbiddenShare(0.2).rejectedShare(0.1).build())) {
            Set<UUID> forbidden = sandbox.forbiddenReports();
            Set<UUID> rejected = sandbox.rejectedReports();
            assertThat(forbidden.size()).isBetween(20, 60);
            assertThat(rejected.size()).isBetween(8, 40);
            assertThat(forbidden).doesNotContainAnyElementsOf(rejected);

            Http http = new Http(sandbox);
            for (Report r : sandbox.reports()) {
                int expected = forbidden.contains(r.reportId()) ? 403 : rejected.contains(r.reportId()) ? 400 : 200;
                assertThat(http.resume(r.reportId()).statusCode()).isEqualTo(expected);
                assertThat(http.resume(r.reportId()).statusCode()).isEqualTo(expected); // same answer on every call
            }
            assertThat(sandbox.reports(ReportStatus.ACTIVE)).hasSize(200 - forbidden.size() - rejected.size());
        }
    }

    @Test
    void garbageBodiesAre200WithNonJsonAndTheChangeStillHappens() throws Exception {
        try (Sandbox sandbox = Sandbox.start(paused(2).garbageRate(1.0).build())) {
            UUID id = sandbox.reports().get(0).reportId();
            HttpResponse<String> r = new Http(sandbox).resume(id);

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(Sandbox.GARBAGE_BODY);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            assertThatThrownBy(() -> Http.json(r)).isInstanceOf(RuntimeException.class);
            assertThat(sandbox.report(id).orElseThrow().reportStatus()).isEqualTo(ReportStatus.ACTIVE);
            assertThat(sandbox.counters().faults("garbage")).isEqualTo(1);
        }
    }

    @Test
    void hungCallsOutlastAClientTimeoutThenAnswer() throws Exception {
        try (Sandbox sandbox = Sandbox.start(paused(2).hangRate(1.0).hangDuration(Duration.ofMillis(1500)).build())) {
            Http http = new Http(sandbox);
            String token = http.token();
            UUID first = sandbox.reports().get(0).reportId();

            assertThatThrownBy(() -> http.send("PUT", "/ScheduledReport/resume/" + first, token, Duration.ofMillis(300)))
                    .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(HttpTimeoutException.class);

            UUID second = sandbox.reports().get(1).reportId();
            long start = System.nanoTime();
            HttpResponse<String> r = http.send("PUT", "/ScheduledReport/resume/" + second, token, null);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(millis).isGreaterThanOrEqualTo(1400);
            assertThat(sandbox.counters().faults("hang")).isEqualTo(2);
        }
    }

    @Test
    void closeCutsHungCallsShortAndDropsTheirConnections() throws Exception {
        Sandbox sandbox = Sandbox.start(paused(1).hangRate(1.0).hangDuration(Duration.ofSeconds(60)).build());
        Http http = new Http(sandbox);
        String token = http.token();
        UUID id = sandbox.reports().get(0).reportId();
        CompletableFuture<HttpResponse<String>> call =
                CompletableFuture.supplyAsync(() -> http.send("PUT", "/ScheduledReport/resume/" + id, token, null));
        Thread.sleep(300);
        assertThat(call).isNotDone();

        long start = System.nanoTime();
        sandbox.close();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
        assertThatThrownBy(() -> call.get(3, java.util.concurrent.TimeUnit.SECONDS))
                .hasCauseInstanceOf(UncheckedIOException.class);
    }

    @Test
    void latencyAndJitterDelayEveryAnswerWithinTheirBounds() throws Exception {
        try (Sandbox sandbox = Sandbox.start(paused(12).latency(Duration.ofMillis(100)).jitter(Duration.ofMillis(20)).build())) {
            Http http = new Http(sandbox);
            http.token();
            List<Long> times = new ArrayList<>();
            for (Report r : sandbox.reports()) {
                long start = System.nanoTime();
                assertThat(http.resume(r.reportId()).statusCode()).isEqualTo(200);
                times.add((System.nanoTime() - start) / 1_000_000);
            }
            assertThat(times).allMatch(t -> t >= 78 && t < 400);
            assertThat(times.stream().mapToLong(Long::longValue).max().orElseThrow()
                    - times.stream().mapToLong(Long::longValue).min().orElseThrow()).isGreaterThan(5);
        }
    }

    @Test
    void faultRatesMustNotSumAboveOne() {
        assertThatThrownBy(() -> SandboxOptions.builder().failureRate(0.6).throttleRate(0.6).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxOptions.builder().pausedShare(0.9).inactiveShare(0.2).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
