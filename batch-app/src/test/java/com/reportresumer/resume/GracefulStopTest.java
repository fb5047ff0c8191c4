package com.reportresumer.resume;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.UnitTest;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

/** A stop of one execution stops that execution only; the process's stop stops everything for good. */
@UnitTest
class GracefulStopTest {

    private static StepExecution stepOf(long executionId) {
        JobExecution job = new JobExecution(executionId, new JobInstance(1L, "resumeReports"), new JobParameters());
        return new StepExecution(executionId * 10, "resume", job);
    }

    @Test
    void aStopOfOneExecutionEndsWithItsStepAndNeverTouchesTheNext() {
        GracefulStop stop = new GracefulStop();
        StepExecution first = stepOf(1);
        stop.beforeStep(first);
        stop.stopExecution(2, "olga"); // not the one running: nothing
        assertThat(stop.isRequested()).isFalse();

        stop.stopExecution(1, "olga");
        assertThat(stop.isRequested()).isTrue();
        stop.stopAfterThisChunk();
        assertThat(first.isTerminateOnly()).isTrue();
        stop.afterStep(first);
        assertThat(stop.isRequested()).as("between runs (a schedule waiting for its next night)").isFalse();

        StepExecution next = stepOf(2);
        stop.beforeStep(next);
        assertThat(stop.isRequested()).isFalse();
        stop.stopAfterThisChunk();
        assertThat(next.isTerminateOnly()).isFalse();
    }

    @Test
    void theProcessStopStopsEveryStepFromThenOn() {
        GracefulStop stop = new GracefulStop();
        stop.request();
        assertThat(stop.isRequested()).isTrue();
        StepExecution step = stepOf(3);
        stop.beforeStep(step);
        stop.stopAfterThisChunk();
        assertThat(step.isTerminateOnly()).isTrue();
    }
}
