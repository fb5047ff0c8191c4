package com.reportresumer.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** {@code java -jar ops/sandbox/target/sandbox.jar ...} as a process of its own, and its admin endpoints. */
final class SandboxProcess implements AutoCloseable {

    /**
     * What the sandbox is started with. {@code quotaPerSecond} is its server-side quota ({@code --max-calls-per-second},
     * 0 = none), whose 429s carry {@code Retry-After: 1} when {@code quotaRetryAfter} and no Retry-After otherwise.
     */
    record Spec(int reports, int latencyMs, int jitterMs, int quotaPerSecond, boolean quotaRetryAfter, long seed) {

        static Spec of(int reports, int latencyMs, int jitterMs, long seed) {
            return new Spec(reports, latencyMs, jitterMs, 0, true, seed);
        }

        /** The same sandbox with a hidden quota of {@code perSecond} calls, with or without Retry-After. */
        Spec withQuota(int perSecond, boolean retryAfter) {
            return new Spec(reports, latencyMs, jitterMs, perSecond, retryAfter, seed);
        }

        String latencyText() {
            return latencyMs == 0 ? "0" : jitterMs == 0 ? latencyMs + "ms" : latencyMs + "±" + jitterMs + "ms";
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    final Spec spec;
    final Map<String, String> info;

    private SandboxProcess(Process process, Spec spec, Map<String, String> info) {
        this.process = process;
        this.spec = spec;
        this.info = info;
    }

    static SandboxProcess start(Path java, Path jar, Path logDir, String name, Spec spec) throws IOException {
        Files.createDirectories(logDir);
        // the reports live in the sandbox's heap (and /_sandbox/reports renders them all at once)
        // measured: 1,000,000 reports and one /_sandbox/reports of them peaked at 6.2 GB RSS
        long heapMb = 256 + (long) spec.reports() * 8 / 1000;
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx" + heapMb + "m",
                "-jar", jar.toString(),
                "--port", "0", "--reports", String.valueOf(spec.reports()), "--paused-share", "1",
                "--inactive-share", "0", "--seed", String.valueOf(spec.seed()),
                "--latency-ms", String.valueOf(spec.latencyMs()), "--jitter-ms", String.valueOf(spec.jitterMs())));
        if (spec.quotaPerSecond() > 0) {
            cmd.addAll(List.of("--max-calls-per-second", String.valueOf(spec.quotaPerSecond()),
                    "--quota-retry-after", String.valueOf(spec.quotaRetryAfter())));
        }
        Process p = new ProcessBuilder(cmd)
                .redirectError(logDir.resolve(name + ".sandbox.err").toFile())
                .start();
        Children.register(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("Partner Center sandbox listening:")) {
            p.destroy();
            throw new IOException("sandbox did not start (see " + logDir.resolve(name + ".sandbox.err") + "): " + line);
        }
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(Writer.nullWriter());
            } catch (IOException ignored) {
                // the sandbox went away
            }
        }, "sandbox-stdout");
        drain.setDaemon(true);
        drain.start();
        return new SandboxProcess(p, spec, parseStartLine(line));
    }

    /** {@code key=value} pairs of the sandbox's start line. */
    static Map<String, String> parseStartLine(String line) {
        Map<String, String> out = new HashMap<>();
        for (String word : line.split("\\s+")) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                out.put(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        return out;
    }

    String baseUrl() {
        return info.get("base-url");
    }

    String apiUrl() {
        return baseUrl() + info.get("api-path");
    }

    String tokenUrl() {
        return info.get("token-url");
    }

    /** The ids of the Paused reports, in the sandbox's order, read from {@code GET /_sandbox/reports?status=Paused}. */
    List<String> pausedReportIds() throws IOException, InterruptedException {
        HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/_sandbox/reports?status=Paused"))
                .timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
        List<String> ids = new ArrayList<>(spec.reports());
        try (InputStream body = r.body(); JsonParser p = JSON.createParser(body)) {
            if (r.statusCode() != 200) {
                throw new IOException("GET /_sandbox/reports answered " + r.statusCode());
            }
            int depth = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case PROPERTY_NAME -> {
                        // envelope {"Value":[{report}...]}: a report's fields are at depth 3
                        if (depth == 3 && p.currentName().equalsIgnoreCase("ReportId")) {
                            p.nextToken();
                            ids.add(p.getString());
                        }
                    }
                    default -> { }
                }
            }
        }
        return ids;
    }

    void resetCounters() throws IOException, InterruptedException {
        HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/_sandbox/reset-counters"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200) {
            throw new IOException("POST /_sandbox/reset-counters answered " + r.statusCode());
        }
    }

    SandboxCounters counters() throws IOException, InterruptedException {
        HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/_sandbox/counters"))
                .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = r.body(); JsonParser p = JSON.createParser(body)) {
            return SandboxCounters.parse(p);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        Children.unregister(process);
    }
}
