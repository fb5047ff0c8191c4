package com.reportresumer.resume;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * A stop asked for from outside (SIGTERM): the chunk in hand finishes and commits, then the step ends
 * {@code STOPPED}, restartable. Marks the in-memory step execution directly, which avoids the optimistic-locking race
 * of {@code JobOperator.stop} on PostgreSQL (spring-batch #5308).
 */
@Component
public class GracefulStop implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);

    private final CountDownLatch requested = new CountDownLatch(1);
    private volatile StepExecution running;

    /** Asks the running step (and any step about to start) to stop after its current chunk. */
    public void request() {
        requested.countDown();
        StepExecution step = running;
        if (step != null) {
            log.warn("Stop requested: finishing the chunk in hand, then stopping execution {} (restartable)",
                    step.getJobExecutionId());
            step.setTerminateOnly();
        }
    }

    public boolean isRequested() {
        return requested.getCount() == 0;
    }

    /** Waits up to {@code millis} for a stop request; true when one came. */
    public boolean awaitRequest(long millis) throws InterruptedException {
        return requested.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        running = stepExecution;
        if (isRequested()) {
            stepExecution.setTerminateOnly();
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        running = null;
        return null;
    }
}
