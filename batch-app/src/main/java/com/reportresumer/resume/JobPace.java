package com.reportresumer.resume;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limiter.BlockingLimiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import com.reportresumer.partnercenter.PartnerCenterClient;
import com.reportresumer.partnercenter.PartnerCenterException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * The one pace of the job's calls to the resume endpoint, shared by every caller thread. A call goes out once
 * <ol>
 * <li>the job is not paused and its call rate has a slot ({@link Throttling}: how the job answers a 429),</li>
 * <li>fewer calls are in flight than the adaptive limit: Netflix's {@code AIMDLimit}, which starts at
 * {@code resumer.job.concurrency}, is cut by half on the first 429 of an episode and climbs back by one per answer
 * while the calls in flight use at least half of it, never above {@code concurrency};</li>
 * <li>the hard ceiling {@code resumer.job.rate-limit} lets it ({@link CallPacer}).</li>
 * </ol>
 * Latency does not lower the limit: a slow answer is no sign of a quota, and hung calls are bounded by the client's
 * timeouts. A call that got no answer at all neither raises nor lowers anything.
 * <p>
 * Reset at the start of every step, so that each run of a long-lived {@code schedule} process finds the tenant's
 * pace again.
 */
@Component
public class JobPace implements StepExecutionListener {

    /** The share of the limit on calls in flight kept after a 429. */
    static final double LIMIT_DECREASE = 0.5;
    /** How long one wait for a slot among the calls in flight lasts before the caller waits again. */
    private static final Duration WAIT_FOR_A_SLOT = Duration.ofMinutes(1);

    private final int concurrency;
    private final CallPacer ceiling;
    private final Throttling throttling;
    private volatile AIMDLimit limit;
    private volatile Limiter<Void> limiter;

    JobPace(ResumeJobProperties properties, CallPacer ceiling, ResumeMetrics metrics) {
        this.concurrency = properties.concurrency();
        this.ceiling = ceiling;
        this.throttling = Throttling.ofSystemClock(properties.backoff().max(), properties.throttlePatience());
        reset();
        metrics.pace(this::limit, () -> throttling.rate().orElse(0));
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        reset();
    }

    private void reset() {
        throttling.reset();
        AIMDLimit fresh = AIMDLimit.newBuilder().initialLimit(concurrency).minLimit(1).maxLimit(concurrency)
                .backoffRatio(LIMIT_DECREASE).timeout(1, TimeUnit.HOURS).build();
        limiter = BlockingLimiter.wrap(SimpleLimiter.newBuilder().named("partner-center-resume").limit(fresh).build(),
                WAIT_FOR_A_SLOT);
        limit = fresh;
    }

    /** Whether {@code failure} is the API saying the job calls too fast (429). */
    static boolean isThrottling(PartnerCenterException.Transient failure) {
        return failure.httpStatus() != null && failure.httpStatus() == 429;
    }

    /** A new call: give it to the client as its {@link PartnerCenterClient.SendGate}, then say how it ended. */
    Call newCall() {
        return new Call();
    }

    /** Whether the job has gone {@code resumer.job.throttle-patience} without a single call getting through. */
    boolean patienceExhausted() {
        return throttling.patienceExhausted();
    }

    Duration patience() {
        return throttling.patience();
    }

    /** The limit on calls in flight now. */
    int limit() {
        return limit.getLimit();
    }

    /** How much this step was throttled. */
    public Summary summary() {
        return new Summary(throttling.throttledAnswers(), throttling.answers(), throttling.rate(), limit());
    }

    /**
     * How much a step was throttled.
     *
     * @param throttledAnswers answers 429
     * @param answers          every answer, 429s included
     * @param rate             the call rate the job settled at, empty when it was never throttled
     * @param limit            the limit on calls in flight at the end
     */
    public record Summary(long throttledAnswers, long answers, OptionalDouble rate, int limit) {

        /** One line for the progress log and the run's summary; empty when nothing was throttled. */
        public Optional<String> describe() {
            if (throttledAnswers == 0) {
                return Optional.empty();
            }
            return Optional.of(String.format(Locale.ROOT, "%s, pace settled at %.0f calls/s and %d in flight",
                    throttledShare(throttledAnswers, answers), rate.orElse(0), limit));
        }

        /** {@code throttled: N answers 429 (x% of M)}: the progress log's, the summary's and the console's words. */
        public static String throttledShare(long throttledAnswers, long answers) {
            return String.format(Locale.ROOT, "throttled: %d answers 429 (%.1f%% of %d)", throttledAnswers,
                    100.0 * throttledAnswers / Math.max(1, answers), answers);
        }
    }

    /**
     * One call of one report, and every request it sends (two after a 401). Each request waits for its turn right
     * before it goes out, after the token is at hand.
     */
    final class Call implements PartnerCenterClient.SendGate {

        private Limiter.Listener inFlight;
        private long sentAt = System.nanoTime();

        @Override
        public void awaitTurn() throws InterruptedException {
            release(Limiter.Listener::onIgnore); // the request before this one was answered (a 401)
            for (long wait; (wait = throttling.nanosToWait()) > 0; ) {
                LockSupport.parkNanos(wait);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            Optional<Limiter.Listener> slot;
            do {
                slot = limiter.acquire(null);
                if (Thread.interrupted()) {
                    slot.ifPresent(Limiter.Listener::onIgnore);
                    throw new InterruptedException();
                }
            } while (slot.isEmpty());
            inFlight = slot.get();
            ceiling.awaitTurn();
            sentAt = System.nanoTime();
        }

        /** A request through this call, sent by {@code request}. */
        @FunctionalInterface
        interface Request<T> {
            T send() throws InterruptedException;
        }

        /** Sends {@code request} (which awaits this call's turn) and tells the pace how it ended. */
        <T> T send(Request<T> request) throws InterruptedException {
            try {
                T answer = request.send();
                answered();
                return answer;
            }
            catch (PartnerCenterException.Permanent refused) {
                answered();
                throw refused;
            }
            catch (PartnerCenterException.Transient failure) {
                failed(failure);
                throw failure;
            }
            catch (RuntimeException | InterruptedException other) {
                noAnswer();
                throw other;
            }
        }

        /** When the last request went out ({@link System#nanoTime()}). */
        long sentAt() {
            return sentAt;
        }

        /** The API answered with something else than a 429. */
        void answered() {
            throttling.answered(sentAt);
            release(Limiter.Listener::onSuccess);
        }

        /** The API answered 429, asking for {@code retryAfter} (or null). */
        void throttled(Duration retryAfter) {
            boolean cut = throttling.throttled(sentAt, retryAfter);
            release(cut ? Limiter.Listener::onDropped : Limiter.Listener::onIgnore);
        }

        /** The call failed with {@code failure}: throttled, answered (a 5xx), or no answer at all. */
        void failed(PartnerCenterException.Transient failure) {
            if (isThrottling(failure)) {
                throttled(failure.retryAfter());
            }
            else if (failure.httpStatus() != null) {
                answered();
            }
            else {
                noAnswer();
            }
        }

        /** No answer came (a timeout, a reset connection) or none was read. */
        void noAnswer() {
            release(Limiter.Listener::onIgnore);
        }

        private void release(java.util.function.Consumer<Limiter.Listener> how) {
            if (inFlight != null) {
                how.accept(inFlight);
                inFlight = null;
            }
        }
    }
}
