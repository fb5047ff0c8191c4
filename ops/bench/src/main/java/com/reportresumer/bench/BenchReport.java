package com.reportresumer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the bench prints and writes: one progress line per row as its run ends, and at the end the report (header,
 * aligned table, notes, legend) and the CSV lines. Only text from rows, so that the format, which committed results
 * are compared by, can be checked without running anything.
 */
final class BenchReport {

    static final String LEGEND = """
            job s = the job's own wall time (BATCH_JOB_EXECUTION end - start; JVM and Spring start-up excluded);
            ideal = N x mean latency / concurrency (rate limit: N / rate); x ideal = ideal / job s;
            heap peak/live = most heap in use (before a GC, or at exit) / most left after a GC (-Xmx);
            RSS = peak resident set (VmHWM); API calls = API calls the sandbox received (token requests apart).
            """;

    /** The legend's line for the rows of the {@code startup} case, whose time is the whole process's. */
    static final String STARTUP_LEGEND = "startup rows: job s = the whole process, start to exit, best of N starts "
            + "(every start in the notes).\n";

    /** The legend's line for the rows of the {@code console} case, whose time is an HTTP request's. */
    static final String CONSOLE_LEGEND = "console rows: job s = one page or export over HTTP, signed in, best of its "
            + "fetches (median, every fetch, first byte and size in the notes); N = audit rows.\n";

    private BenchReport() {
    }

    /** The console line of a finished run ({@code   -> case/run: ...}), and its note on a line of its own. */
    static String progress(Row r) {
        String line = String.format(Locale.ROOT,
                "   -> %s/%s: %s s, %s reports/s%s, API calls %s, heap %s/%s MB, RSS %s MB, exit %s %s%n",
                r.caseName, r.run, Row.num(r.wallSeconds, 2), Row.num(r.reportsPerSecond, 0),
                Double.isNaN(r.ratioToIdeal) ? "" : ", x ideal " + Row.num(r.ratioToIdeal, 2),
                r.apiCalls, Row.num(r.peakHeapMb, 0), Row.num(r.liveHeapMb, 0), Row.num(r.peakRssMb, 0),
                r.exitCode, r.check);
        return r.note.isEmpty() ? line : line + "      " + r.note + System.lineSeparator();
    }

    /** The report: the header lines, a blank line, the table, the notes of the rows that have one, the legend. */
    static String text(List<String> header, List<Row> rows) {
        StringBuilder report = new StringBuilder();
        header.forEach(h -> report.append(h).append('\n'));
        report.append('\n');
        List<List<String>> cells = new ArrayList<>();
        rows.forEach(r -> cells.add(r.tableCells()));
        report.append(Row.table(Row.TABLE_HEADERS, cells, Row.TABLE_LEFT));
        List<String> notes = new ArrayList<>();
        for (Row r : rows) {
            if (!r.note.isEmpty()) {
                notes.add(r.caseName + "/" + r.run + ": " + r.note);
            }
        }
        if (!notes.isEmpty()) {
            report.append('\n').append("notes:\n");
            notes.forEach(n -> report.append("  ").append(n).append('\n'));
        }
        report.append('\n').append(LEGEND);
        if (rows.stream().anyMatch(r -> r.caseName.equals(StartupCase.CASE.name()))) {
            report.append(STARTUP_LEGEND);
        }
        if (rows.stream().anyMatch(r -> r.caseName.equals(ConsoleCase.CASE.name()))) {
            report.append(CONSOLE_LEGEND);
        }
        return report.toString();
    }

    /** The CSV file's lines: the header, then one line per row. */
    static List<String> csvLines(List<Row> rows) {
        List<String> lines = new ArrayList<>();
        lines.add(Row.csv(Row.CSV_HEADERS));
        rows.forEach(r -> lines.add(Row.csv(r.csvCells())));
        return lines;
    }
}
