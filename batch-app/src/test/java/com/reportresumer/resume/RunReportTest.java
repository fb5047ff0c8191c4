package com.reportresumer.resume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.reportresumer.testsupport.UnitTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;

/** {@link RunReport#exitCode}: 0 only when a completed run resumed everything it processed. */
@UnitTest
class RunReportTest {

    private static RunReport report(BatchStatus status, Map<ResumeOutcome, Long> counts) {
        return new RunReport(7, status, null, Duration.ofSeconds(1), counts, null);
    }

    @Test
    void aCompletedRunThatResumedEverythingExitsZero() {
        assertThat(report(BatchStatus.COMPLETED, Map.of(ResumeOutcome.RESUMED, 12L)).exitCode()).isZero();
    }

    @Test
    void aCompletedRunThatProcessedNothingExitsZero() {
        RunReport nothing = report(BatchStatus.COMPLETED, Map.of());
        assertThat(nothing.processed()).isZero();
        assertThat(nothing.exitCode()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = ResumeOutcome.class, names = "RESUMED", mode = EnumSource.Mode.EXCLUDE)
    void aCompletedRunWithOneOtherOutcomeExitsThree(ResumeOutcome other) {
        assertThat(report(BatchStatus.COMPLETED, Map.of(ResumeOutcome.RESUMED, 100L, other, 1L)).exitCode())
                .isEqualTo(3);
        assertThat(report(BatchStatus.COMPLETED, Map.of(other, 1L)).exitCode()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(value = BatchStatus.class, names = "COMPLETED", mode = EnumSource.Mode.EXCLUDE)
    void anyOtherStatusExitsOneWhateverTheCounts(BatchStatus status) {
        assertThat(report(status, Map.of(ResumeOutcome.RESUMED, 5L)).exitCode()).isEqualTo(1);
        assertThat(report(status, Map.of()).exitCode()).isEqualTo(1);
        assertThat(report(status, Map.of(ResumeOutcome.FAILED, 5L)).exitCode()).isEqualTo(1);
    }

    @Test
    void countsHoldEveryOutcomeAndCannotBeChanged() {
        RunReport r = report(BatchStatus.COMPLETED, Map.of(ResumeOutcome.FAILED, 2L, ResumeOutcome.RESUMED, 3L));
        assertThat(r.counts()).containsOnlyKeys(ResumeOutcome.values()).containsEntry(ResumeOutcome.FAILED, 2L)
                .containsEntry(ResumeOutcome.REJECTED, 0L);
        assertThat(r.processed()).isEqualTo(5);
        assertThatThrownBy(() -> r.counts().put(ResumeOutcome.RESUMED, 1L))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theFailureIsOneSafeLine() {
        RunReport r = new RunReport(1, BatchStatus.FAILED, "HTTP 500:\r\n\u001B[2Jboom\u202E", Duration.ZERO,
                Map.of(), null);
        assertThat(r.failure()).isEqualTo("HTTP 500: [2Jboom");
        assertThat(new RunReport(1, BatchStatus.FAILED, null, Duration.ZERO, Map.of(), null).failure()).isNull();
    }
}
