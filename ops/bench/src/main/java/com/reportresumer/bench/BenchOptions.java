package com.reportresumer.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The bench's command line: which cases, what sizes. {@code --quick} divides every size by 10. */
final class BenchOptions {

    static final List<String> ALL_CASES = List.of("latency", "overhead", "memory", "ratelimit", "quota", "sweep", "startup",
            "console");
    static final List<String> DEFAULT_CASES = List.of("latency", "overhead", "ratelimit", "quota", "sweep", "startup");
    /** The full size of each case that has one, set with {@code --n-CASE} (reports; audit rows for console). */
    private static final Map<String, Integer> FULL_SIZES = Map.of("latency", 10_000, "overhead", 100_000,
            "memory", 1_000_000, "ratelimit", 1_500, "quota", 3_000, "sweep", 3_000, "console", 1_000_000);

    static final String USAGE = """
            Usage: ops/bench/run.sh [options]
            Runs the real batch-app.jar against the sandbox (its own process) and a real PostgreSQL, one fresh
            database and one fresh sandbox per run, and prints one table (also written as CSV to ops/bench/results/).

              --quick                 every size 10x smaller (a few minutes in all)
              --case LIST             comma-separated: latency, overhead, memory, ratelimit, quota, sweep, startup,
                                      console, or all (default: latency,overhead,ratelimit,quota,sweep,startup;
                                      memory and console are long: ask for them)
              --concurrency N         resumer.job.concurrency of the latency, overhead, memory and rate-limit runs (16)
              --chunk N               resumer.job.chunk-size of those runs (default: the app's, 50)
              --app-xmx SIZE          -Xmx of the app and the reference (512m); the memory case uses --memory-xmx (256m)
              --memory-xmx SIZE       -Xmx of the app in the memory case (256m)
              --app-jvm "OPTIONS"     more JVM settings for the app's job runs and start-up case, space-separated
                                      (-XX:, -X, -D, ...; e.g. "-XX:TieredStopAtLevel=1"; not the heap: --app-xmx;
                                      none by default: plain java -jar). Printed in the report: never a secret
              --reference-jvm "OPTIONS"
                                      more JVM settings for the Java reference, as --app-jvm (none by default)
              --n-latency N           reports in the latency case (10000)
              --n-overhead N          reports in the overhead case, job and Java reference (100000)
              --plain-sample N        reports the plain curl+psql loop runs, scaled to --n-overhead (2000)
              --n-memory N            requests in the memory case (1000000)
              --n-ratelimit N         reports in the rate-limit run (1500)
              --rate N                resumer.job.rate-limit in the rate-limit run (50)
              --n-quota N             reports in each run of the quota case (3000)
              --quota N               the sandbox's hidden quota in the quota case, calls per second (100)
              --quota-concurrency N   resumer.job.concurrency of the quota case (32)
              --quota-latency-ms N    the sandbox's latency in the quota case, in ms (30)
              --n-sweep N             reports per run of the chunk x concurrency sweep (3000)
              --n-console N           audit rows of the console case, over 1,000 executions (1000000)
              --seed N                the sandbox's seed (42)
              --results DIR           where the CSV, the text report and the logs go (ops/bench/results)
              --keep-databases        do not drop the per-run databases (an external server only: the embedded one
                                      is removed when the bench ends)
              --pg-unsafe             embedded PostgreSQL with fsync and synchronous_commit off (zonky's defaults);
                                      by default both are on, as on a production server
              --help                  this text
            Database: embedded PostgreSQL (zonky) unless SPRING_DATASOURCE_URL (+ _USERNAME, _PASSWORD) is set; the
            bench then creates and drops databases named rrbench_* on that server (needs CREATEDB).
            """;

    Path root = Path.of(".").toAbsolutePath().normalize();
    boolean quick;
    Set<String> cases = new LinkedHashSet<>(DEFAULT_CASES);
    int concurrency = 16;
    Integer chunk;
    String appXmx = "512m";
    String memoryXmx = "256m";
    /** JVM options added to the app's job runs and starts ({@code --app-jvm}), and to the reference's. */
    List<String> appJvm = List.of();
    List<String> referenceJvm = List.of();
    /** The sizes given with {@code --n-CASE}, by case. */
    private final Map<String, Integer> sizes = new HashMap<>();
    Integer plainSample;
    int rate = 50;
    int quota = 100;
    int quotaConcurrency = 32;
    int quotaLatencyMs = 30;
    long seed = 42;
    Path results;
    boolean keepDatabases;
    boolean pgUnsafe;
    boolean help;

