package com.reportresumer.sandbox;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tests against a fresh sandbox for each test ({@code running}, as the class sets it up), and its HTTP client. */
abstract class OnRunningSandbox {

    @RegisterExtension
    final RunningSandbox running;

    Sandbox sandbox;
    Http http;

    OnRunningSandbox(RunningSandbox running) {
        this.running = running;
    }

    @BeforeEach
    void start() {
        sandbox = running.sandbox();
        http = running.http();
    }
}
