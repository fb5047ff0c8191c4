package com.reportresumer.resume;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * {@link RunOwnership}: once an execution has ended in this process, however it ended, this process is known not
 * to run it any more, so a later run of the same process ({@code schedule}, or a test) need not wait for its lease.
 */
class RunOwnershipTest {

    private static final ResumeJobProperties PROPERTIES = new ResumeJobProperties(50, 8, 4,
            new ResumeJobProperties.Backoff(Duration.ofMillis(500), 2, Duration.ofSeconds(30)), 0, 20,
            Duration.ofSeconds(30));

    private static JobExecution execution(long id, BatchStatus status) {
        JobExecution execution = new JobExecution(id, new JobInstance(id, "resumeReportsJob"), new JobParameters());
        execution.setStatus(status);
        return execution;
    }

    /** No database is reached: there is no lock held, and an UNKNOWN execution's database is gone. */
    private static final RunLock LOCK = new RunLock(null, PROPERTIES);

    @Test
    void anExecutionRunningHereIsNotGone() {
        RunOwnership ownership = new RunOwnership(LOCK);
        ownership.beforeJob(execution(9_001, BatchStatus.STARTED));
        assertThat(RunLock.Owner.THIS_PROCESS.provablyGone(9_001)).isFalse();
    }

    @Test
    void anExecutionWhoseDatabaseWentAwayIsGoneFromThisProcessOnceItEnded() {
        RunOwnership ownership = new RunOwnership(LOCK);
        JobExecution execution = execution(9_002, BatchStatus.STARTED);
        ownership.beforeJob(execution);
        execution.setStatus(BatchStatus.UNKNOWN); // Spring Batch could not save how it ended
        ownership.afterJob(execution);
        assertThat(RunLock.Owner.THIS_PROCESS.provablyGone(9_002)).isTrue();
    }
}
