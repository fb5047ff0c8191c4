package com.reportresumer.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 */
public final class Sandbox implements AutoCloseable {

    static {
        // The JDK server otherwise stalls ~40 ms per keep-alive response (Nagle vs delayed ACK). Read once per JVM,
        // when the first HttpServer is created: it must be set before that.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** The body of an injected garbage answer. */
    public static final String GARBAGE_BODY = "<html><body><h1>oops</h1><p>upstream returned an unexpected page</p></body></html>";

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ENTRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern TOKEN_PATH = Pattern.compile("/([^/]+)/oauth2/(v2\\.0/)?token/?");
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final String[] REPORT_FIELDS = {"ReportId", "ReportName", "Description", "QueryId", "Query", "User",
        "CreatedTime", "ModifiedTime", "ExecuteNow", "StartTime", "ReportStatus", "RecurrenceInterval", "RecurrenceCount",
        "CallbackUrl", "CallbackMethod", "Format"};

    private enum Kind { LIST, RESUME, PAUSE, EXECUTION, UNKNOWN, NOT_ALLOWED }

    private enum Fault { NONE, HANG, THROTTLE, FAILURE, GARBAGE }

    private record Route(Kind kind, String idText) {
    }

    private record Answer(int status, byte[] body, String contentType, Map<String, String> headers) {
    }

    private record TokenInfo(Instant expiresAt, String audience) {
    }

    private final SandboxOptions options;
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ConcurrentHashMap<UUID, Report> store = new ConcurrentHashMap<>();
    private final List<UUID> order = new ArrayList<>(); // guarded by itself
    private final ConcurrentHashMap<String, TokenInfo> tokens = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, AtomicLong> callNumbers = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger seeded = new AtomicInteger();
    private final SecureRandom secureRandom = new SecureRandom();
    private final Object rateLock = new Object();
    private long rateSecond;   // guarded by rateLock
    private int rateCount;     // guarded by rateLock
    private volatile Counters counters = new Counters();

    private Sandbox(SandboxOptions options) throws IOException {
        this.options = options;
        if (options.reports() > 0) {
            seed(options.reports(), options.pausedShare(), options.inactiveShare());
        }
        AtomicInteger threadNumber = new AtomicInteger();
        executor = new ThreadPoolExecutor(options.threads(), options.threads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "sandbox-http-" + threadNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(options.bindAddress()), options.port()), 1024);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a sandbox; it serves until {@link #close()}. */
    public static Sandbox start(SandboxOptions options) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
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

    /** A valid bearer token for the API, issued without an HTTP call (lives {@code tokenLifetime}). */
    public String issueToken() {
        counters.tokensIssued.increment();
        return newToken(options.resource());
    }

    /** A snapshot of the counters. */
    public SandboxCounters counters() {
        return counters.snapshot();
    }

    /** Sets every counter back to zero (fault draws continue their sequences). */
    public void resetCounters() {
        counters = new Counters();
    }

    /** Every report, in the order added. */
    public List<Report> reports() {
        List<UUID> ids;
        synchronized (order) {
            ids = new ArrayList<>(order);
        }
        List<Report> out = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            Report r = store.get(id);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /** The reports with this status, in the order added. */
    public List<Report> reports(ReportStatus status) {
        return reports().stream().filter(r -> r.reportStatus() == status).toList();
    }

    /** The current state of one report. */
    public Optional<Report> report(UUID reportId) {
        return Optional.ofNullable(store.get(reportId));
    }

    /** Adds a report, or replaces the one with the same id (keeping its place in the order). */
    public Report addReport(Report report) {
        synchronized (order) {
            if (store.put(report.reportId(), report) == null) {
                order.add(report.reportId());
            }
        }
        return report;
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
        if (count < 0 || pausedShare < 0 || inactiveShare < 0 || pausedShare + inactiveShare > 1.0 + 1e-9) {
            throw new IllegalArgumentException("count >= 0 and shares in 0..1 with pausedShare + inactiveShare <= 1");
        }
        int offset = seeded.getAndAdd(count);
        List<Report> generated = ReportGenerator.generate(count, pausedShare, inactiveShare, options.randomSeed(), offset);
        generated.forEach(this::addReport);
        return generated;
    }

    /** Report ids that answer 403: the explicit ones plus the known reports drawn by {@code forbiddenShare}. */
    public Set<UUID> forbiddenReports() {
        Set<UUID> out = new LinkedHashSet<>(options.forbiddenReports());
        for (Report r : reports()) {
            if (isForbidden(r.reportId())) {
                out.add(r.reportId());
            }
        }
        return out;
    }

    /** Report ids that answer 400 (and are not forbidden): explicit ones plus those drawn by {@code rejectedShare}. */
    public Set<UUID> rejectedReports() {
        Set<UUID> out = new LinkedHashSet<>();
        Set<UUID> candidates = new LinkedHashSet<>(options.rejectedReports());
        reports().forEach(r -> candidates.add(r.reportId()));
        for (UUID id : candidates) {
            if (!isForbidden(id) && isRejected(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /** Stops serving: hung calls are cut short and their connections dropped. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing.countDown();
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

    // ------------------------------------------------------------------------------------------------- dispatch

    private void handle(HttpExchange ex) {
        try {
            byte[] body = ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
            Answer answer;
            Matcher token = TOKEN_PATH.matcher(path);
            if (path.startsWith("/_sandbox/") || path.equals("/_sandbox")) {
                answer = admin(method, path, ex.getRequestURI().getRawQuery());
            } else if (token.matches()) {
                answer = token(method, decode(token.group(1)), token.group(2) != null, new String(body, StandardCharsets.UTF_8));
            } else if (path.equals(options.apiPath()) || path.startsWith(options.apiPath() + "/")) {
                answer = api(ex, method, path.substring(options.apiPath().length()), ex.getRequestURI().getRawQuery());
            } else {
                answer = error(404, "Resource not found: " + method + " " + path);
            }
            if (answer != null) {
                send(ex, answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing: drop the connection
        } catch (Exception e) {
            if (ex.getResponseCode() == -1 && !closed.get()) {
                try {
                    send(ex, error(500, "Sandbox error: " + e));
                } catch (IOException ignored) {
                    // the client went away
                }
            }
        } finally {
            ex.close();
        }
    }

    private void send(HttpExchange ex, Answer a) throws IOException {
        ex.getResponseHeaders().set("Content-Type", a.contentType());
        a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
        if (a.body().length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(a.body());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- the API

    private Answer api(HttpExchange ex, String method, String sub, String rawQuery) throws InterruptedException {
        Route route = route(method, sub);
        Counters c = counters;
        long now = System.currentTimeMillis();
        c.totalCalls.increment();
        if (route.kind() == Kind.RESUME) {
            c.resumeAt(now / 1000);
        } else if (route.kind() == Kind.PAUSE) {
            c.pauseCalls.increment();
        }
        UUID id = route.idText() != null && UUID_TEXT.matcher(route.idText()).matches() ? UUID.fromString(route.idText()) : null;
        if (id != null) {
            c.report(id);
        }
        boolean limited = overRateLimit(now / 1000);

        long key = id != null ? Dice.key(id) : Dice.key(route.kind() + " " + sub + "?" + rawQuery);
        long callNumber = callNumbers.computeIfAbsent(key, k -> new AtomicLong()).getAndIncrement();
        double[] draw = Dice.perCall(options.randomSeed(), key, callNumber);

        long delay = options.latency().toMillis()
                + Math.round((draw[1] * 2 - 1) * options.jitter().toMillis());
        if (delay > 0 && closing.await(delay, TimeUnit.MILLISECONDS)) {
            return null;
        }
        Fault fault = fault(draw[0]);
        Answer answer = check(ex, c, route, id, limited, fault);
        if (answer != null) {
            return counted(c, answer);
        }
        answer = switch (route.kind()) {
            case LIST -> list(rawQuery);
            case RESUME -> transition(id, ReportStatus.PAUSED, ReportStatus.ACTIVE, "resumed");
            case PAUSE -> transition(id, ReportStatus.ACTIVE, ReportStatus.PAUSED, "paused");
            case EXECUTION -> executions(id);
            default -> throw new IllegalStateException(route.toString());
        };
        if (fault == Fault.GARBAGE && answer.status() == 200) {
            c.fault("garbage");
            answer = new Answer(200, GARBAGE_BODY.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8", Map.of());
        }
        if (fault == Fault.HANG) {
            c.fault("hang");
            if (closing.await(options.hangDuration().toMillis(), TimeUnit.MILLISECONDS)) {
                return null;
            }
        }
        return counted(c, answer);
    }

    /** Everything that answers before the operation runs; null when the operation should run. */
    private Answer check(HttpExchange ex, Counters c, Route route, UUID id, boolean limited, Fault fault) {
        if (limited) {
            c.fault("rateLimited");
            return error(429, "Rate limit exceeded: at most " + options.maxCallsPerSecond() + " calls per second",
                    Map.of("Retry-After", "1"));
        }
        String authProblem = authenticate(ex.getRequestHeaders().getFirst("Authorization"));
        if (authProblem != null) {
            return error(401, authProblem, Map.of("WWW-Authenticate", "Bearer"));
        }
        if (route.kind() == Kind.UNKNOWN) {
            return error(404, "Resource not found: " + ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath());
        }
        if (route.kind() == Kind.NOT_ALLOWED) {
            return error(405, "Method " + ex.getRequestMethod() + " is not supported on " + ex.getRequestURI().getRawPath());
        }
        if (route.idText() != null && id == null) {
            return error(400, "Invalid report id '" + route.idText() + "': expected a UUID");
        }
        if (fault == Fault.THROTTLE) {
            c.fault("throttle");
            return error(429, "Too many requests. Retry after " + options.retryAfterSeconds() + " seconds.",
                    Map.of("Retry-After", Integer.toString(options.retryAfterSeconds())));
        }
        if (fault == Fault.FAILURE) {
            c.fault("failure");
            return error(500, "Internal server error. Please retry later.");
        }
        if (id != null && isForbidden(id)) {
            c.fault("forbidden");
            return error(403, "Forbidden: the caller is not authorized to manage report " + id);
        }
        if (id != null && isRejected(id)) {
            c.fault("rejected");
            return error(400, "Bad request: report " + id + " cannot be changed");
        }
        return null;
    }

    private Answer counted(Counters c, Answer a) {
        c.status(a.status());
        return a;
    }

    private Fault fault(double u) {
        double edge = options.hangRate();
        if (u < edge) {
            return Fault.HANG;
        }
        edge += options.throttleRate();
        if (u < edge) {
            return Fault.THROTTLE;
        }
        edge += options.failureRate();
        if (u < edge) {
            return Fault.FAILURE;
        }
        edge += options.garbageRate();
        if (u < edge) {
            return Fault.GARBAGE;
        }
        return Fault.NONE;
    }

    private boolean overRateLimit(long second) {
        int max = options.maxCallsPerSecond();
        if (max <= 0) {
            return false;
        }
        synchronized (rateLock) {
            if (second != rateSecond) {
                rateSecond = second;
                rateCount = 0;
            }
            if (rateCount >= max) {
                return true;
            }
            rateCount++;
            return false;
        }
    }

    private boolean isForbidden(UUID id) {
        return options.forbiddenReports().contains(id)
                || (options.forbiddenShare() > 0 && store.containsKey(id)
                        && Dice.perReport(options.randomSeed(), id, Dice.SALT_FORBIDDEN) < options.forbiddenShare());
    }

    private boolean isRejected(UUID id) {
        return options.rejectedReports().contains(id)
                || (options.rejectedShare() > 0 && store.containsKey(id)
                        && Dice.perReport(options.randomSeed(), id, Dice.SALT_REJECTED) < options.rejectedShare());
    }

    private static Route route(String method, String sub) {
        String[] parts = sub.split("/", -1); // "", "ScheduledReport", ...
        if (parts.length < 2 || !parts[1].equalsIgnoreCase("ScheduledReport")) {
            return new Route(Kind.UNKNOWN, null);
        }
        if (parts.length == 2 || (parts.length == 3 && parts[2].isEmpty())) {
            return method.equals("GET") ? new Route(Kind.LIST, null) : new Route(Kind.NOT_ALLOWED, null);
        }
        if (parts.length == 4 && !parts[3].isEmpty()) {
            String id = decode(parts[3]);
            switch (parts[2].toLowerCase(Locale.ROOT)) {
                case "resume":
                    return method.equals("PUT") ? new Route(Kind.RESUME, id) : new Route(Kind.NOT_ALLOWED, null);
                case "pause":
                    return method.equals("PUT") ? new Route(Kind.PAUSE, id) : new Route(Kind.NOT_ALLOWED, null);
                case "execution":
                    return method.equals("GET") ? new Route(Kind.EXECUTION, id) : new Route(Kind.NOT_ALLOWED, null);
                default:
                    return new Route(Kind.UNKNOWN, null);
            }
        }
        return new Route(Kind.UNKNOWN, null);
    }

    private Answer transition(UUID id, ReportStatus from, ReportStatus to, String verb) {
        Report[] before = new Report[1];
        Report after = store.computeIfPresent(id, (k, r) -> {
            before[0] = r;
            return r.reportStatus() == from ? r.withStatus(to, Instant.now()) : r;
        });
        if (after == null) {
            return error(404, "Report " + id + " not found");
        }
        ReportStatus was = before[0].reportStatus();
        if (was == ReportStatus.INACTIVE) {
            return error(400, "Report " + id + " is Inactive (its recurrence has ended) and cannot be " + verb);
        }
        String message = was == from ? "Report " + id + " " + verb + " successfully"
                : "Report " + id + " is already " + to.apiName();
        return envelope(200, List.of(after), message);
    }

    private Answer list(String rawQuery) {
        Map<String, String> query = parseForm(rawQuery);
        Set<UUID> ids = null;
        String idFilter = query.get("reportid");
        if (idFilter != null && !idFilter.isBlank()) {
            ids = new HashSet<>();
            for (String part : idFilter.split("[;,]")) {
                String t = part.trim();
                if (t.isEmpty()) {
                    continue;
                }
                if (!UUID_TEXT.matcher(t).matches()) {
                    return error(400, "Invalid reportId '" + t + "': expected a UUID");
                }
                ids.add(UUID.fromString(t));
            }
        }
        String name = blankToNull(query.get("reportname"));
        String queryId = blankToNull(query.get("queryid"));
        List<Report> value = new ArrayList<>();
        for (Report r : reports()) {
            if ((ids == null || ids.contains(r.reportId()))
                    && (name == null || name.equalsIgnoreCase(r.reportName()))
                    && (queryId == null || queryId.equalsIgnoreCase(r.queryId()))) {
                value.add(r);
            }
        }
        return envelope(200, value, "Retrieved " + value.size() + " report(s)");
    }

    private Answer executions(UUID id) {
        if (!store.containsKey(id)) {
            return error(404, "Report " + id + " not found");
        }
        return envelope(200, List.of(), "No executions found for report " + id);
    }

    private String authenticate(String header) {
        if (header == null || header.isBlank()) {
            return "Unauthorized: an access token is required (Authorization: Bearer <token>)";
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "Unauthorized: the Authorization header must carry a Bearer token";
        }
        String token = header.substring(7).trim();
        TokenInfo info = tokens.get(token);
        if (info == null) {
            return "Unauthorized: the access token is invalid";
        }
        if (!Instant.now().isBefore(info.expiresAt())) {
            tokens.remove(token);
            return "Unauthorized: the access token has expired";
        }
        if (!sameResource(info.audience(), options.resource())) {
            return "Unauthorized: the access token was issued for another resource (" + info.audience() + ")";
        }
        return null;
    }

    private static boolean sameResource(String a, String b) {
        return trimSlash(a).equalsIgnoreCase(trimSlash(b));
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    // ------------------------------------------------------------------------------------------------- tokens

    private Answer token(String method, String tenant, boolean v2, String body) {
        Counters c = counters;
        c.tokenRequests.increment();
        if (!method.equals("POST")) {
            return entraError(400, "invalid_request", 900561,
                    "The endpoint only accepts POST requests. Received a " + method + " request.");
        }
        if (!tenant.equalsIgnoreCase(options.tenantId())) {
            return entraError(400, "invalid_request", 90002, "Tenant '" + tenant + "' not found. Check to make sure you"
                    + " have the correct tenant ID and are signing into the correct cloud.");
        }
        Map<String, String> form = parseForm(body);
        String grant = form.get("grant_type");
        if (grant == null || grant.isBlank()) {
            return missing("grant_type");
        }
        if (!grant.equals("client_credentials") && !grant.equals("password")) {
            return entraError(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '" + grant + "'.");
        }
        String clientId = form.get("client_id");
        if (clientId == null || clientId.isBlank()) {
            return missing("client_id");
        }
        if (!clientId.equalsIgnoreCase(options.clientId())) {
            return entraError(400, "unauthorized_client", 700016, "Application with identifier '" + clientId
                    + "' was not found in the directory '" + tenant + "'. This can happen if the application has not"
                    + " been installed by the administrator of the tenant or consented to by any user in the tenant.");
        }
        String audience;
        String scope = null;
        if (v2) {
            scope = form.get("scope");
            if (scope == null || scope.isBlank()) {
                return missing("scope");
            }
            audience = null;
            for (String s : scope.trim().split("\\s+")) {
                if (s.endsWith("/.default")) {
                    audience = s.substring(0, s.length() - "/.default".length());
                }
            }
            if (audience == null) {
                return entraError(400, "invalid_scope", 70011, "The provided value for the input parameter 'scope' is"
                        + " not valid. The scope " + scope + " is not valid. The scope format is invalid: it must be"
                        + " '<resource>/.default'.");
            }
        } else {
            audience = form.get("resource");
            if (audience == null || audience.isBlank()) {
                return missing("resource");
            }
        }
        String secret = form.get("client_secret");
        if (grant.equals("client_credentials")) {
            if (secret == null || secret.isEmpty()) {
                return entraError(401, "invalid_client", 7000218,
                        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
            }
            if (!secret.equals(options.clientSecret())) {
                return badSecret();
            }
        } else {
            if (secret != null && !secret.equals(options.clientSecret())) {
                return badSecret();
            }
            String user = form.get("username");
            String password = form.get("password");
            if (user == null || user.isBlank()) {
                return missing("username");
            }
            if (password == null || password.isEmpty()) {
                return missing("password");
            }
            if (!user.equalsIgnoreCase(options.username()) || !password.equals(options.password())) {
                return entraError(400, "invalid_grant", 50126, "Error validating credentials due to invalid username or password.");
            }
        }
        c.tokensIssued.increment();
        String token = newToken(audience);
        long lifetime = options.tokenLifetime().toSeconds();
        long expiresIn = lifetime > 1 ? lifetime - 1 : Math.max(lifetime, 1);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token_type", "Bearer");
        if (v2) {
            out.put("scope", scope);
            out.put("expires_in", expiresIn);
            out.put("ext_expires_in", expiresIn);
        } else {
            long nowSec = Instant.now().getEpochSecond();
            out.put("expires_in", Long.toString(expiresIn));
            out.put("ext_expires_in", Long.toString(expiresIn));
            out.put("expires_on", Long.toString(nowSec + expiresIn));
            out.put("not_before", Long.toString(nowSec));
            out.put("resource", audience);
        }
        out.put("access_token", token);
        return new Answer(200, json.writeValueAsBytes(out), JSON_TYPE, Map.of("Cache-Control", "no-store, no-cache", "Pragma", "no-cache"));
    }

    private String newToken(String audience) {
        byte[] bytes = new byte[32];
        secureRandom.nextBytes(bytes);
        String token = "sbx." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.put(token, new TokenInfo(Instant.now().plus(options.tokenLifetime()), audience));
        if (tokens.size() > 10_000) {
            Instant now = Instant.now();
            tokens.values().removeIf(t -> !now.isBefore(t.expiresAt()));
        }
        return token;
    }

    private Answer missing(String parameter) {
        return entraError(400, "invalid_request", 900144, "The request body must contain the following parameter: '" + parameter + "'.");
    }

    private Answer badSecret() {
        return entraError(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in"
                + " the request is the client secret value, not the client secret ID, for a secret added to app '"
                + options.clientId() + "'.");
    }

    private Answer entraError(int status, String error, int code, String description) {
        String trace = UUID.randomUUID().toString();
        String correlation = UUID.randomUUID().toString();
        String timestamp = ENTRA_TIME.format(Instant.now());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", error);
        out.put("error_description", "AADSTS" + code + ": " + description + " Trace ID: " + trace
                + " Correlation ID: " + correlation + " Timestamp: " + timestamp);
        out.put("error_codes", List.of(code));
        out.put("timestamp", timestamp);
        out.put("trace_id", trace);
        out.put("correlation_id", correlation);
        out.put("error_uri", baseUrl() + "/error?code=" + code);
        return new Answer(status, json.writeValueAsBytes(out), JSON_TYPE, Map.of("Cache-Control", "no-store, no-cache"));
    }

    // ------------------------------------------------------------------------------------------------- admin

    private Answer admin(String method, String path, String rawQuery) {
        switch (method + " " + path) {
            case "GET /_sandbox/counters":
                return new Answer(200, json.writeValueAsBytes(countersJson(counters())), JSON_TYPE, Map.of());
            case "POST /_sandbox/reset-counters":
                resetCounters();
                return new Answer(200, json.writeValueAsBytes(Map.of("reset", true)), JSON_TYPE, Map.of());
            case "GET /_sandbox/health":
                return new Answer(200, json.writeValueAsBytes(Map.of("status", "UP", "reports", store.size())), JSON_TYPE, Map.of());
            case "GET /_sandbox/reports":
                String status = blankToNull(parseForm(rawQuery).get("status"));
                List<Report> value;
                try {
                    value = status == null ? reports() : reports(ReportStatus.parse(status));
                } catch (IllegalArgumentException e) {
                    return error(400, e.getMessage());
                }
                return envelope(200, value, "Retrieved " + value.size() + " report(s)");
            default:
                return error(404, "Resource not found: " + method + " " + path);
        }
    }

    private static Map<String, Object> countersJson(SandboxCounters s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("totalCalls", s.totalCalls());
        out.put("resumeCalls", s.resumeCalls());
        out.put("pauseCalls", s.pauseCalls());
        out.put("tokenRequests", s.tokenRequests());
        out.put("tokensIssued", s.tokensIssued());
        out.put("maxResumeCallsPerSecond", s.maxResumeCallsPerSecond());
        out.put("responsesPerStatus", new TreeMap<>(stringKeys(s.responsesPerStatus())));
        out.put("faultsInjected", new TreeMap<>(s.faultsInjected()));
        out.put("resumeCallsPerSecond", new TreeMap<>(stringKeys(s.resumeCallsPerSecond())));
        out.put("callsPerReport", new TreeMap<>(stringKeys(s.callsPerReport())));
        return out;
    }

    private static Map<String, Long> stringKeys(Map<?, Long> map) {
        Map<String, Long> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    // ------------------------------------------------------------------------------------------------- JSON

    private Answer error(int status, String message) {
        return error(status, message, Map.of());
    }

    private Answer error(int status, String message, Map<String, String> headers) {
        Answer a = envelope(status, List.of(), message);
        return new Answer(a.status(), a.body(), a.contentType(), headers);
    }

    private Answer envelope(int status, List<Report> value, String message) {
        boolean camel = options.casing() == Casing.CAMEL;
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> rendered = new ArrayList<>(value.size());
        for (Report r : value) {
            rendered.add(render(r, camel));
        }
        out.put(name("Value", camel), rendered);
        out.put(name("TotalCount", camel), rendered.size());
        out.put(name("Message", camel), message);
        out.put(name("StatusCode", camel), status);
        if (camel) {
            out.put("nextLink", null);
            out.put("dataRedacted", false);
        }
        return new Answer(status, json.writeValueAsBytes(out), JSON_TYPE, Map.of());
    }

    private static Map<String, Object> render(Report r, boolean camel) {
        Object[] values = {r.reportId().toString(), r.reportName(), r.description(), r.queryId(), r.query(), r.user(),
            TIME.format(r.createdTime()), TIME.format(r.modifiedTime()), r.executeNow(), TIME.format(r.startTime()),
            r.reportStatus().apiName(), r.recurrenceInterval(), r.recurrenceCount(), r.callbackUrl(), r.callbackMethod(),
            r.format()};
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < REPORT_FIELDS.length; i++) {
            out.put(name(REPORT_FIELDS[i], camel), values[i]);
        }
        return out;
    }

    private static String name(String pascal, boolean camel) {
        return camel ? Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1) : pascal;
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** Parses {@code a=1&b=2} (form body or query string); keys are lower-cased, values URL-decoded. */
    static Map<String, String> parseForm(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(k, v);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
