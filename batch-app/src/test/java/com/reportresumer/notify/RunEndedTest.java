package com.reportresumer.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.resume.ResumeOutcome;
import com.reportresumer.testsupport.UnitTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;

/** The webhook's line: the next step after a run that can be restarted, and only then. */
@UnitTest
class RunEndedTest {

    private static RunEnded ended(BatchStatus status, int exitCode, Map<ResumeOutcome, Long> counts, String reason) {
        return new RunEnded(42, status, exitCode, counts, null, null, Duration.ofSeconds(3), reason, null);
    }

    @Test
    void aStoppedOrFailedRunEndsWithWhatContinuesIt() {
        assertThat(ended(BatchStatus.STOPPED, 1, Map.of(ResumeOutcome.RESUMED, 5L), "stopped on request").line())
                .endsWith(": 5 RESUMED — stopped on request — `restart 42` continues it");
        assertThat(ended(BatchStatus.FAILED, 1, Map.of(), "Partner Center outage").line())
                .endsWith(" — Partner Center outage — `restart 42` continues it");
    }

    @Test
    void anEndThatWasNotSavedOrACompletedRunWithoutCountsHasNothingToRestart() {
        assertThat(ended(BatchStatus.UNKNOWN, 1, null, "its end could not be saved (the database went away)").line())
                .endsWith(" — its end could not be saved (the database went away)").doesNotContain("restart");
        assertThat(ended(BatchStatus.COMPLETED, 1, null, null).line()).doesNotContain("restart");
        assertThat(ended(BatchStatus.COMPLETED, 0, Map.of(ResumeOutcome.RESUMED, 2L), null).line())
                .endsWith(": 2 RESUMED");
    }
}
