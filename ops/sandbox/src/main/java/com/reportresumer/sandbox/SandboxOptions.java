package com.reportresumer.sandbox;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Everything a {@link Sandbox} can be told. Start from {@link #defaults()} or {@link #builder()}; change a copy with
 * {@link #toBuilder()}.
 *
 * <p>Per-call faults ({@code hangRate}, {@code throttleRate}, {@code failureRate}, {@code garbageRate}) are drawn
 * for every API call from a generator keyed on (randomSeed, report id or route, call number for that key), so the
 * n-th call for a given report meets the same fault in every run with the same seed, whatever the thread interleaving.
 * Their sum must not exceed 1. Per-report faults ({@code forbidden*}, {@code rejected*}) are fixed per report: an
 * explicit id set, or a share of the known reports picked by a hash of (randomSeed, report id).
 *
 * @param port               TCP port; 0 picks a free one
 * @param bindAddress        address to listen on (default 127.0.0.1)
 * @param apiPath            API prefix (default {@code /insights/v1/mpn})
 * @param tenantId           the tenant in the token URL path
 * @param clientId           the app registration's client id
 * @param clientSecret       its secret
 * @param username           user for the {@code password} grant
 * @param password           that user's password
 * @param resource           the audience the API accepts ({@code https://api.partnercenter.microsoft.com})
 * @param tokenLifetime      how long an issued token is accepted (default 3600 s)
 * @param casing             JSON field spelling of the API answers
 * @param reports            reports generated at start
 * @param pausedShare        share of generated reports that are Paused
 * @param inactiveShare      share that are Inactive (the rest is Active)
 * @param randomSeed         seed of the generated reports and of every fault draw
 * @param latency            fixed delay added to every API answer
 * @param jitter             uniform jitter ± this much around {@code latency}
 * @param failureRate        share of API calls answered 500 (before anything changes)
 * @param throttleRate       share of API calls answered 429 with {@code Retry-After: retryAfterSeconds}
 * @param retryAfterSeconds  the {@code Retry-After} of injected 429s
 * @param forbiddenShare     share of known reports that always answer 403
 * @param forbiddenReports   report ids that always answer 403
 * @param rejectedShare      share of known reports that always answer 400
 * @param rejectedReports    report ids that always answer 400
 * @param garbageRate        share of 200 answers whose body is replaced by non-JSON (the change still happens)
 * @param hangRate           share of API calls that hang {@code hangDuration} before answering (after the change)
 * @param hangDuration       how long a hung call waits; cut short by {@link Sandbox#close()}, which drops the connection
 * @param maxCallsPerSecond  server-side limit on API calls per wall-clock second, 429 beyond; 0 = off
 * @param quotaRetryAfter    whether those 429s carry {@code Retry-After: 1} (many gateways send none)
 * @param threads            HTTP worker threads (hung calls each hold one)
 */
public record SandboxOptions(
        int port,
        String bindAddress,
        String apiPath,
        String tenantId,
        String clientId,
        String clientSecret,
        String username,
        String password,
        String resource,
        Duration tokenLifetime,
        Casing casing,
        int reports,
        double pausedShare,
        double inactiveShare,
        long randomSeed,
        Duration latency,
        Duration jitter,
        double failureRate,
        double throttleRate,
        int retryAfterSeconds,
        double forbiddenShare,
        Set<UUID> forbiddenReports,
        double rejectedShare,
        Set<UUID> rejectedReports,
        double garbageRate,
        double hangRate,
        Duration hangDuration,
        int maxCallsPerSecond,
        boolean quotaRetryAfter,
        int threads) {

    public static final String DEFAULT_API_PATH = "/insights/v1/mpn";
    public static final String DEFAULT_TENANT_ID = "11111111-1111-4111-8111-111111111111";
    public static final String DEFAULT_CLIENT_ID = "22222222-2222-4222-8222-222222222222";
    public static final String DEFAULT_CLIENT_SECRET = "sandbox-client-secret";
    public static final String DEFAULT_USERNAME = "sandbox-user@contoso.example";
    public static final String DEFAULT_PASSWORD = "sandbox-password";
    public static final String DEFAULT_RESOURCE = "https://api.partnercenter.microsoft.com";

    public SandboxOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        bindAddress = require(bindAddress, "bindAddress");
        apiPath = normalizePath(require(apiPath, "apiPath"));
        tenantId = require(tenantId, "tenantId");
        clientId = require(clientId, "clientId");
        clientSecret = require(clientSecret, "clientSecret");
        username = require(username, "username");
        password = require(password, "password");
        resource = require(resource, "resource");
        Objects.requireNonNull(casing, "casing");
        tokenLifetime = positive(tokenLifetime, "tokenLifetime");
        latency = nonNegative(latency, "latency");
        jitter = nonNegative(jitter, "jitter");
        hangDuration = nonNegative(hangDuration, "hangDuration");
        if (reports < 0) {
            throw new IllegalArgumentException("reports must be >= 0");
        }
        share(pausedShare, "pausedShare");
        share(inactiveShare, "inactiveShare");
        if (pausedShare + inactiveShare > 1.0 + 1e-9) {
            throw new IllegalArgumentException("pausedShare + inactiveShare must not exceed 1");
        }
        share(failureRate, "failureRate");
        share(throttleRate, "throttleRate");
        share(garbageRate, "garbageRate");
        share(hangRate, "hangRate");
        if (failureRate + throttleRate + garbageRate + hangRate > 1.0 + 1e-9) {
            throw new IllegalArgumentException("failureRate + throttleRate + garbageRate + hangRate must not exceed 1");
        }
        share(forbiddenShare, "forbiddenShare");
        share(rejectedShare, "rejectedShare");
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must be >= 0");
        }
        if (maxCallsPerSecond < 0) {
            throw new IllegalArgumentException("maxCallsPerSecond must be >= 0 (0 = no limit)");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        forbiddenReports = forbiddenReports == null ? Set.of() : Set.copyOf(forbiddenReports);
        rejectedReports = rejectedReports == null ? Set.of() : Set.copyOf(rejectedReports);
    }

    /** The defaults: free port on 127.0.0.1, PascalCase, 100 generated reports (80% Paused, 5% Inactive), no faults. */
    public static SandboxOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    private static String normalizePath(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals("/") || p.startsWith("/_sandbox")) {
            throw new IllegalArgumentException("apiPath must be a non-root path outside /_sandbox");
        }
        return p;
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return d;
    }

    private static Duration nonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
        return d;
    }

    private static void share(double value, String name) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1");
        }
    }

    /** Mutable builder of {@link SandboxOptions}; every setter returns the builder. */
    public static final class Builder {
        private int port = 0;
        private String bindAddress = "127.0.0.1";
        private String apiPath = DEFAULT_API_PATH;
        private String tenantId = DEFAULT_TENANT_ID;
        private String clientId = DEFAULT_CLIENT_ID;
        private String clientSecret = DEFAULT_CLIENT_SECRET;
        private String username = DEFAULT_USERNAME;
        private String password = DEFAULT_PASSWORD;
        private String resource = DEFAULT_RESOURCE;
        private Duration tokenLifetime = Duration.ofHours(1);
        private Casing casing = Casing.PASCAL;
        private int reports = 100;
        private double pausedShare = 0.8;
        private double inactiveShare = 0.05;
        private long randomSeed = 42L;
        private Duration latency = Duration.ZERO;
        private Duration jitter = Duration.ZERO;
        private double failureRate;
        private double throttleRate;
        private int retryAfterSeconds = 1;
        private double forbiddenShare;
        private Set<UUID> forbiddenReports = Set.of();
        private double rejectedShare;
        private Set<UUID> rejectedReports = Set.of();
        private double garbageRate;
        private double hangRate;
        private Duration hangDuration = Duration.ofSeconds(60);
        private int maxCallsPerSecond;
        private boolean quotaRetryAfter = true;
        private int threads = 200;

        private Builder() {
        }

        private Builder(SandboxOptions o) {
            port = o.port;
            bindAddress = o.bindAddress;
            apiPath = o.apiPath;
            tenantId = o.tenantId;
            clientId = o.clientId;
            clientSecret = o.clientSecret;
            username = o.username;
            password = o.password;
            resource = o.resource;
            tokenLifetime = o.tokenLifetime;
            casing = o.casing;
            reports = o.reports;
            pausedShare = o.pausedShare;
            inactiveShare = o.inactiveShare;
            randomSeed = o.randomSeed;
            latency = o.latency;
            jitter = o.jitter;
            failureRate = o.failureRate;
            throttleRate = o.throttleRate;
            retryAfterSeconds = o.retryAfterSeconds;
            forbiddenShare = o.forbiddenShare;
            forbiddenReports = o.forbiddenReports;
            rejectedShare = o.rejectedShare;
            rejectedReports = o.rejectedReports;
            garbageRate = o.garbageRate;
            hangRate = o.hangRate;
            hangDuration = o.hangDuration;
            maxCallsPerSecond = o.maxCallsPerSecond;
            quotaRetryAfter = o.quotaRetryAfter;
            threads = o.threads;
        }

        public Builder port(int v) { port = v; return this; }
        public Builder bindAddress(String v) { bindAddress = v; return this; }
        public Builder apiPath(String v) { apiPath = v; return this; }
        public Builder tenantId(String v) { tenantId = v; return this; }
        public Builder clientId(String v) { clientId = v; return this; }
        public Builder clientSecret(String v) { clientSecret = v; return this; }
        public Builder username(String v) { username = v; return this; }
        public Builder password(String v) { password = v; return this; }
        public Builder resource(String v) { resource = v; return this; }
        public Builder tokenLifetime(Duration v) { tokenLifetime = v; return this; }
        public Builder casing(Casing v) { casing = v; return this; }
        public Builder reports(int v) { reports = v; return this; }
        public Builder pausedShare(double v) { pausedShare = v; return this; }
        public Builder inactiveShare(double v) { inactiveShare = v; return this; }
        public Builder randomSeed(long v) { randomSeed = v; return this; }
        public Builder latency(Duration v) { latency = v; return this; }
        public Builder jitter(Duration v) { jitter = v; return this; }
        public Builder failureRate(double v) { failureRate = v; return this; }
        public Builder throttleRate(double v) { throttleRate = v; return this; }
        public Builder retryAfterSeconds(int v) { retryAfterSeconds = v; return this; }
        public Builder forbiddenShare(double v) { forbiddenShare = v; return this; }
        public Builder forbiddenReports(Set<UUID> v) { forbiddenReports = v; return this; }
        public Builder rejectedShare(double v) { rejectedShare = v; return this; }
        public Builder rejectedReports(Set<UUID> v) { rejectedReports = v; return this; }
        public Builder garbageRate(double v) { garbageRate = v; return this; }
        public Builder hangRate(double v) { hangRate = v; return this; }
        public Builder hangDuration(Duration v) { hangDuration = v; return this; }
        public Builder maxCallsPerSecond(int v) { maxCallsPerSecond = v; return this; }
        public Builder quotaRetryAfter(boolean v) { quotaRetryAfter = v; return this; }
        public Builder threads(int v) { threads = v; return this; }

        public SandboxOptions build() {
            return new SandboxOptions(port, bindAddress, apiPath, tenantId, clientId, clientSecret, username, password,
                    resource, tokenLifetime, casing, reports, pausedShare, inactiveShare, randomSeed, latency, jitter,
                    failureRate, throttleRate, retryAfterSeconds, forbiddenShare, forbiddenReports, rejectedShare,
                    rejectedReports, garbageRate, hangRate, hangDuration, maxCallsPerSecond, quotaRetryAfter, threads);
        }
    }
}
