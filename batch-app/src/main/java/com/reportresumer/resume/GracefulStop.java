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
 * A stop asked for from outside (SIGTERM): no new call starts, the calls in flight finish and are committed with the
 * last chunk, then the step ends {@code STOPPED}, restartable. Marks the in-memory step execution directly, which
 * avoids the optimistic-locking race of {@code JobOperator.stop} on PostgreSQL (spring-batch #5308).
 */
@Component
public class GracefulStop implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);

    private final CountDownLatch requested = new CountDownLatch(1);
    private volatile StepExecution running;

    /** Asks the running step (and any step about to start) to stop once the calls in flight are done. */
    public void request() {
        requested.countDown();
        StepExecution step = running;
        if (step != null) {
            log.warn("Stop requested: finishing the calls in flight, then stopping execution {} (restartable)",
                    step.getJobExecutionId());
        }
    }

    /** Called when the last results before a stop have been handed to the step: it ends after this chunk. */
    void stopAfterThisChunk() {
        StepExecution step = running;
        if (step != null && isRequested()) {
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
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        running = null;
        return null;
    }
}
