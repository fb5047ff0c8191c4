package com.reportresumer.resume;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The lease of {@link RunLock} around each execution: taken when the execution starts, ended when it has ended —
 * after its step, whose pipeline returns only once no call is running any more.
 */
@Component
class RunOwnership implements JobExecutionListener {

    private final RunLock runLock;

    RunOwnership(RunLock runLock) {
        this.runLock = runLock;
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        runLock.own(jobExecution.getId());
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        if (jobExecution.getStatus() == BatchStatus.UNKNOWN) {
            // its metadata could not be saved: the database is gone, and the lease expires by itself
            runLock.stoppedRunning(jobExecution.getId());
            return;
        }
        runLock.disown(jobExecution.getId());
    }
}
