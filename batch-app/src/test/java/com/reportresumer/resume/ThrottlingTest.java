package com.reportresumer.resume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.reportresumer.testsupport.UnitTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Throttling} against a clock of its own: what one 429, an episode of them and the answers after do. */
@UnitTest
class ThrottlingTest {

    private static final long MS = 1_000_000L;

    private long now = 1_000_000 * MS; // nanoTime has an arbitrary origin
    private final Throttling throttling = new Throttling(Duration.ofSeconds(30), Duration.ofSeconds(60), () -> now);

    /** {@code n} calls let through evenly over {@code millis}, each answered at once. */
    private void letThrough(int n, long millis) {
        for (int i = 0; i < n; i++) {
            assertThat(throttling.nanosToWait()).isZero();
            throttling.answered(now);
            now += millis * MS / n;
        }
    }

    private long sendNow() {
        return now;
    }

    @Test
    void unlimitedUntilTheFirst429() {
        letThrough(1000, 1000);
        assertThat(throttling.rate()).isEmpty();
        assertThat(throttling.nanosToWait()).isZero();
        assertThat(new JobPace.Summary(0, 1000, throttling.rate(), 8).describe()).isEmpty();
    }

    @Test
    void a429CutsTheRateToNineTenthsOfWhatGotThroughInTheLastSecondAndPausesForRetryAfter() {
        letThrough(100, 100); // a quota of 100 a second, used up in 100 ms
        assertThat(throttling.throttled(sendNow(), Duration.ofSeconds(1))).isTrue();

        assertThat(throttling.rate()).hasValueCloseTo(90.0, within(1e-9));
        assertThat(throttling.nanosToWait()).isEqualTo(1000 * MS);
        now += 1000 * MS;
        // then one call every 1/90 s (the first two at once: the slots of an idle spell are not saved up, but one is)
        assertThat(throttling.nanosToWait()).isZero();
        assertThat(throttling.nanosToWait()).isZero();
        assertThat(throttling.nanosToWait()).isEqualTo(1_000_000_000L / 90);
    }

    @Test
    void withoutRetryAfterThePauseIsOurOwnAndDoublesWhileNothingGetsThrough() {
        letThrough(50, 500);
        long sent = sendNow();
        assertThat(throttling.throttled(sent, null)).isTrue();
        assertThat(throttling.nanosToWait()).isEqualTo(Throttling.FIRST_PAUSE.toNanos());

        now += Throttling.FIRST_PAUSE.toNanos();
        double cut = throttling.rate().orElseThrow();
        // sent after the cut, but in the second whose quota is used up: a longer pause, and the cut stands
        assertThat(throttling.throttled(sendNow(), null)).isFalse();
        assertThat(throttling.nanosToWait()).isEqualTo(2 * Throttling.FIRST_PAUSE.toNanos());
        assertThat(throttling.rate()).hasValue(cut);

        now += 2 * Throttling.FIRST_PAUSE.toNanos();
        throttling.answered(now); // something got through: the next pause starts from the first again
        assertThat(throttling.throttled(sendNow(), null)).isTrue();
        assertThat(throttling.nanosToWait()).isGreaterThanOrEqualTo(Throttling.FIRST_PAUSE.toNanos())
                .isLessThan(2 * Throttling.FIRST_PAUSE.toNanos());
    }

    /** Callers wake a little after their slot: the next slot still follows the last one, so the rate holds. */
    @Test
    void aCallerThatWakesLateDoesNotSlowTheRateDown() {
        letThrough(100, 100);
        throttling.throttled(sendNow(), Duration.ZERO); // 90 calls a second from now on
        long start = now;
        int calls = 0;
        while (now - start < 10_000 * MS) {
            long wait = throttling.nanosToWait();
            if (wait > 0) {
                now += wait + 300_000; // woken 0.3 ms late, every time
                continue;
            }
            calls++;
        }
        assertThat(calls).as("calls in 10 s at 90 a second").isBetween(899, 902);
    }

    /** Without Retry-After, a 429 in the second already used up waits for the next second, where the quota is back. */
    @Test
    void aSecondUsedUpIsWaitedOut() {
        letThrough(100, 100); // 100 in the first 100 ms of a second
        throttling.throttled(sendNow(), null); // 250 ms of our own
        now += Throttling.FIRST_PAUSE.toNanos(); // 350 ms into the second
        assertThat(throttling.throttled(sendNow(), null)).isFalse();
        // until 20 ms into the next second (the doubled pause of 500 ms would end at 850 ms)
        assertThat(throttling.nanosToWait()).isEqualTo(670 * MS);
    }

    @Test
    void retryAfterIsCappedAtTheLongestPause() {
        Throttling capped = new Throttling(Duration.ofSeconds(2), Duration.ofSeconds(60), () -> now);
        capped.throttled(now, Duration.ofHours(1));
        assertThat(capped.nanosToWait()).isEqualTo(2000 * MS);
    }

