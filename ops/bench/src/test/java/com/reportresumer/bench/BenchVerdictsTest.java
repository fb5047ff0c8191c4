package com.reportresumer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The pure judgements of the cases: performance targets, Retry-After waits, the per-second note, the reference's time. */
class BenchVerdictsTest {

    @Test
    void aMissedTargetFailsAtFullSize() {
        Row row = new Row("latency", "job", 10_000);
        PerformanceTarget.judge(row, "x ideal 0.850 >= 0.90", false, true, false);
        assertThat(row.check).isEqualTo("x ideal 0.850 >= 0.90  FAIL");
        assertThat(row.pass).isFalse();
    }

    @Test
    void atQuickSizeATargetIsIndicativeButAnIncorrectRunStillFails() {
        Row missed = new Row("latency", "job", 1_000);
        PerformanceTarget.judge(missed, "x ideal 0.850 >= 0.90", false, true, true);
        assertThat(missed.check).isEqualTo("x ideal 0.850 >= 0.90  not met (quick size: indicative)");
        assertThat(missed.pass).isNull();

        Row incorrect = new Row("latency", "job", 1_000);
        PerformanceTarget.judge(incorrect, "x ideal 0.950 >= 0.90", true, false, true);
        assertThat(incorrect.check).isEqualTo("x ideal 0.950 >= 0.90  met (quick size: indicative)  FAIL");
        assertThat(incorrect.pass).isFalse();
    }

    @Test
    void retriesMustEachHaveWaitedTheirRetryAfter() {
        List<JobFigures.Attempts> fine = List.of(new JobFigures.Attempts(1, 117, 3, 117),
                new JobFigures.Attempts(2, 26, 1006, 52), new JobFigures.Attempts(3, 6, 2019, 18));
        RateLimitCase.RetryWaits waits = RateLimitCase.RetryWaits.of(fine, 1000);
        assertThat(waits.honoured()).isTrue();
        assertThat(waits.text()).isEqualTo("26 reports took 2 calls, shortest 1006 ms, 6 reports took 3 calls, shortest 2019 ms");

        List<JobFigures.Attempts> tooEarly = List.of(new JobFigures.Attempts(2, 26, 1006, 52),
                new JobFigures.Attempts(3, 6, 1990, 18));
        assertThat(RateLimitCase.RetryWaits.of(tooEarly, 1000).honoured()).isFalse();
    }

    @Test
    void callsPerSecondAreShownInFullOnlyForShortRuns() {
        assertThat(RateLimitCase.perSecondText(List.of(42L, 47L, 47L, 14L))).isEqualTo("[42, 47, 47, 14]");
        List<Long> long41 = new ArrayList<>(LongStream.rangeClosed(1, 41).boxed().toList());
        assertThat(RateLimitCase.perSecondText(long41)).isEqualTo("[1, 2, 3, 4, 5] ... [37, 38, 39, 40, 41] (41 seconds)");
    }

    @Test
    void theReferenceTimeIsItsOwnSecondsField() {
        assertThat(ReferenceRunner.reportedSeconds("reference processed=300 seconds=0.812\n")).isEqualTo(0.812);
        assertThat(ReferenceRunner.reportedSeconds("")).isNaN();
    }
}