    static BenchOptions parse(String[] args) {
        BenchOptions o = new BenchOptions();
        List<String> rest = new ArrayList<>(List.of(args));
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> o.help = true;
                case "--quick" -> o.quick = true;
                case "--keep-databases" -> o.keepDatabases = true;
                case "--pg-unsafe" -> o.pgUnsafe = true;
                default -> {
                    if (value == null) {
                        if (i + 1 >= rest.size()) {
                            throw new IllegalArgumentException(name + " needs a value (see --help)");
                        }
                        value = rest.get(++i);
                    }
                    o.apply(name, value);
                }
            }
        }
        return o;
    }

    private void apply(String name, String value) {
        switch (name) {
            case "--root" -> root = Path.of(value).toAbsolutePath().normalize();
            case "--case", "--cases" -> {
                cases = new LinkedHashSet<>();
                for (String c : value.toLowerCase(Locale.ROOT).split(",")) {
                    c = c.strip();
                    if (c.equals("all")) {
                        cases.addAll(ALL_CASES);
                    } else if (ALL_CASES.contains(c)) {
                        cases.add(c);
                    } else if (!c.isEmpty()) {
                        throw new IllegalArgumentException("unknown case '" + c + "' (one of " + ALL_CASES + " or all)");
                    }
                }
            }
            case "--concurrency" -> concurrency = positive(name, value);
            case "--chunk" -> chunk = positive(name, value);
            case "--app-xmx" -> appXmx = value;
            case "--memory-xmx" -> memoryXmx = value;
            case "--app-jvm" -> appJvm = jvmOptions(name, value);
            case "--reference-jvm" -> referenceJvm = jvmOptions(name, value);
            case "--plain-sample" -> plainSample = positive(name, value);
            case "--rate" -> rate = positive(name, value);
            case "--quota" -> quota = positive(name, value);
            case "--quota-concurrency" -> quotaConcurrency = positive(name, value);
            case "--quota-latency-ms" -> quotaLatencyMs = positive(name, value);
            case "--seed" -> seed = Long.parseLong(value);
            case "--results" -> results = Path.of(value).toAbsolutePath().normalize();
            default -> {
                String sized = name.startsWith("--n-") ? name.substring("--n-".length()) : "";
                if (!FULL_SIZES.containsKey(sized)) {
                    throw new IllegalArgumentException("unknown option '" + name + "' (see --help)");
                }
                sizes.put(sized, positive(name, value));
            }
        }
    }

    /** What {@code --app-jvm} and {@code --reference-jvm} take: settings of the JVM ({@code -X…}, {@code -D…}, …). */
    private static final List<String> JVM_OPTION_PREFIXES = List.of("-X", "-D", "-verbose:", "-javaagent:",
            "-agentlib:", "-agentpath:", "-ea", "-da", "-esa", "-dsa");
    /** What they may not set: the heap (the table shows {@code --app-xmx}'s) and the bench's own GC log. */
    private static final List<String> BENCH_OWNED = List.of("-Xmx", "-Xms", "-Xmn", "-XX:MaxHeapSize=",
            "-XX:InitialHeapSize=", "-XX:MinHeapSize=", "-XX:MaxRAM", "-XX:InitialRAMPercentage=",
            "-XX:MinRAMPercentage=", "-Xlog:disable", "-Xshare:dump");
    /**
     * A property that names a secret: the bench prints the options it adds, and a child's command line is readable by
     * anyone on the machine (secrets reach the processes through their environment).
     */
    private static final Pattern SECRET_PROPERTY = Pattern.compile(
            "(?i)-D[^=]*(pass|secret|token|credential)[^=]*(=.*)?");

    /**
     * Space-separated JVM options. Only settings of the JVM: not what it runs ({@code -jar}, {@code -cp},
     * {@code -m}, {@code --help}, {@code -version}: the bench chooses), not the heap, which {@code --app-xmx} and
     * {@code --memory-xmx} set and the table shows, and not the bench's GC log.
     */
    private static List<String> jvmOptions(String name, String value) {
        List<String> options = value.isBlank() ? List.of() : List.of(value.strip().split("\\s+"));
        for (String option : options) {
            if (SECRET_PROPERTY.matcher(option).matches()) {
                throw new IllegalArgumentException(name + ": '" + option.replaceFirst("=.*", "=…") + "' names a "
                        + "secret, which never goes on a command line: the bench gives its processes theirs in the "
                        + "environment");
            }
            if (BENCH_OWNED.stream().anyMatch(option::startsWith)) {
                throw new IllegalArgumentException(name + ": '" + option + "': the heap is --app-xmx's (and "
                        + "--memory-xmx's), which the table shows, and the GC log is the bench's");
            }
            if (JVM_OPTION_PREFIXES.stream().noneMatch(option::startsWith)) {
                throw new IllegalArgumentException(name + ": '" + option + "' is not a JVM setting the bench can add "
                        + "(one of -X…, -D…, -verbose:, -javaagent:, -agentlib:, -agentpath:, -ea/-da; the jar and "
                        + "the class path are the bench's)");
            }
        }
        return options;
    }

    private static int positive(String name, String value) {
        int n;
        try {
            n = Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a number: '" + value + "'");
        }
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return n;
    }

    private int size(Integer given, int full) {
        return given != null ? given : quick ? Math.max(1, full / 10) : full;
    }

    /** The size of {@code benchCase}: as given with {@code --n-CASE}, else its full size ({@code --quick}: a tenth). */
    private int size(String benchCase) {
        return size(sizes.get(benchCase), FULL_SIZES.get(benchCase));
    }

    int nLatency() {
        return size("latency");
    }

    int nOverhead() {
        return size("overhead");
    }

    int plainSample() {
        return Math.min(size(plainSample, 2_000), nOverhead());
    }

    int nMemory() {
        return size("memory");
    }

    int nRateLimit() {
        return size("ratelimit");
    }

    int nQuota() {
        return size("quota");
    }

    int nSweep() {
        return size("sweep");
    }

    int nConsole() {
        return size("console");
    }

    Path results() {
        return results != null ? results : root.resolve("ops/bench/results");
    }

    Path appJar() {
        return root.resolve("batch-app/target/batch-app.jar");
    }

    Path sandboxJar() {
        return root.resolve("ops/sandbox/target/sandbox.jar");
    }

    Path plainLoopScript() {
        return root.resolve("ops/bench/plain-loop.sh");
    }
}
