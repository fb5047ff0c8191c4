package com.reportresumer.resume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.reportresumer.partnercenter.PartnerCenterException;
import com.reportresumer.testsupport.UnitTest;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ResumeJobProperties.Backoff} and {@link TransientRetry}: the one retry policy, without the job. */
@UnitTest
class BackoffAndRetryTest {

    private static final ResumeJobProperties.Backoff DEFAULTS = new ResumeJobProperties.Backoff(
            Duration.ofMillis(500), 2, Duration.ofSeconds(30));

    private static ResumeJobProperties properties(int maxAttempts, ResumeJobProperties.Backoff backoff) {
        return new ResumeJobProperties(50, 8, maxAttempts, backoff, 0, 20, Duration.ofSeconds(30),
                Duration.ofMinutes(15));
    }

    private static PartnerCenterException.Transient transientFailure(Duration retryAfter) {
        return new PartnerCenterException.Transient(503, "HTTP 503", retryAfter, null);
    }

    @ParameterizedTest(name = "before try {0}: {1} ms")
    @CsvSource({ "0, 500", "1, 500", "2, 500", "3, 1000", "4, 2000", "5, 4000", "7, 16000", "8, 30000", "9, 30000",
            "1000, 30000", "2147483647, 30000" })
    void delayBeforeDoublesFromInitialAndStopsAtMax(int nextAttempt, long millis) {
        assertThat(DEFAULTS.delayBefore(nextAttempt)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void aMultiplierOfOneKeepsTheDelayConstant() {
        ResumeJobProperties.Backoff flat = new ResumeJobProperties.Backoff(Duration.ofMillis(250), 1,
                Duration.ofSeconds(30));
        assertThat(flat.delayBefore(2)).isEqualTo(flat.delayBefore(50)).isEqualTo(Duration.ofMillis(250));
    }

    @ParameterizedTest(name = "Retry-After {0} s → {1} ms")
    @CsvSource({ "0, 0", "1, 1000", "29, 29000", "30, 30000", "31, 30000", "86400, 30000" })
    void retryAfterIsHonouredUpToMax(long seconds, long millis) {
        assertThat(DEFAULTS.honour(Duration.ofSeconds(seconds))).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "before try {0}: {1} ms ± 20%")
    @CsvSource({ "2, 500", "3, 1000", "4, 2000", "6, 8000" })
    void pauseBeforeIsTheDelayWithinTwentyPercentJitter(int attempt, long millis) {
        TransientRetry retry = new TransientRetry(properties(4, DEFAULTS));
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            Duration pause = retry.pauseBefore(attempt, transientFailure(null));
            assertThat(pause.toMillis()).isBetween(millis - millis / 5, millis + millis / 5);
            seen.add(pause);
        }
        assertThat(seen).as("jittered, not constant").hasSizeGreaterThan(10);
    }

    @Test
    void aDelayTooShortToJitterIsKeptAsItIs() {
        TransientRetry retry = new TransientRetry(properties(4,
                new ResumeJobProperties.Backoff(Duration.ofMillis(4), 1, Duration.ofSeconds(1))));
        for (int i = 0; i < 100; i++) {
            assertThat(retry.pauseBefore(2, transientFailure(null))).isEqualTo(Duration.ofMillis(4));
        }
    }

    @ParameterizedTest(name = "Retry-After {0} s before try {1} → {2} ms exactly")
    @CsvSource({ "3, 2, 3000", "0, 2, 0", "1, 9, 1000", "45, 2, 30000" })
    void retryAfterWinsOverTheBackOffWithoutJitter(long seconds, int attempt, long millis) {
        TransientRetry retry = new TransientRetry(properties(4, DEFAULTS));
        for (int i = 0; i < 50; i++) {
            assertThat(retry.pauseBefore(attempt, transientFailure(Duration.ofSeconds(seconds))))
                    .isEqualTo(Duration.ofMillis(millis));
        }
    }

    private static TransientRetry fastRetry(int maxAttempts) {
        return new TransientRetry(properties(maxAttempts,
                new ResumeJobProperties.Backoff(Duration.ofMillis(1), 1, Duration.ofMillis(1))));
    }

    @Test
    void callRetriesTransientFailuresUntilOneSucceeds() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        String result = fastRetry(4).call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw transientFailure(null);
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
    }

    @Test
    void callGivesUpAfterMaxAttemptsWithTheLastFailure() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> fastRetry(3).call(() -> {
            throw new PartnerCenterException.Transient(500, "try " + calls.incrementAndGet(), null, null);
        })).isInstanceOf(PartnerCenterException.Transient.class).hasMessage("try 3");
        assertThat(calls).hasValue(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "a permanent refusal is never retried, 4", "one attempt means no retry, 1" })
    void exactlyOneCall(String when, int maxAttempts) {
        AtomicInteger calls = new AtomicInteger();
        RuntimeException failure = maxAttempts == 1 ? transientFailure(Duration.ofHours(1))
                : new PartnerCenterException.Permanent(404, 404, "Report not found");
        assertThatThrownBy(() -> fastRetry(maxAttempts).call(() -> {
            calls.incrementAndGet();
            throw failure;
        })).isSameAs(failure);
        assertThat(calls).hasValue(1);
    }

    @Test
    void eachTryKnowsItsNumberAndTheHookRunsBeforeEveryRetryOnly() throws InterruptedException {
        java.util.List<String> events = new java.util.ArrayList<>();
        String result = fastRetry(4).call(number -> {
            events.add("try " + number);
            if (number < 3) {
                throw transientFailure(null);
            }
            return "ok";
        }, () -> events.add("hook"));
        assertThat(result).isEqualTo("ok");
        assertThat(events).containsExactly("try 1", "hook", "try 2", "hook", "try 3");
    }

    @Test
    void aHookThatThrowsVetoesTheRetry() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> fastRetry(4).call(number -> {
            calls.incrementAndGet();
            throw transientFailure(null);
        }, () -> {
            throw new IllegalStateException("the run lock was lost");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the run lock was lost");
        assertThat(calls).hasValue(1);
    }
}
