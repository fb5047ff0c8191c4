package com.reportresumer.resume;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * What the whole job does about {@code 429 Too Many Requests}: the part of the pace that the concurrency limiter
 * ({@link JobPace}, Netflix's {@code AIMDLimit}) cannot do, because it counts calls in flight and reads no headers.
 * <p>
 * Partner Center does not document its quotas, and a tenant's quota may be shared with other tools, so the job has
 * to find the pace from the answers. A quota is a number of calls per second, and with fast answers a handful of
 * calls in flight already exceed it: limiting calls in flight alone would swing between too few and too many. So a
 * 429 also sets a <em>call rate</em>, and pauses the whole job:
 * <ul>
 * <li><b>Pause.</b> No new call starts anywhere in the job until the {@code Retry-After} the answer asked for (capped
 * at {@code backoff.max}), or, when it asked for nothing (many gateways send none), a pause of our own that starts
 * at {@link #FIRST_PAUSE} and doubles each time the job is throttled again before any call got through.</li>
 * <li><b>Multiplicative decrease.</b> The rate becomes {@link #DECREASE} times what actually got through in the
 * wall-clock second the 429's call was sent in (or the one before, whichever holds more): the quota, as the API
 * counts it, whatever rate the job had been aiming at. Counted by the second a call was <em>sent</em> in, and
 * settled when the pause ends, once the calls sent before the 429 have been answered: at the first 429, calls the
 * API let through are still on their way back. Whole wall-clock seconds, not the last thousand milliseconds: a
 * quota counted per second lets its calls through at the start of each second while the job sends faster, and a
 * sliding second then spans the end of one burst and the start of the next, up to twice the quota.</li>
 * <li><b>Additive increase, a plateau, then probing.</b> From a second after that, each answer that is not a 429
 * raises the rate by {@link #INCREASE} of what got through per second elapsed, up to {@link #PLATEAU} of it (in
 * 10 s), and holds it there: every time the quota is met again costs a pause (a whole second for
 * {@code Retry-After: 1}), so the job stays just under it rather than touching it every few seconds. Only
 * {@link #HOLD} after the cut does it probe above, {@link #PROBE} a second, compounding: a larger quota (another tool
 * has stopped) or a 429 that was no quota at all costs a minute or two, not the night.</li>
 * <li><b>One decrease per episode</b>, as TCP does per round trip: the 429s of calls sent before the last decrease
 * are the same congestion seen again, and are counted but do not cut the rate again.</li>
 * </ul>
 * Until the first 429 the rate is unlimited and all of this costs one uncontended lock per call.
 * <p>
 * A throttled call is no failure of its report: it is tried again after the pause without using up one of its
 * {@code max-attempts}. The report fails for throttling only once the job has gone {@code throttle-patience} without
 * a single call getting through ({@link #patienceExhausted()}).
 * <p>
 * Thread-safe; one per job, reset at the start of each step ({@link #reset()}).
 */
final class Throttling {

    /** The share of the rate that got through that the job keeps after a 429. */
    static final double DECREASE = 0.9;
    /** How fast the rate climbs back to what got through at the last decrease: this share of it, per second. */
    static final double INCREASE = 0.005;
    /**
     * Where the climb back stops: this share of what got through at the last decrease, a margin for the calls a busy
     * machine sends a little late and so bunches into the next second.
     */
    static final double PLATEAU = 0.95;
    /** How long after a decrease the rate holds at its plateau before probing above it. */
    static final Duration HOLD = Duration.ofSeconds(60);
    /** How fast the rate grows once probing: this share of itself, per second. */
    static final double PROBE = 0.25;
    /** The first pause of our own, when a 429 carries no {@code Retry-After}. */
    static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    /** How long after the end of a used-up second calls wait, for the clocks of the job and the API to differ. */
    private static final long NEXT_SECOND_MARGIN = Duration.ofMillis(20).toNanos();
    /** How long after a 429 the cut is settled at the earliest: the calls sent before it are back by then. */
    static final Duration SETTLE = Duration.ofMillis(250);
    /** The lowest rate the job goes down to, in calls per second. */
    static final double MIN_RATE = 0.5;

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final Duration maxPause;
    private final Duration patience;
    private final LongSupplier clock;

    /** {@link System#nanoTime()} plus this is the wall clock, in nanoseconds since the epoch. */
    private final long wallOffset;
    /** How many calls sent in each of the last few wall-clock seconds got through, by second modulo their number. */
    private final long[] throughBySecond = new long[4];
    private final long[] secondOfSlot = new long[4];
    /** The send second of the call whose 429 last cut the rate, and the rate before it; settled once the pause ends. */
    private long cutSecond;
    private double rateBeforeCut;
    private boolean cutThisStep;
    private boolean cutToSettle;
    private long pausedUntil;
    private double rate;
    /** What got through in the second before the last decrease, in calls per second. */
    private double gotThrough;
    private long raisedAt;
    private long cutAt;
    private long nextSlot;
    private long lastThrough;
    private int pausesInARow;
    private long throttledAnswers;
    private long answers;

    /**
     * @param maxPause the longest pause, whatever {@code Retry-After} says ({@code resumer.job.backoff.max})
     * @param patience how long the job may go without a call getting through before throttled reports fail
     * @param clock    {@link System#nanoTime()}, or a test's
     */
    Throttling(Duration maxPause, Duration patience, LongSupplier clock) {
        this(maxPause, patience, clock, 0);
    }

    /** @param wallOffset what to add to {@code clock} for nanoseconds since the epoch */
    Throttling(Duration maxPause, Duration patience, LongSupplier clock, long wallOffset) {
        this.maxPause = maxPause;
        this.patience = patience;
        this.clock = clock;
        this.wallOffset = wallOffset;
        reset();
    }

    /** A throttling timed by {@link System#nanoTime()}, its seconds those of the wall clock. */
    static Throttling ofSystemClock(Duration maxPause, Duration patience) {
        return new Throttling(maxPause, patience, System::nanoTime,
                System.currentTimeMillis() * 1_000_000 - System.nanoTime());
    }

    /** A new step: unlimited again, no pause, patience from now. */
    synchronized void reset() {
        long now = clock.getAsLong();
        rate = Double.POSITIVE_INFINITY;
        pausedUntil = now;
        nextSlot = now;
        cutAt = now - SECOND;
        raisedAt = now;
        lastThrough = now;
        pausesInARow = 0;
        throttledAnswers = 0;
        answers = 0;
        java.util.Arrays.fill(throughBySecond, 0);
        java.util.Arrays.fill(secondOfSlot, Long.MIN_VALUE);
        cutToSettle = false;
        cutThisStep = false;
    }

    /**
     * How long a call must wait before it may be sent, 0 when it may go now (in which case its slot is taken).
     * Callers wait and ask again: another call may have been throttled meanwhile.
     */
    synchronized long nanosToWait() {
        long now = clock.getAsLong();
        if (pausedUntil - now > 0) {
            return pausedUntil - now;
        }
        settleCutBy(now);
        long wait = (Double.isInfinite(rate) ? now : nextSlot) - now;
        if (wait > 0) {
            return wait;
        }
        if (!Double.isInfinite(rate)) {
            // the next slot follows this one, not the moment its caller woke up: callers wake a little late, and
            // counting from then would lose that much of every interval; after an idle spell, one call at most
            // goes at once with this one
            long interval = (long) (SECOND / rate);
            nextSlot = Math.max(nextSlot, now - interval) + interval;
        }
        return 0;
    }

    /** The API answered a call sent at {@code sentAt} with something else than a 429: it got through. */
    synchronized void answered(long sentAt) {
        long now = clock.getAsLong();
        answers++;
        lastThrough = now;
        pausesInARow = 0;
        countThrough(sentAt);
        settleCutBy(now);
        if (!Double.isInfinite(rate)) {
            long from = Math.max(raisedAt, cutAt + SECOND);
            if (now > from) {
                double seconds = (double) (now - from) / SECOND;
                double plateau = PLATEAU * gotThrough;
                if (rate < plateau) {
                    rate = Math.min(plateau, rate + INCREASE * gotThrough * seconds);
                }
                else if (now - cutAt > HOLD.toNanos()) {
                    rate *= Math.pow(1 + PROBE, seconds);
                }
                raisedAt = now;
            }
        }
    }

    /**
     * The API answered a call sent at {@code sentAt} with a 429.
     *
     * @param retryAfter what the answer asked for, or null
     * @return whether this 429 cut the rate (the first of its episode); the others are the same congestion
     */
    synchronized boolean throttled(long sentAt, Duration retryAfter) {
        long now = clock.getAsLong();
        answers++;
        throttledAnswers++;
        if (retryAfter != null) {
            pausedUntil = Math.max(pausedUntil, now + Math.min(retryAfter.toNanos(), maxPause.toNanos()));
        }
        if (sentAt < cutAt) {
            return false; // sent before the last cut: the same congestion, seen again
        }
        if (retryAfter == null) {
            long own = Math.min(FIRST_PAUSE.toNanos() << Math.min(pausesInARow, 20), maxPause.toNanos());
            pausedUntil = Math.max(pausedUntil, now + own);
        }
        pausesInARow++;
        if (cutThisStep && secondOf(sentAt) == cutSecond) {
            // sent after the cut but in the second whose quota was used up: the quota has not come back yet, so
            // the cut stands; no call before that second is over
            pausedUntil = Math.max(pausedUntil, (cutSecond + 1) * SECOND - wallOffset + NEXT_SECOND_MARGIN);
            cutAt = now;
            return false;
        }
        if (!cutToSettle) {
            rateBeforeCut = rate;
        }
        cutThisStep = true;
        cutSecond = secondOf(sentAt);
        cutToSettle = true;
        cut(); // with what is known now; settled again when the pause ends
        cutAt = now;
        raisedAt = now;
        return true;
    }

    /** Whether the job has gone {@code throttle-patience} without a single call getting through. */
    synchronized boolean patienceExhausted() {
        return clock.getAsLong() - lastThrough > patience.toNanos();
    }

    /** The rate the job keeps to, in calls per second; empty while unlimited (never throttled this step). */
    synchronized OptionalDouble rate() {
        return Double.isInfinite(rate) ? OptionalDouble.empty() : OptionalDouble.of(rate);
    }

    /** 429s answered this step. */
    synchronized long throttledAnswers() {
        return throttledAnswers;
    }

    /** Every answer this step, 429s included. */
    synchronized long answers() {
        return answers;
    }

    Duration patience() {
        return patience;
    }

    private long secondOf(long nanos) {
        return Math.floorDiv(nanos + wallOffset, SECOND);
    }

    private void countThrough(long sentAt) {
        long second = secondOf(sentAt);
        int slot = (int) Math.floorMod(second, (long) throughBySecond.length);
        if (secondOfSlot[slot] != second) {
            if (secondOfSlot[slot] > second) {
                return; // sent so long ago that its second is no longer counted
            }
            secondOfSlot[slot] = second;
            throughBySecond[slot] = 0;
        }
        throughBySecond[slot]++;
    }

    private long throughIn(long second) {
        int slot = (int) Math.floorMod(second, (long) throughBySecond.length);
        return secondOfSlot[slot] == second ? throughBySecond[slot] : 0;
    }

    /** The rate after a 429: DECREASE of what got through in the cut's second or the one before. */
    private void cut() {
        double through = Math.max(throughIn(cutSecond), throughIn(cutSecond - 1));
        double basis = Double.isInfinite(rateBeforeCut) ? through : through > 0 ? Math.min(rateBeforeCut, through)
                : rateBeforeCut;
        if (basis > 0 && !Double.isInfinite(basis)) {
            rate = Math.max(MIN_RATE, DECREASE * basis);
            gotThrough = Math.max(MIN_RATE, basis);
        }
    }

    /**
     * Once the pause is over, and at least {@link #SETTLE} after the 429, the calls sent before it have been answered:
     * the cut is made again with them all (before the rate starts to climb, a second after the cut).
     */
    private void settleCutBy(long now) {
        if (cutToSettle && now - pausedUntil >= 0 && now - cutAt >= SETTLE.toNanos()) {
            cut();
            cutToSettle = false;
        }
    }
}
