package com.reportresumer.resume;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.UnitTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link JobPace}'s limit on calls in flight (Netflix's AIMD limit): down on a 429, back up on answers. */
@UnitTest
class JobPaceTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    // no database: the pace's meters are read here, never the one of the last success
    private final JobPace pace = new JobPace(properties(8), new CallPacer(properties(8)),
            new ResumeMetrics(registry, new JdbcTemplate()));

    private static ResumeJobProperties properties(int concurrency) {
        return new ResumeJobProperties(50, concurrency, 4,
                new ResumeJobProperties.Backoff(Duration.ofMillis(500), 2, Duration.ofSeconds(30)), 0, 20,
                Duration.ofSeconds(30), Duration.ofMinutes(15));
    }

    private List<JobPace.Call> inFlight(int n) throws InterruptedException {
        List<JobPace.Call> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JobPace.Call call = pace.newCall();
            call.awaitTurn();
            calls.add(call);
        }
        return calls;
    }

    @Test
    void theLimitStartsAtConcurrencyHalvesOnceAnEpisodeAndClimbsBackOnAnswers() throws Exception {
        assertThat(pace.limit()).isEqualTo(8);
        List<JobPace.Call> calls = inFlight(8);

        calls.get(0).throttled(Duration.ZERO);
        assertThat(pace.limit()).isEqualTo(4);
        // the other calls were sent before the cut: the same congestion, no second cut
        for (JobPace.Call call : calls.subList(1, 8)) {
            call.throttled(Duration.ZERO);
        }
        assertThat(pace.limit()).isEqualTo(4);
        assertThat(registry.get("resumer.pace.limit").gauge().value()).isEqualTo(4);
        assertThat(registry.get("resumer.pace.rate").gauge().value()).isZero(); // nothing got through to measure

        List<Integer> limits = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            for (JobPace.Call call : inFlight(pace.limit())) {
                call.answered();
            }
            limits.add(pace.limit());
        }
        assertThat(limits).as("limit after each round of answers").isSorted().endsWith(8, 8)
                .allSatisfy(limit -> assertThat(limit).isBetween(4, 8));
        assertThat(pace.summary().throttledAnswers()).isEqualTo(8);
    }

    @Test
    void callsWithoutAnAnswerNeitherRaiseNorLowerTheLimit() throws Exception {
        inFlight(1).get(0).throttled(Duration.ZERO);
        assertThat(pace.limit()).isEqualTo(4);
        for (int i = 0; i < 20; i++) {
            for (JobPace.Call call : inFlight(4)) {
                call.noAnswer();
            }
        }
        assertThat(pace.limit()).isEqualTo(4);
    }

    @Test
    void aNewStepStartsAtConcurrencyAgain() throws Exception {
        inFlight(1).get(0).throttled(Duration.ZERO);
        assertThat(pace.limit()).isEqualTo(4);
        pace.beforeStep(null);
        assertThat(pace.limit()).isEqualTo(8);
        assertThat(pace.summary().describe()).isEmpty();
    }
}
