package com.reportresumer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One line of the result table (and of the CSV). NaN / null = not applicable or not measured. */
final class Row {

    String caseName;
    String run;
    int n;
    Integer concurrency;
    Integer chunk;
    String latency = "";
    double wallSeconds = Double.NaN;
    double reportsPerSecond = Double.NaN;
    double idealSeconds = Double.NaN;
    double ratioToIdeal = Double.NaN;
    Long apiCalls;
    Long tokenRequests;
    Long throttled;
    double peakHeapMb = Double.NaN;
    double liveHeapMb = Double.NaN;
    String xmx = "";
    double peakRssMb = Double.NaN;
    double processSeconds = Double.NaN;
    /** The CPU of the process's threads: told in the note of the cases that give it ({@link #cpuText()}). */
    Watched.ThreadCpu cpu = Watched.ThreadCpu.UNKNOWN;
    Integer exitCode;
    String outcomes = "";
    String check = "";
    Boolean pass;
    String note = "";

    Row(String caseName, String run, int n) {
        this.caseName = caseName;
        this.run = run;
        this.n = n;
    }

    void wall(double seconds, long reports) {
        wallSeconds = seconds;
        reportsPerSecond = seconds > 0 ? reports / seconds : Double.NaN;
        if (!Double.isNaN(idealSeconds)) {
            ratioToIdeal = idealSeconds / seconds;
        }
    }

    void ideal(double seconds) {
        idealSeconds = seconds;
        if (!Double.isNaN(wallSeconds)) {
            ratioToIdeal = seconds / wallSeconds;
        }
    }

    void check(String text, Boolean passed) {
        check = text + (passed == null ? "" : passed ? "  PASS" : "  FAIL");
        pass = passed;
    }

    /** The calls the sandbox received: API calls and token requests. */
    void sandboxCalls(SandboxCounters counters) {
        apiCalls = counters.totalCalls();
        tokenRequests = counters.tokenRequests();
    }

    /** What the watch of a JVM saw: heap (from its GC log, at {@code -Xmx xmx}), RSS, process time, exit code. */
    void measuredProcess(Watched.Result process, String xmx) {
        peakHeapMb = process.heap().peakUsedMb();
        liveHeapMb = process.heap().maxLiveMb();
        this.xmx = xmx;
        peakRssMb = process.peakRssMb();
        processSeconds = process.processSeconds();
        cpu = process.cpu();
        exitCode = process.exitCode();
    }

    /**
     * "CPU 25.3 s over the process's life, 13.4 s of it the JIT compilers", or nothing when the process's threads
     * could not be read.
     */
    String cpuText() {
        return Double.isNaN(cpu.totalSeconds()) ? "" : String.format(Locale.ROOT, "CPU %.1f s over the process's "
                + "life, %.1f s of it the JIT compilers", cpu.totalSeconds(), cpu.jitSeconds());
    }

    /** {@code more} after the note, "; " between. */
    void addNote(String more) {
        if (!more.isEmpty()) {
            note = note.isEmpty() ? more : note + "; " + more;
        }
    }

    // ------------------------------------------------------------------------------------------------- output

    static final List<String> TABLE_HEADERS = List.of("case", "run", "N", "conc", "chunk", "latency", "job s",
            "reports/s", "ideal s", "x ideal", "API calls", "heap peak/live MB", "RSS MB", "exit", "check");

    List<String> tableCells() {
        return List.of(caseName, run, String.format(Locale.ROOT, "%,d", n), text(concurrency), text(chunk),
                latency.isEmpty() ? "-" : latency, num(wallSeconds, 2), num(reportsPerSecond, 0),
                Double.isNaN(idealSeconds) ? "n/a" : num(idealSeconds, 2),
                Double.isNaN(ratioToIdeal) ? "n/a" : num(ratioToIdeal, 2),
                apiCalls == null ? "-" : String.format(Locale.ROOT, "%,d", apiCalls),
                Double.isNaN(peakHeapMb) ? "-" : num(peakHeapMb, 0) + "/" + num(liveHeapMb, 0) + " (" + xmx + ")",
                num(peakRssMb, 0), text(exitCode), check);
    }

    static final List<String> CSV_HEADERS = List.of("case", "run", "n", "concurrency", "chunk_size", "latency",
            "job_wall_s", "reports_per_s", "ideal_s", "ratio_to_ideal", "api_calls", "token_requests", "http_429",
            "peak_heap_mb", "max_live_heap_mb", "xmx", "peak_rss_mb", "process_s", "exit_code", "outcomes", "check",
            "pass", "note");

    List<String> csvCells() {
        List<String> c = new ArrayList<>();
        c.add(caseName);
        c.add(run);
        c.add(String.valueOf(n));
        c.add(text(concurrency));
        c.add(text(chunk));
        c.add(latency);
        c.add(raw(wallSeconds, 3));
        c.add(raw(reportsPerSecond, 1));
        c.add(raw(idealSeconds, 3));
        c.add(raw(ratioToIdeal, 3));
        c.add(apiCalls == null ? "" : apiCalls.toString());
        c.add(tokenRequests == null ? "" : tokenRequests.toString());
        c.add(throttled == null ? "" : throttled.toString());
        c.add(raw(peakHeapMb, 1));
        c.add(raw(liveHeapMb, 1));
        c.add(xmx);
        c.add(raw(peakRssMb, 1));
        c.add(raw(processSeconds, 2));
        c.add(exitCode == null ? "" : exitCode.toString());
        c.add(outcomes);
        c.add(check);
        c.add(pass == null ? "" : pass.toString());
        c.add(note);
        return c;
    }

    private static String text(Object o) {
        return o == null ? "-" : o.toString();
    }

    static String num(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    private static String raw(double v, int decimals) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Renders rows as an aligned text table: the columns in {@code left} left-aligned, the others right-aligned. */
    static String table(List<String> headers, List<List<String>> rows, java.util.Set<Integer> left) {
        int[] width = new int[headers.size()];
        boolean[] numeric = new boolean[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            width[i] = headers.get(i).length();
            numeric[i] = !left.contains(i);
        }
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, width, numeric);
        List<String> rule = new ArrayList<>();
        for (int w : width) {
            rule.add("-".repeat(w));
        }
        line(sb, rule, width, numeric);
        for (List<String> r : rows) {
            line(sb, r, width, numeric);
        }
        return sb.toString();
    }

    /** Text columns of {@link #TABLE_HEADERS}: case, run, latency, check. */
    static final java.util.Set<Integer> TABLE_LEFT = java.util.Set.of(0, 1, 5, 14);

    private static void line(StringBuilder sb, List<String> cells, int[] width, boolean[] numeric) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            String pad = " ".repeat(width[i] - c.length());
            l.append(i == 0 ? "" : "  ").append(numeric[i] ? pad + c : c + pad);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    static String csv(List<String> cells) {
        List<String> out = new ArrayList<>(cells.size());
        for (String c : cells) {
            out.add(c.matches("[^\",\\r\\n]*") ? c : "\"" + c.replace("\"", "\"\"") + "\"");
        }
        return String.join(",", out);
    }
}
