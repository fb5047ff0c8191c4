package com.reportresumer.testsupport;

import com.reportresumer.sandbox.SandboxOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a functional test runs the application against, as a JUnit extension: a fresh migrated database
 * ({@link TestDatabases#fresh()}), a {@link PartnerCenterStandIn} issuing {@link PartnerCenterStandIn#TOKEN}, and
 * the command line pointed at both with the test class's fixed properties.
 *
 * <p>Registered with {@code @RegisterExtension} on an instance field, each test gets its own database and stand-in,
 * closed after it; on a static field, the tests of the class share them, closed after the last one (for tests that
 * only read what one run left). Both are made on first use, so a test that never asks for one costs nothing. So is
 * what a test hands to {@link #closedAfter} (a console, a browser), closed first, last handed first.
 */
public final class ResumerEnvironment implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private final List<String> fixedProperties = new ArrayList<>();
    private UnaryOperator<SandboxOptions.Builder> sandboxOptions = UnaryOperator.identity();
    private Consumer<PartnerCenterStandIn> apiSetUp = PartnerCenterStandIn::issuesTokens;
    private boolean sharedByTheClass;
    private TestDatabases.Database db;
    private Requests requests;
    private PartnerCenterStandIn api;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    /**
     * The environment of the commands' own tests (flag, pending, audit, runs…): the stand-in resumes every report at
     * once, and a failing call is tried twice, 5 ms apart.
     */
    public static ResumerEnvironment forCommands() {
        return new ResumerEnvironment().withApi(api -> api.resumesEverything(0))
                .withProperties("--resumer.job.max-attempts=2", "--resumer.job.backoff.initial=5ms");
    }

    /** Properties every command of the class gets, after the database's and the stand-in's (a later one wins). */
    public ResumerEnvironment withProperties(String... properties) {
        fixedProperties.addAll(List.of(properties));
        return this;
    }

    /** Sandbox options of the class's own (reports, faults, token lifetime…), for the stand-in when it starts. */
    public ResumerEnvironment withSandbox(UnaryOperator<SandboxOptions.Builder> options) {
        sandboxOptions = options;
        return this;
    }

    /** What the stand-in answers from the start, after issuing {@link PartnerCenterStandIn#TOKEN}. */
    public ResumerEnvironment withApi(Consumer<PartnerCenterStandIn> setUp) {
        apiSetUp = apiSetUp.andThen(setUp);
        return this;
    }

    /** The database of this test (or class): a fresh migrated one unless {@link #useDatabase} said otherwise. */
    public TestDatabases.Database db() {
        if (db == null) {
            db = TestDatabases.fresh();
        }
        return db;
    }

    /** Runs against this database instead of a fresh one (e.g. a server of the test's own); before any use. */
    public ResumerEnvironment useDatabase(TestDatabases.Database database) {
        if (db != null) {
            throw new IllegalStateException("the environment already has its database " + db.name());
        }
        db = database;
        return this;
    }

    /** Plain SQL on {@link #db()}. */
    public Requests requests() {
        if (requests == null) {
            requests = new Requests(db());
        }
        return requests;
    }

    /** The Partner Center stand-in of this test (or class), started on first use. */
    public PartnerCenterStandIn api() {
        if (api == null) {
            api = new PartnerCenterStandIn(sandboxOptions);
            apiSetUp.accept(api);
        }
        return api;
    }

    /**
     * The properties of a command: the database's, the stand-in's, the class's fixed ones, then {@code more}; a
     * later {@code --property=value} replaces an earlier one of the same property. For forked runs.
     */
    public List<String> properties(String... more) {
        List<String> all = new ArrayList<>(List.of(db().springArgs()));
        all.addAll(List.of(api().springArgs()));
        all.addAll(fixedProperties);
        all.addAll(List.of(more));
        return CliRun.merged(all);
    }

    /**
     * The command line of {@code command}: its arguments and options among {@code more} (in their order, right after
     * the command), then {@link #properties}. For {@link CliRun#start}.
     */
    public List<String> args(String command, String... more) {
        return CliRun.line(command, properties(more));
    }

    /** Runs {@code command} in this JVM; {@code more} holds its arguments and options and further properties. */
    public CliRun cli(String command, String... more) {
        return CliRun.of(args(command, more));
    }

    /** {@code resource}, closed with this environment: after the test, or after the class's last test when shared. */
    public <T extends AutoCloseable> T closedAfter(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sharedByTheClass = true; // only an extension in a static field takes part in the class's callbacks
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (!sharedByTheClass) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    private void close() throws Exception {
        Exception failed = null;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            }
            catch (Exception e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (api != null) {
            api.close();
            api = null;
        }
        db = null;
        requests = null;
        if (failed != null) {
            throw failed;
        }
    }
}
