package com.reportresumer.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code ops/bench/run.sh}: runs the real {@code batch-app.jar} (its own JVM) against the sandbox (its own JVM) and
 * a real PostgreSQL, one fresh database and one fresh sandbox per run, and prints one table, also written as CSV.
 * This class only reads the command line and checks the jars; {@link BenchRunner} runs the bench. See
 * {@code ops/bench/README.md}.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (o.help) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        for (Path jar : List.of(o.appJar(), o.sandboxJar())) {
            if (!Files.isRegularFile(jar)) {
                System.err.println("bench: " + jar + " is missing: build with ./mvnw -B -q -DskipTests install (run.sh does)");
                System.exit(2);
            }
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(ZonedDateTime.now(ZoneOffset.UTC));
        Path resultDir = o.results();
        Path logs = resultDir.resolve(stamp);
        Files.createDirectories(logs);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        int code = new BenchRunner(o, java, logs, System.out).run(resultDir, stamp);
        System.exit(code);
    }
}
