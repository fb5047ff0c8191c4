package com.reportresumer.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Holds a {@link UnitTest} to the unit layer: a test, or the class's set-up, that started a real part (a Spring
 * application, a database, a stand-in API, a forked application: {@link RealParts}) fails, naming it. Such a test
 * belongs with the functional tests, which the unit layer's run leaves out.
 */
final class UnitLayer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(UnitLayer.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        remember(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        check(context, "its class's set-up");
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        remember(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        check(context, context.getDisplayName());
    }

    private static void remember(ExtensionContext context) {
        context.getStore(NAMESPACE).put("started", RealParts.count());
    }

    private static void check(ExtensionContext context, String what) {
        long before = context.getStore(NAMESPACE).get("started", Long.class);
        if (RealParts.count() != before) {
            throw new AssertionError(context.getRequiredTestClass().getSimpleName() + ", " + what + ": a unit test "
                    + "started " + RealParts.last() + "; it belongs with the functional tests (remove @UnitTest)");
        }
    }
}
