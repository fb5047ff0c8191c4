package com.reportresumer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure judgements of the cases: performance targets, the quota case's verdict, the per-second note, the reference's time. */
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
    void theQuotaRunMustComeWithinItsShareOfNOverQuotaWithFew429s() {
        Row fine = quotaRow(true, 34.0);
        QuotaCase.judge(fine, 100, 150, 3_150, false);
        assertThat(fine.idealSeconds).isEqualTo(30.0);
        assertThat(fine.ratioToIdeal).isCloseTo(0.882, within(0.001));
        assertThat(fine.check).isEqualTo("job 34.00 s <= 35.29 s (N/quota / 0.85); 150 x 429 = 4.8% of 3,150 calls <= 10%  PASS");
        assertThat(fine.pass).isTrue();

        Row slow = quotaRow(true, 35.5);
        QuotaCase.judge(slow, 100, 150, 3_150, false);
        assertThat(slow.pass).isFalse();

        Row throttled = quotaRow(true, 31.0);
        QuotaCase.judge(throttled, 100, 340, 3_340, false);
        assertThat(throttled.check).contains("340 x 429 = 10.2% of 3,340 calls").endsWith("FAIL");
        assertThat(throttled.pass).isFalse();

        Row incomplete = quotaRow(false, 31.0);
        QuotaCase.judge(incomplete, 100, 10, 3_010, false);
        assertThat(incomplete.pass).isFalse();
    }

    @Test
    void atQuickSizeTheQuotaTargetsAreIndicative() {
        Row slow = new Row("quota", "quota 100/s, no Retry-After", 300);
        slow.wall(5.0, 300);
        slow.pass = true;
        QuotaCase.judge(slow, 100, 30, 330, true);
        assertThat(slow.check).endsWith("not met (quick size: indicative)");
        assertThat(slow.pass).isNull();
    }

    @Test
    void theJobsThrottlingLineIsReadFromItsSummary() {
        String stdout = """
                Execution 1 COMPLETED in 33.1 s: 3000 requests processed
                  RESUMED         3000
                The API throttled the run: 112 answers 429 (3.6% of 3112), pace settled at 96 calls/s and 5 in flight.
                Every request processed was resumed.
                """;
        assertThat(QuotaCase.throttledLine(stdout))
                .isEqualTo("112 answers 429 (3.6% of 3112), pace settled at 96 calls/s and 5 in flight");
        assertThat(QuotaCase.throttledLine("Every request processed was resumed.\n")).isNull();
    }

    private static Row quotaRow(boolean correct, double seconds) {
        Row row = new Row("quota", "quota 100/s, Retry-After: 1", 3_000);
        row.wall(seconds, 3_000);
        row.pass = correct;
        return row;
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
