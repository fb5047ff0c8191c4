package com.reportresumer.sandbox;

import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A sandbox for each test of a class, started before the class's own {@code @BeforeEach} methods with the options the
 * class gives, and closed after the test; with an HTTP client for it. Register it as an instance field:
 * {@code @RegisterExtension final RunningSandbox running = RunningSandbox.with(options);}.
 */
final class RunningSandbox implements BeforeEachCallback, AfterEachCallback {

    private final SandboxOptions options;
    private Sandbox sandbox;
    private Http http;

    private RunningSandbox(SandboxOptions options) {
        this.options = options;
    }

    static RunningSandbox with(SandboxOptions options) {
        return new RunningSandbox(options);
    }

    /** {@code reports} reports, all paused. */
    static RunningSandbox withPausedReports(int reports) {
        return with(SandboxOptions.builder().reports(reports).pausedShare(1.0).inactiveShare(0).build());
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        sandbox = Sandbox.start(options);
        http = new Http(sandbox);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        sandbox.close();
    }

    Sandbox sandbox() {
        return sandbox;
    }

    Http http() {
        return http;
    }

    /** The ID of the sandbox's report number {@code index} (from 0). */
    UUID report(int index) {
        return sandbox.reports().get(index).reportId();
    }
}
