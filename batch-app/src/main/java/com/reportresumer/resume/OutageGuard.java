package com.reportresumer.resume;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Stops a run that meets a systemic outage instead of burning through the queue: once {@code outage-after}
 * reports in a row have ended {@code FAILED}, no new call is started, the calls in flight are committed with the
 * last chunk (the rest stay {@code PENDING}), and the step ends {@code FAILED} so the run can be restarted.
 */
@Component
public class OutageGuard implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(OutageGuard.class);

    private final int outageAfter;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private final AtomicReference<String> outage = new AtomicReference<>();

    OutageGuard(ResumeJobProperties properties) {
        this.outageAfter = properties.outageAfter();
    }

    /** Why the run stopped: an outage of the API. */
    public static class OutageException extends RuntimeException {

        OutageException(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        failuresInARow.set(0);
        outage.set(null);
    }

    /** Whether an outage has been declared: no new call should start. */
    boolean tripped() {
        return outage.get() != null;
    }

    void record(ResumeResult result) {
        if (result.outcome() != ResumeOutcome.FAILED) {
            failuresInARow.set(0);
            return;
        }
        int inARow = failuresInARow.incrementAndGet();
        if (inARow >= outageAfter && outage.compareAndSet(null, "Partner Center outage: " + inARow
                + " reports in a row still failed after every try (last: " + result.message() + ")")) {
            log.error("{}; stopping the run after this chunk, the remaining requests stay PENDING", outage.get());
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        String reason = outage.get();
        if (reason == null) {
            return null;
        }
        stepExecution.setStatus(BatchStatus.FAILED);
        stepExecution.addFailureException(new OutageException(reason));
        return ExitStatus.FAILED.addExitDescription(reason);
    }
}
