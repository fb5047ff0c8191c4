package com.reportresumer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure judgements of the cases: performance targets, Retry-After waits, the per-second note, the reference's time. */
class BenchVerdictsTest {

    /** A missed target fails at full size; at quick size a target only indicates, but an incorrect run still fails. */
    @ParameterizedTest(name = "{0} reports, met {2}, correct {3}, quick {4}: {5}")
    @CsvSource(delimiter = '|', textBlock = """
            # reports | target                | met   | correct | quick | check shown                                               | pass
            10000     | x ideal 0.850 >= 0.90 | false | true    | false | x ideal 0.850 >= 0.90  FAIL                               | false
            1000      | x ideal 0.850 >= 0.90 | false | true    | true  | x ideal 0.850 >= 0.90  not met (quick size: indicative)   |
            1000      | x ideal 0.950 >= 0.90 | true  | false   | true  | x ideal 0.950 >= 0.90  met (quick size: indicative)  FAIL | false
            """)
    void aTargetIsJudgedByTheRunsSizeAndCorrectness(int reports, String target, boolean met, boolean correct,
            boolean quick, String shown, Boolean pass) {
        Row row = new Row("latency", "job", reports);
        PerformanceTarget.judge(row, target, met, correct, quick);
        assertThat(row.check).isEqualTo(shown);
        assertThat(row.pass).isEqualTo(pass);
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
