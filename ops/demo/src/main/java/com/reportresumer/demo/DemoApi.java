package com.reportresumer.demo;

import com.reportresumer.sandbox.Sandbox;
import com.reportresumer.sandbox.SandboxOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox Partner Center of the demo: a few hundred reports, mostly paused, and a realistic share of trouble
 * (slow answers, 500s, throttling with Retry-After, forbidden and inactive reports, garbage, the odd hung call).
 * <p>
 * Its client secret is random, kept in {@code sandbox-client-secret} in the demo directory (readable by its owner
 * only), like the database's password: while {@code demo --serve} runs, the sandbox listens on loopback, where every
 * local user could otherwise take the well-known default secret and call it.
 */
public final class DemoApi implements AutoCloseable {

    /** The file, in the demo directory, that holds the sandbox's client secret. */
    public static final String CLIENT_SECRET_FILE = "sandbox-client-secret";
    /** The file, in the demo directory, that says which reports the last demo's sandbox had. */
    static final String SETTINGS_FILE = "sandbox-settings";
    private static final Pattern SETTING = Pattern.compile("^(reports|seed)=(-?\\d{1,19})$", Pattern.MULTILINE);

    /**
     * Which reports a sandbox has: the same for the same two numbers, so the sandbox that a command with
     * {@code --demo} starts has the reports that the demo flagged in the database.
     *
     * @param reports how many reports
     * @param seed the random seed of the reports and of the trouble
     */
    record Reports(int reports, long seed) {

        /** What {@code demo} has by default. */
        static final Reports DEFAULT = new Reports(400, 2026);

        /** Those of the last demo in {@code directory}, or the defaults when no demo said. */
        static Reports lastIn(Path directory) throws IOException {
            Path file = directory.resolve(SETTINGS_FILE);
            if (!Files.exists(file)) {
                return DEFAULT;
            }
            Matcher m = SETTING.matcher(Files.readString(file, StandardCharsets.UTF_8));
            Map<String, String> found = new LinkedHashMap<>();
            while (m.find()) {
                found.put(m.group(1), m.group(2));
            }
            try {
                return new Reports(Integer.parseInt(found.getOrDefault("reports", "400")),
                        Long.parseLong(found.getOrDefault("seed", "2026")));
            }
            catch (NumberFormatException garbled) {
                return DEFAULT;
            }
        }

        void saveIn(Path directory) throws IOException {
            OwnerOnlyFiles.write(directory.resolve(SETTINGS_FILE), "reports=" + reports + "\nseed=" + seed + "\n");
        }
    }

    /**
     * Where a demo's sandbox answers, and the client it knows: what the job's {@code resumer.partner-center.*}
     * properties need, but the secret, which stays in its file.
     */
    record Endpoint(String baseUrl, String apiPath, String tokenUrl, String tenantId, String clientId) {
    }

    private final Sandbox sandbox;
    private final Path clientSecretFile;

    private DemoApi(Sandbox sandbox, Path clientSecretFile) {
        this.sandbox = sandbox;
        this.clientSecretFile = clientSecretFile;
    }

    /**
     * Starts a sandbox with {@code reports}, whose client secret is the one kept in {@code directory} (made there
     * if there is none yet).
     */
    static DemoApi start(Path directory, Reports reports) throws IOException {
        Path secretFile = directory.resolve(CLIENT_SECRET_FILE).toAbsolutePath();
        String secret = OwnerOnlyFiles.secret(secretFile);
        return new DemoApi(Sandbox.start(SandboxOptions.builder()
                .clientSecret(secret)
                .reports(reports.reports())
                .pausedShare(0.9)
                .inactiveShare(0.03)
                .randomSeed(reports.seed())
                .latency(Duration.ofMillis(40))
                .jitter(Duration.ofMillis(20))
                .failureRate(0.05)
                .maxCallsPerSecond(150) // a quota the job is not told about: it finds the pace by itself
                .forbiddenShare(0.02)
                .garbageRate(0.01)
                .hangRate(0.002)
                .hangDuration(Duration.ofSeconds(30))
                .build()), secretFile);
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    Endpoint endpoint() {
        SandboxOptions o = sandbox.options();
        return new Endpoint(sandbox.baseUrl(), o.apiPath(), sandbox.tokenUrl(), o.tenantId(), o.clientId());
    }

    /** The file that holds the client secret, readable by its owner only (an absolute path). */
    Path clientSecretFile() {
        return clientSecretFile;
    }

    /** Spring properties pointing the job at this sandbox, with settings that suit a short demo. */
    public Map<String, Object> springProperties() {
        return springProperties(endpoint(), sandbox.options().clientSecret());
    }

    /** Spring properties pointing the job at the sandbox at {@code endpoint}, with settings that suit a short demo. */
    static Map<String, Object> springProperties(Endpoint endpoint, String clientSecret) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("resumer.partner-center.base-url", endpoint.baseUrl());
        p.put("resumer.partner-center.api-path", endpoint.apiPath());
        p.put("resumer.partner-center.token-url", endpoint.tokenUrl());
        p.put("resumer.partner-center.tenant-id", endpoint.tenantId());
        p.put("resumer.partner-center.client-id", endpoint.clientId());
        p.put("resumer.partner-center.client-secret", clientSecret);
        p.putAll(tuning());
        return p;
    }

    /**
     * What suits a short demo against this sandbox, whose hung calls last 30 s: a read timeout of 2 s (the
     * production default waits 30 s), 3 attempts with short backoff.
     */
    static Map<String, String> tuning() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("resumer.partner-center.read-timeout", "2s");
        p.put("resumer.job.max-attempts", "3");
        p.put("resumer.job.backoff.initial", "200ms");
        p.put("resumer.job.backoff.max", "2s");
        return p;
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
