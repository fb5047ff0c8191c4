package com.reportresumer.resume;

import com.reportresumer.text.UntrustedText;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * A stop asked for from outside: no new call starts, the calls in flight finish and are committed with the last
 * chunk, then the step ends {@code STOPPED}, restartable. Marks the in-memory step execution directly, which avoids
 * the optimistic-locking race of {@code JobOperator.stop} on PostgreSQL (spring-batch #5308).
 * <p>
 * Two kinds of stop: the process's ({@link #request()}, SIGTERM), for good, which also ends {@code schedule} and
 * {@code console}; and one execution's ({@link #stopExecution}), asked for through the database by {@code stop} or
 * the console ({@link StopRequests}) and read by the run lock as it renews the lease, which stops that execution
 * only: a {@code schedule} goes on to its next night.
 */
@Component
public class GracefulStop implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);

    private final CountDownLatch requested = new CountDownLatch(1);
    private volatile StepExecution running;
    /** The execution whose stop was asked for through the database, or null; cleared when a step starts. */
    private final AtomicReference<Long> stopping = new AtomicReference<>();

    /** Asks the running step (and any step about to start) to stop once the calls in flight are done. */
    public void request() {
        requested.countDown();
        StepExecution step = running;
        if (step != null) {
            log.warn("Stop requested: finishing the calls in flight, then stopping execution {} (restartable)",
                    step.getJobExecutionId());
        }
    }

    /**
     * Asks the running step of {@code executionId} to stop once its calls in flight are done; nothing when another
     * execution (or none) runs. {@code by} is who asked, for the log.
     */
    void stopExecution(long executionId, String by) {
        StepExecution step = running;
        if (step == null || step.getJobExecutionId() != executionId) {
            return;
        }
        Long before = stopping.getAndSet(executionId);
        if (!Long.valueOf(executionId).equals(before)) { // the watch and the chunk may both have read it: log once
            log.warn("Stop requested by {}: finishing the calls in flight, then stopping execution {} (restartable)",
                    UntrustedText.oneLine(by), executionId);
        }
    }

    /** Called when the last results before a stop have been handed to the step: it ends after this chunk. */
    void stopAfterThisChunk() {
        StepExecution step = running;
        if (step != null && isRequested()) {
            step.setTerminateOnly();
        }
    }

    /** Whether new calls must stop: the process is stopping, or the execution that runs was asked to stop. */
    public boolean isRequested() {
        if (requested.getCount() == 0) {
            return true;
        }
        StepExecution step = running;
        Long asked = stopping.get();
        return step != null && asked != null && asked == step.getJobExecutionId();
    }

    /** Waits up to {@code millis} for a stop request; true when one came. */
    public boolean awaitRequest(long millis) throws InterruptedException {
        return requested.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        stopping.set(null);
        running = stepExecution;
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        running = null;
        return null;
    }
}
