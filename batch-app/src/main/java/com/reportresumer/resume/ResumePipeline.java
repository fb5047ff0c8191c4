package com.reportresumer.resume;

import java.time.Duration;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * are drained into the last chunk, so a graceful stop repeats nothing. A lost run lock ({@link RunLock}) stops new
 * calls too, and fails the step once the calls in flight have returned: nothing more is committed.
 * <p>
 * {@link #close()} returns only when no call of this pipeline is running any more, so that whatever ends the step
 * (a failure included), no call of this execution is still on the wire once its lease is given up.
 */
class ResumePipeline implements ItemStreamReader<ResumeResult> {

    private static final Logger log = LoggerFactory.getLogger(ResumePipeline.class);

    private final ItemStreamReader<ResumeRequest> pendingRequests;
    private final RetryingResumer resumer;
    private final OutageGuard outageGuard;
    private final GracefulStop gracefulStop;
    private final AsyncTaskExecutor executor;
    private final int concurrency;
    private final RunLock runLock;
    private final Duration longestCall;
    /** The calls that have started and not returned, plus one party for the pipeline itself. */
    private Phaser running = new Phaser(1);

    private CompletionService<ResumeResult> calls;
    /** Each call in flight, and whether it has started (or can no longer start). */
    private final Map<Future<ResumeResult>, AtomicBoolean> inFlight = new HashMap<>();
    private boolean exhausted;

    ResumePipeline(ItemStreamReader<ResumeRequest> pendingRequests, RetryingResumer resumer, OutageGuard outageGuard,
            GracefulStop gracefulStop, AsyncTaskExecutor executor, int concurrency, RunLock runLock,
            Duration longestCall) {
        this.runLock = runLock;
        this.longestCall = longestCall;
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
        running = new Phaser(1);
        exhausted = false;
    }

    @Override
    public ResumeResult read() throws Exception {
        fill();
        if (inFlight.isEmpty()) {
            runLock.requireNotLost(); // the calls in flight have returned: fail the step, commit nothing
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
        while (inFlight.size() < concurrency && !exhausted && !outageGuard.tripped() && !gracefulStop.isRequested()
                && !runLock.lost()) {
            ResumeRequest request = pendingRequests.read();
            if (request == null) {
                exhausted = true;
                return;
            }
            Phaser calling = running;
            AtomicBoolean started = new AtomicBoolean();
            calling.register();
            inFlight.put(calls.submit(() -> {
                if (!started.compareAndSet(false, true)) {
                    return null; // cancelled before it started: close() has accounted for it
                }
                try {
                    return resumer.resume(request);
                }
                finally {
                    calling.arriveAndDeregister();
                }
            }), started);
        }
    }

    @Override
    public void update(ExecutionContext executionContext) throws ItemStreamException {
        pendingRequests.update(executionContext);
    }

    /** A failed step may leave calls in flight: their requests stay {@code PENDING} for the restart. */
    @Override
    public void close() throws ItemStreamException {
        inFlight.forEach((call, started) -> {
            call.cancel(true);
            if (started.compareAndSet(false, true)) {
                running.arriveAndDeregister(); // it never ran, and now never will
            }
        });
        inFlight.clear();
        try {
            // a cancelled call may still be waiting for its answer: wait for it (at most one call's timeouts)
            running.awaitAdvanceInterruptibly(running.arrive(), longestCall.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            log.warn("Calls still running {} s after the step ended", longestCall.toSeconds());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pendingRequests.close();
    }
}
