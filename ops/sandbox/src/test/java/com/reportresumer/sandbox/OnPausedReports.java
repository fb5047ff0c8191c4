package com.reportresumer.sandbox;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tests against a fresh sandbox of paused reports for each test, with its HTTP client and its first two reports. */
abstract class OnPausedReports {

    @RegisterExtension
    final RunningSandbox running;

    Sandbox sandbox;
    Http http;
    UUID first;
    UUID second;

    OnPausedReports(int reports) {
        running = RunningSandbox.withPausedReports(reports);
    }

    @BeforeEach
    void start() {
        sandbox = running.sandbox();
        http = running.http();
        first = running.report(0);
        second = running.report(1);
    }
}
