package com.reportresumer.resume;

import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Future;
import java.util.HashSet;
import java.util.Set;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.core.task.AsyncTaskExecutor;

/**
 * Keeps {@code resumer.job.concurrency} resume calls in flight across chunk boundaries and hands their results to
 * the step in the order they complete: the next chunk's calls are already running while a chunk is written, and
 * one slow call never holds the others' slots idle (no waves per chunk).
 * <p>
 * Requests come from the keyset reader of {@code PENDING} rows, on the step's own thread; calls run on the
 * executor's threads, one {@link RetryingResumer} each. At any moment at most one chunk of results plus the calls
 * in flight are not yet committed: after a crash those requests are still {@code PENDING} and are called again
 * (resuming is idempotent). An outage or a stop request ({@link GracefulStop}) stops new calls; the calls in flight
 * are drained into the last chunk, so a graceful stop repeats nothing.
 */
class ResumePipeline implements ItemStreamReader<ResumeResult> {

    private final ItemStreamReader<ResumeRequest> pendingRequests;
    private final RetryingResumer resumer;
    private final OutageGuard outageGuard;
    private final GracefulStop gracefulStop;
    private final AsyncTaskExecutor executor;
    private final int concurrency;

    private CompletionService<ResumeResult> calls;
    private final Set<Future<ResumeResult>> inFlight = new HashSet<>();
    private boolean exhausted;

    ResumePipeline(ItemStreamReader<ResumeRequest> pendingRequests, RetryingResumer resumer, OutageGuard outageGuard,
            GracefulStop gracefulStop, AsyncTaskExecutor executor, int concurrency) {
        this.pendingRequests = pendingRequests;
        this.resumer = resumer;
        this.outageGuard = outageGuard;
        this.gracefulStop = gracefulStop;
        this.executor = executor;
        this.concurrency = concurrency;
    }

    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        pendingRequests.open(executionContext);
        calls = new ExecutorCompletionService<>(executor);
        inFlight.clear();
        exhausted = false;
    }

    @Override
    public ResumeResult read() throws Exception {
        fill();
        if (inFlight.isEmpty()) {
            if (!exhausted) {
                // stopped early: the step ends after this chunk is committed
                gracefulStop.stopAfterThisChunk();
            }
            return null;
        }
        Future<ResumeResult> done = calls.take();
        inFlight.remove(done);
        ResumeResult result;
        try {
            result = done.get();
        }
        catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        outageGuard.record(result);
        fill();
        return result;
    }

    /** Starts calls until {@code concurrency} are in flight, unless the queue is empty or new calls must stop. */
    private void fill() throws Exception {
        while (inFlight.size() < concurrency && !exhausted && !outageGuard.tripped() && !gracefulStop.isRequested()) {
            ResumeRequest request = pendingRequests.read();
            if (request == null) {
                exhausted = true;
                return;
            }
            inFlight.add(calls.submit(() -> resumer.resume(request)));
        }
    }

    @Override
    public void update(ExecutionContext executionContext) throws ItemStreamException {
        pendingRequests.update(executionContext);
    }

    /** A failed step may leave calls in flight: their requests stay {@code PENDING} for the restart. */
    @Override
    public void close() throws ItemStreamException {
        inFlight.forEach(call -> call.cancel(true));
        inFlight.clear();
        pendingRequests.close();
    }
}