    @Test
    void the429sOfCallsSentBeforeTheCutAreTheSameEpisodeAndDoNotCutAgain() {
        letThrough(100, 1000);
        long sentBefore = sendNow() - 5 * MS;
        assertThat(throttling.throttled(sendNow(), null)).isTrue();
        double afterFirst = throttling.rate().orElseThrow();
        for (int i = 0; i < 20; i++) {
            assertThat(throttling.throttled(sentBefore, null)).isFalse();
        }
        assertThat(throttling.rate()).hasValue(afterFirst);
        assertThat(throttling.throttledAnswers()).isEqualTo(21);
        assertThat(throttling.answers()).isEqualTo(121);
    }

    @Test
    void theRateClimbsBackAdditivelyFromASecondAfterTheCut() {
        letThrough(100, 1000);
        throttling.throttled(sendNow(), Duration.ZERO);
        double cut = throttling.rate().orElseThrow();
        assertThat(cut).isCloseTo(90, within(1e-9));

        now += 1000 * MS;
        throttling.answered(now); // the second after the cut: calls sent before it are still answering
        assertThat(throttling.rate()).hasValueCloseTo(cut, within(1e-9));
        for (int i = 0; i < 10; i++) {
            now += 1000 * MS;
            throttling.answered(now);
        }
        // 10 s later: 0.5% of the 100 that got through a second, 10 times
        assertThat(throttling.rate()).hasValueCloseTo(95.0, within(1e-6));
        for (int i = 0; i < 10; i++) {
            now += 1000 * MS;
            throttling.answered(now);
        }
        // the plateau, just under what got through: held until a minute after the cut
        assertThat(throttling.rate()).hasValueCloseTo(95.0, within(1e-6));
        for (int i = 0; i < 39; i++) {
            now += 1000 * MS;
            throttling.answered(now);
        }
        assertThat(throttling.rate()).as("60 s after the cut").hasValueCloseTo(95.0, within(1e-6));
        // then probing, compounding a quarter a second
        for (int i = 0; i < 4; i++) {
            now += 1000 * MS;
            throttling.answered(now);
        }
        assertThat(throttling.rate()).hasValueCloseTo(95 * Math.pow(1.25, 4), within(1e-6));
    }

    @Test
    void aSecondCutStartsFromWhatGotThroughNotFromTheRateAimedAt() {
        letThrough(100, 1000);
        throttling.throttled(sendNow(), Duration.ZERO);
        now += 2000 * MS;
        letThrough(40, 1000); // another tool now takes most of the quota
        throttling.throttled(sendNow(), Duration.ZERO);
        assertThat(throttling.rate()).hasValueCloseTo(36.0, within(1e-9));
    }

    /**
     * A quota counted per wall-clock second lets its 100 through at the start of each second while the job sends
     * faster: the last thousand milliseconds before a 429 at 1.1 s hold 200 of them, the seconds 100 each.
     */
    @Test
    void aQuotaCountedPerSecondIsNotTakenForTwiceItself() {
        now += 900 * MS; // 0.9 s into a second
        letThrough(100, 100); // the end of one second: 100 in its last 100 ms
        letThrough(100, 100); // and the start of the next
        assertThat(throttling.throttled(sendNow(), Duration.ofSeconds(1))).isTrue();
        assertThat(throttling.rate()).hasValueCloseTo(90.0, within(1e-9));
    }

    /**
     * At the first 429, calls the API let through earlier are still on their way back: the cut is settled when the
     * pause ends, with every call sent in that second that got through.
     */
    @Test
    void theCutIsSettledWithTheAnswersThatWereStillOnTheirWay() {
        long second = now;
        for (int i = 0; i < 100; i++) { // 100 sent in the first 100 ms of a second, all let through
            assertThat(throttling.nanosToWait()).isZero();
            now += MS;
        }
        for (int i = 0; i < 70; i++) { // 70 of them answered before the 429 of the 101st comes back
            throttling.answered(second + i * MS);
        }
        throttling.throttled(now, Duration.ofMillis(250));
        assertThat(throttling.rate()).as("with what was known at the 429").hasValueCloseTo(63.0, within(1e-9));
        for (int i = 70; i < 100; i++) {
            throttling.answered(second + i * MS);
        }
        now += 250 * MS;
        assertThat(throttling.nanosToWait()).isZero();
        assertThat(throttling.rate()).as("once the pause is over").hasValueCloseTo(90.0, within(1e-9));
    }

    @Test
    void patienceRunsOutOnlyWhenNothingGotThroughAnywhereForThatLong() {
        throttling.throttled(sendNow(), null);
        now += 59_000 * MS;
        assertThat(throttling.patienceExhausted()).isFalse();
        throttling.answered(now);
        now += 59_000 * MS;
        assertThat(throttling.patienceExhausted()).isFalse();
        now += 2_000 * MS;
        assertThat(throttling.patienceExhausted()).isTrue();
        throttling.reset();
        assertThat(throttling.patienceExhausted()).isFalse();
        assertThat(throttling.rate()).isEmpty();
        assertThat(throttling.throttledAnswers()).isZero();
    }

    @Test
    void theSummarySaysHowMuchAndAtWhichPace() {
        assertThat(new JobPace.Summary(112, 3112, java.util.OptionalDouble.of(96.4), 5).describe())
                .hasValue("throttled: 112 answers 429 (3.6% of 3112), pace settled at 96 calls/s and 5 in flight");
    }
}
