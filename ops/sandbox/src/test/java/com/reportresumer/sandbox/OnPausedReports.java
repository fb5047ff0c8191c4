package com.reportresumer.sandbox;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/** Tests against a fresh sandbox of paused reports for each test, with its HTTP client and its first two reports. */
abstract class OnPausedReports extends OnRunningSandbox {

    UUID first;
    UUID second;

    OnPausedReports(int reports) {
        super(RunningSandbox.withPausedReports(reports));
    }

    @BeforeEach
    void firstTwoReports() {
        first = running.report(0);
        second = running.report(1);
    }
}
