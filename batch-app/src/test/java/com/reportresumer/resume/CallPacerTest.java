package com.reportresumer.resume;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.UnitTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link CallPacer} against the clock: calls from several threads, the times they were let through recorded. The
 * window rule needs more than {@code rate} calls to show, so this class takes a little over a second.
 */
@UnitTest
class CallPacerTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private static CallPacer pacer(double rate) {
        return new CallPacer(new ResumeJobProperties(50, 8, 4,
                new ResumeJobProperties.Backoff(Duration.ofMillis(500), 2, Duration.ofSeconds(30)), rate, 20,
                Duration.ofSeconds(30), Duration.ofMinutes(15)));
    }

    /** Every thread calls {@code perThread} times; the sorted times (nanoTime) at which calls were let through. */
    private static List<Long> proceedTimes(CallPacer pacer, int threads, int perThread) throws Exception {
        List<Long> times = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        pacer.awaitTurn();
                        times.add(System.nanoTime());
                    }
                }
                catch (Throwable e) {
                    failure.set(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(20));
        }
        assertThat(failure.get()).isNull();
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        assertThat(sorted).hasSize(threads * perThread);
        return sorted;
    }

    @Test
    void fiftyPerSecondFromFourThreadsNeverPutsMoreThanFiftyIntoOneSecond() throws Exception {
        int rate = 50;
        List<Long> times = proceedTimes(pacer(rate), 4, 15); // 60 calls: the 51st must wait for the window
        // a time is recorded just after awaitTurn returned: allow a few ms between the two on a busy machine
        long recordingSlack = Duration.ofMillis(15).toNanos();
        for (int i = 0; i + rate < times.size(); i++) {
            long span = times.get(i + rate) - times.get(i);
            assertThat(span).as("calls %d..%d (%d of them) within %d ms", i, i + rate, rate + 1, span / 1_000_000)
                    .isGreaterThanOrEqualTo((long) (SECOND * 1.05) - recordingSlack);
        }
        // spaced 1.05 / rate apart: 59 gaps of 21 ms at least
        long interval = (long) Math.ceil(SECOND * 1.05 / rate);
        assertThat(times.get(times.size() - 1) - times.get(0))
                .isGreaterThanOrEqualTo(59 * interval - recordingSlack);
        // and not much slower than that either
        assertThat(times.get(times.size() - 1) - times.get(0)).isLessThan(3 * SECOND);
    }

    @Test
    void callsAreSpacedEvenWithinTheFirstWindow() throws Exception {
        List<Long> times = proceedTimes(pacer(200), 3, 10); // 30 calls, 5.25 ms apart, well within one window
        long interval = (long) Math.ceil(SECOND * 1.05 / 200);
        assertThat(times.get(29) - times.get(0)).isGreaterThanOrEqualTo(29 * interval - Duration.ofMillis(15)
                .toNanos());
        for (int i = 0; i + 10 < times.size(); i++) {
            assertThat(times.get(i + 10) - times.get(i)).as("10 gaps from call %d", i)
                    .isGreaterThanOrEqualTo(10 * interval - Duration.ofMillis(15).toNanos());
        }
    }

    @Test
    void aRateOfZeroNeverWaits() throws Exception {
        CallPacer unlimited = pacer(0);
        long start = System.nanoTime();
        List<Long> times = proceedTimes(unlimited, 4, 5_000);
        assertThat(times).hasSize(20_000);
        assertThat(System.nanoTime() - start).isLessThan(SECOND / 2);
    }

    @Test
    void aWaitingCallerCanBeInterrupted() throws Exception {
        CallPacer slow = pacer(0.5); // one call per 2.1 s
        slow.awaitTurn();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                slow.awaitTurn();
            }
            catch (Throwable e) {
                thrown.set(e);
            }
        });
        long start = System.nanoTime();
        waiter.start();
        Thread.sleep(50);
        waiter.interrupt();
        waiter.join(1_000);
        assertThat(waiter.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(System.nanoTime() - start).isLessThan(SECOND);
    }
}
