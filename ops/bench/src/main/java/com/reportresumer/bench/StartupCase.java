package com.reportresumer.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Case {@code startup}: how long a command of {@code batch-app.jar} takes as a whole process, from its start to its
 * exit (JVM, picocli, Spring, the database), against a fresh database copied from the template and a sandbox: each
 * read-only command ({@code runs --limit 5}, {@code audit --limit 5}, {@code pending --limit 5}), {@code run} on an
 * empty queue, {@code flag ID} and {@code unflag ID}, each started several times in turn with {@code --help} (the
 * JVM and picocli,
 * no Spring), so that a drift of the machine's speed moves both alike. A row shows the best (fastest) start; its
 * ratio is that best over the best {@code --help} of the same case. Target: a read-only command at most
 * {@value #TARGET} × {@code --help}.
 */
final class StartupCase {

    /** Its size: how many times each command is started (the best start counts). */
    static final BenchCase CASE = new BenchCase("startup", options -> options.quick ? 3 : 5, StartupCase::run);

    /** The most a read-only command may take, in starts of {@code --help}. */
    static final double TARGET = 2.5;
    private static final String REPORT_ID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

    /** A command line of the app, and whether the target applies to it. */
    record Command(String label, List<String> args, boolean readOnly) {
    }

    /**
     * The commands, in the order they run: {@code run} before {@code flag}, and {@code unflag} after it, so that the
     * queue of every {@code run} is empty.
     */
    static final List<Command> COMMANDS = List.of(
            new Command("runs --limit 5", List.of("runs", "--limit", "5"), true),
            new Command("audit --limit 5", List.of("audit", "--limit", "5"), true),
            new Command("pending --limit 5", List.of("pending", "--limit", "5"), true),
            new Command("run (empty queue)", List.of("run"), false),
            new Command("flag ID", List.of("flag", REPORT_ID), false),
            new Command("unflag ID", List.of("unflag", REPORT_ID), false));

    private StartupCase() {
    }

    static void run(CaseContext context, int starts, Consumer<Row> results) throws Exception {
        context.app().withIdleApp("startup", (appEnv, start) -> {
            List<Double> help = new ArrayList<>();
            List<List<Double>> times = new ArrayList<>();
            List<Integer> exits = new ArrayList<>();
            // one warm-up of each (page cache, the database's first connection), not counted
            start.time("startup-warmup-help", List.of("--help"), appEnv);
            for (Command c : COMMANDS) {
                start.time("startup-warmup", c.args(), appEnv);
                times.add(new ArrayList<>());
                exits.add(null);
            }
            for (int i = 0; i < starts; i++) {
                help.add(start.time("startup-help", List.of("--help"), appEnv).seconds());
                for (int c = 0; c < COMMANDS.size(); c++) {
                    Timed t = start.time("startup-" + c, COMMANDS.get(c).args(), appEnv);
                    times.get(c).add(t.seconds());
                    exits.set(c, t.exitCode());
                }
            }
            double bestHelp = help.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            Row helpRow = new Row("startup", "--help (JVM + picocli)", starts);
            helpRow.wallSeconds = bestHelp;
            helpRow.note = "every start, s: " + text(help);
            results.accept(helpRow);
            for (int c = 0; c < COMMANDS.size(); c++) {
                Command command = COMMANDS.get(c);
                double best = times.get(c).stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
                Row row = new Row("startup", command.label(), starts);
                row.wallSeconds = best;
                row.exitCode = exits.get(c);
                String text = String.format(Locale.ROOT, "best %.2f s = %.2f x --help", best, best / bestHelp);
                boolean ran = exits.get(c) == 0;
                if (command.readOnly()) {
                    context.target(row, text + " (target <= " + TARGET + ")", best <= TARGET * bestHelp, ran);
                }
                else {
                    row.check(text, ran ? null : false);
                }
                row.note = "every start, s: " + text(times.get(c));
                results.accept(row);
            }
            return null;
        });
    }

    private static String text(List<Double> seconds) {
        List<String> each = new ArrayList<>();
        seconds.forEach(s -> each.add(String.format(Locale.ROOT, "%.2f", s)));
        return String.join(" ", each);
    }

    /** One start: its wall time from start to exit and its exit code. */
    record Timed(double seconds, int exitCode) {
    }

    /**
     * Starts {@code java [--app-jvm options] -jar batch-app.jar <args>} once and waits for its exit (no polling: exact
     * to the ms).
     */
    @FunctionalInterface
    interface Start {
        Timed time(String name, List<String> args, Map<String, String> appEnv) throws Exception;
    }

    /** {@link Start} as a process of {@code java} with {@code jvmOptions} and the app's jar, its output in {@code logs}. */
    static Timed start(Path java, Path jar, Path logs, String name, List<String> args, Map<String, String> appEnv,
            List<String> jvmOptions) throws Exception {
        Files.createDirectories(logs);
        List<String> cmd = new ArrayList<>(List.of(java.toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.appendTo(
                logs.resolve(name + ".out").toFile())).redirectError(ProcessBuilder.Redirect.appendTo(
                logs.resolve(name + ".err").toFile()));
        pb.environment().putAll(appEnv);
        long started = System.nanoTime();
        Process p = pb.start();
        Children.register(p);
        try {
            int code = p.waitFor();
            return new Timed((System.nanoTime() - started) / 1e9, code);
        }
        finally {
            Children.unregister(p);
        }
    }
}
