package com.reportresumer.sandbox;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.json.JsonMapper;

/**
 * An in-memory stand-in for the Partner Center Insights scheduled-report API and its Entra ID token endpoint, served
 * by the JDK's {@link HttpServer} on loopback. Start with {@link #start(SandboxOptions)}, stop with {@link #close()}.
 * Thread-safe.
 *
 * <p>Endpoints: {@code POST /{tenant}/oauth2/token} and {@code POST /{tenant}/oauth2/v2.0/token};
 * {@code GET {apiPath}/ScheduledReport}, {@code PUT {apiPath}/ScheduledReport/resume/{id}},
 * {@code PUT {apiPath}/ScheduledReport/pause/{id}}, {@code GET {apiPath}/ScheduledReport/execution/{id}};
 * and, without authentication, {@code GET /_sandbox/counters}, {@code POST /_sandbox/reset-counters},
 * {@code GET /_sandbox/reports[?status=Paused]}, {@code GET /_sandbox/health}.
 *
 * <p>This class is the facade: it owns the server and its threads and wires the package-private parts (the
 * {@link RequestRouter} and the endpoints behind it), so that callers see one small API. Tests script exact answers
 * with {@link #script()} and check what a client sent with {@link #journal()}.
 */
public final class Sandbox implements AutoCloseable {

    static {
        // The JDK server otherwise stalls ~40 ms per keep-alive response (Nagle vs delayed ACK). Read once per JVM,
        // when the first HttpServer is created: it must be set before that.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** The body of an injected garbage answer. */
    public static final String GARBAGE_BODY = Envelopes.GARBAGE_BODY;

    private final SandboxOptions options;
    private final Lifecycle lifecycle = new Lifecycle();
    private final LiveCounters counters = new LiveCounters();
    private final ReportStore store = new ReportStore();
    private final TokenRegistry tokens;
    private final FaultInjector faults;
    private final SandboxScript script = new SandboxScript();
    private final RequestJournal journal;
    private final HttpServer server;
    private final ThreadPoolExecutor executor;

    private Sandbox(SandboxOptions options) throws IOException {
        this.options = options;
        if (options.reports() > 0) {
            seed(options.reports(), options.pausedShare(), options.inactiveShare());
        }
        tokens = new TokenRegistry(options.resource(), options.tokenLifetime());
        faults = new FaultInjector(options, store);
        journal = new RequestJournal(options.apiPath());
        JsonMapper json = JsonMapper.builder().build();
        Envelopes envelopes = new Envelopes(json, options.casing());
        RequestRouter router = new RequestRouter(options.apiPath(),
                new AdminEndpoints(counters, store, envelopes),
                new TokenEndpoint(options, tokens, new EntraAnswers(json, this::baseUrl), script, counters),
                new ScheduledReportApi(options, counters, faults, tokens, script, store, envelopes, lifecycle),
                envelopes, new AnswerWriter(lifecycle), journal, lifecycle);
        AtomicInteger threadNumber = new AtomicInteger();
        executor = new ThreadPoolExecutor(options.threads(), options.threads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "sandbox-http-" + threadNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(options.bindAddress()), options.port()), 1024);
        server.createContext("/", router);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a sandbox; it serves until {@link #close()}. */
    public static Sandbox start(SandboxOptions options) throws IOException {
        return new Sandbox(options);
    }

    /** Starts a sandbox with {@link SandboxOptions#defaults()}. */
    public static Sandbox start() throws IOException {
        return start(SandboxOptions.defaults());
    }

    public SandboxOptions options() {
        return options;
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT} (the configured bind address; loopback if it is the wildcard address). */
    public String baseUrl() {
        InetAddress address = server.getAddress().getAddress();
        String host = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port();
    }

    /** {@code baseUrl() + apiPath}, e.g. {@code http://127.0.0.1:PORT/insights/v1/mpn}. */
    public String apiUrl() {
        return baseUrl() + options.apiPath();
    }

    /** The v1 token endpoint: {@code baseUrl()/{tenantId}/oauth2/token}. */
    public String tokenUrl() {
        return baseUrl() + "/" + options.tenantId() + "/oauth2/token";
    }

    /** The v2.0 token endpoint: {@code baseUrl()/{tenantId}/oauth2/v2.0/token}. */
    public String tokenUrlV2() {
        return baseUrl() + "/" + options.tenantId() + "/oauth2/v2.0/token";
    }

    /**
     * Makes the API accept this exact bearer token for {@code tokenLifetime} (e.g. a static access token a client
     * is configured with); accepting it again renews it.
     */
    public void acceptToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        tokens.accept(token);
    }

    /** The scripted answers of this sandbox: change them at any time, {@link SandboxScript#clear()} them. */
    public SandboxScript script() {
        return script;
    }

    /** Every request received (bounded, see {@link RequestJournal#capacity()}), for tests to verify. */
    public RequestJournal journal() {
        return journal;
    }

    /** A snapshot of the counters. */
    public SandboxCounters counters() {
        return counters.snapshot();
    }

    /** Sets every counter back to zero (fault draws continue their sequences). */
    public void resetCounters() {
        counters.reset();
    }

    /** Every report, in the order added. */
    public List<Report> reports() {
        return store.all();
    }

    /** The reports with this status, in the order added. */
    public List<Report> reports(ReportStatus status) {
        return reports().stream().filter(r -> r.reportStatus() == status).toList();
    }

    /** The current state of one report. */
    public Optional<Report> report(UUID reportId) {
        return store.get(reportId);
    }

    /** Adds a report, or replaces the one with the same id (keeping its place in the order). */
    public Report addReport(Report report) {
        return store.add(report);
    }

    /** Adds a report with plausible defaults ({@link Report#of}) and a fresh random id. */
    public Report addReport(String reportName, ReportStatus status) {
        return addReport(Report.of(UUID.randomUUID(), reportName, status));
    }

    /**
     * Generates and adds {@code count} more reports, deterministic for the options' random seed and the number of
     * reports generated before; exactly round(count × pausedShare) are Paused, round(count × inactiveShare) Inactive.
     */
    public List<Report> seed(int count, double pausedShare, double inactiveShare) {
        return store.seed(count, pausedShare, inactiveShare, options.randomSeed());
    }

    /** Report ids that answer 403: the explicit ones plus the known reports drawn by {@code forbiddenShare}. */
    public Set<UUID> forbiddenReports() {
        return faults.forbiddenReports(reports());
    }

    /** Report ids that answer 400 (and are not forbidden): explicit ones plus those drawn by {@code rejectedShare}. */
    public Set<UUID> rejectedReports() {
        return faults.rejectedReports(reports());
    }

    /** Stops serving: hung calls are cut short and their connections dropped. Idempotent. */
    @Override
    public void close() {
        if (!lifecycle.close()) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Sandbox[" + baseUrl() + options.apiPath() + ", " + store.size() + " reports]";
    }
}
