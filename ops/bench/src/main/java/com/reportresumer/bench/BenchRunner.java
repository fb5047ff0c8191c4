package com.reportresumer.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One bench from start to end: the header (machine, load, database), the template migration, the selected cases
 * one after the other — an exception in one becomes an error row and the next still runs — then the report on the
 * console and in {@code <stamp>.txt} and {@code <stamp>.csv}.
 */
final class BenchRunner {

    private final BenchOptions options;
    private final Path java;
    private final Path logs;
    private final PrintStream out;
    private final List<Row> rows = new ArrayList<>();

    BenchRunner(BenchOptions options, Path java, Path logs, PrintStream out) {
        this.options = options;
        this.java = java;
        this.logs = logs;
        this.out = out;
    }

    /** Runs the bench; 1 if a check failed, 0 otherwise. */
    int run(Path resultDir, String stamp) throws Exception {
        List<BenchCase> cases = BenchCases.selectedBy(options);
        List<String> header = new ArrayList<>();
        header.add("report-resumer bench, " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                .format(ZonedDateTime.now(ZoneOffset.UTC)) + (options.quick ? ", --quick (sizes / 10)" : "") + ", cases " + options.cases);
        header.addAll(Machine.describe(java));
        header.add("JVM options added: app (job runs, start-up) " + (options.appJvm.isEmpty() ? "none"
                : String.join(" ", options.appJvm))
                + ", reference " + (options.referenceJvm.isEmpty() ? "none" : String.join(" ", options.referenceJvm)));
        header.add("load average at start: " + Machine.loadAverage() + " (other work on the machine skews the figures)");
        header.forEach(out::println);
        try (Database database = Database.start(!options.pgUnsafe)) {
            String dbText = "database: " + database.describe();
            header.add(dbText);
            out.println(dbText);
            out.println("logs: " + logs);
            out.println();
            RunEnvironment env = new RunEnvironment(options, java, logs, out, database);
            env.migrateTemplate();
            CaseContext context = CaseContext.of(env);
            for (BenchCase c : cases) {
                runCase(c, context);
            }
            if (!options.keepDatabases) {
                database.drop(Database.TEMPLATE);
            }
        }
        header.add("load average at end: " + Machine.loadAverage());

        String report = BenchReport.text(header, rows);
        out.println();
        out.print(report);
        Path csv = resultDir.resolve(stamp + ".csv");
        Files.write(csv, BenchReport.csvLines(rows), StandardCharsets.UTF_8);
        Path txt = resultDir.resolve(stamp + ".txt");
        Files.writeString(txt, report, StandardCharsets.UTF_8);
        out.println("written: " + csv + " and " + txt);
        return rows.stream().anyMatch(r -> Boolean.FALSE.equals(r.pass)) ? 1 : 0;
    }

    /** One case; its rows are printed and kept as they come, an exception becomes a failed "error" row. */
    private void runCase(BenchCase benchCase, CaseContext context) {
        String name = benchCase.name();
        out.println("== " + name);
        try {
            benchCase.run(context, row -> {
                out.print(BenchReport.progress(row));
                rows.add(row);
            });
        } catch (Exception e) {
            Row failed = new Row(name, "error", 0);
            failed.check("bench error: " + e, false);
            rows.add(failed);
            out.println("   bench error in case " + name + ": " + e);
        }
    }
}
