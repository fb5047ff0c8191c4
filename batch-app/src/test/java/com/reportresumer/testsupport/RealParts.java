package com.reportresumer.testsupport;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;

/**
 * The real parts a test of this JVM has started, counted where each starts: a Spring application (by a run listener
 * in this module's {@code META-INF/spring.factories}), a test database, a stand-in for Partner Center and Entra ID,
 * a forked application. {@link UnitLayer} reads the count around each unit test.
 */
public final class RealParts {

    private static final AtomicLong STARTED = new AtomicLong();
    private static volatile String last = "nothing";

    private RealParts() {
    }

    static void started(String what) {
        last = what;
        STARTED.incrementAndGet();
    }

    /** How many real parts this JVM's tests have started so far. */
    static long count() {
        return STARTED.get();
    }

    /** The real part started last. */
    static String last() {
        return last;
    }

    /** Counts every Spring application started in this JVM: the command line's contexts, the console's. */
    public static final class SpringApplications implements SpringApplicationRunListener {

        public SpringApplications(SpringApplication application, String[] args) {
            RealParts.started("a Spring application of " + application.getAllSources());
        }
    }
}
