package com.reportresumer.resume;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.TestDatabases;
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
            Duration.ofSeconds(30), Duration.ofMinutes(15));

    private static JobExecution execution(long id, BatchStatus status) {
        JobExecution execution = new JobExecution(id, new JobInstance(id, "resumeReportsJob"), new JobParameters());
        execution.setStatus(status);
        return execution;
    }

    /** No database is reached: there is no lock held, and an UNKNOWN execution's database is gone. */
    private static final RunLock LOCK = new RunLock(null, PROPERTIES, new GracefulStop());

    @Test
    void anExecutionRunningHereIsNotGone() {
        RunOwnership ownership = new RunOwnership(LOCK);
        ownership.beforeJob(execution(9_001, BatchStatus.STARTED));
        assertThat(LOCK.ownerGone(RunLock.Owner.THIS_PROCESS, 9_001)).isFalse();
    }

    @Test
    void anExecutionWhoseDatabaseWentAwayIsGoneFromThisProcessOnceItEnded() {
        RunOwnership ownership = new RunOwnership(LOCK);
        JobExecution execution = execution(9_002, BatchStatus.STARTED);
        ownership.beforeJob(execution);
        execution.setStatus(BatchStatus.UNKNOWN); // Spring Batch could not save how it ended
        ownership.afterJob(execution);
        assertThat(LOCK.ownerGone(RunLock.Owner.THIS_PROCESS, 9_002)).isTrue();
    }

    /**
     * Execution 1 running here on one database says nothing of execution 1 of another: tests run many command lines
     * in one JVM, each on a fresh database whose IDs start at 1 (a run left "running here" on one used to make a
     * restart on the next wait out a whole lease).
     */
    @Test
    void anExecutionRunningHereIsKnownByItsDatabaseAsWellAsItsId() {
        TestDatabases.Database first = TestDatabases.fresh(), second = TestDatabases.fresh();
        RunLock onFirst = new RunLock(dataSource(first), PROPERTIES, new GracefulStop());
        RunLock onSecond = new RunLock(dataSource(second), PROPERTIES, new GracefulStop());
        onFirst.own(1);
        try {
            assertThat(onFirst.ownerGone(RunLock.Owner.THIS_PROCESS, 1)).isFalse();
            assertThat(onSecond.ownerGone(RunLock.Owner.THIS_PROCESS, 1)).isTrue();
        }
        finally {
            onFirst.stoppedRunning(1);
        }
        assertThat(onFirst.ownerGone(RunLock.Owner.THIS_PROCESS, 1)).isTrue();
    }

    private static javax.sql.DataSource dataSource(TestDatabases.Database db) {
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setUrl(db.url());
        dataSource.setUser(db.user());
        dataSource.setPassword(db.password());
        return dataSource;
    }
}
