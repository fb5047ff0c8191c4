package com.reportresumer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap figures from a unified GC log written with {@code -Xlog:gc,gc+heap+exit:file=...}: every pause line carries
 * {@code before->after(committed)}, and the exit lines the heap in use when the JVM ended.
 *
 * @param peakUsedMb  the most heap in use: the largest "before" of any collection, or the use at exit if larger
 * @param maxLiveMb   the largest "after" of any collection: what survived, a bound on the data the process kept
 * @param committedMb the largest committed heap seen
 * @param collections pauses counted
 */
record GcLog(double peakUsedMb, double maxLiveMb, double committedMb, int collections) {

    private static final Pattern PAUSE = Pattern.compile("(\\d+(?:\\.\\d+)?)([KMG])->(\\d+(?:\\.\\d+)?)([KMG])\\((\\d+(?:\\.\\d+)?)([KMG])\\)");
    private static final Pattern USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

    static GcLog read(Path file) throws IOException {
        return Files.exists(file) ? parse(Files.readAllLines(file)) : new GcLog(Double.NaN, Double.NaN, Double.NaN, 0);
    }

    static GcLog parse(List<String> lines) {
        double peak = 0;
        double live = 0;
        double committed = 0;
        int pauses = 0;
        double exitUsed = 0;
        double exitCommitted = 0;
        for (String line : lines) {
            if (line.contains("[gc,heap,exit")) {
                // G1/Z: one line for the whole heap; Serial/Parallel: one per generation (Metaspace lines excluded)
                if (line.contains("Metaspace") || line.contains("class space")) {
                    continue;
                }
                Matcher u = USED.matcher(line);
                if (u.find()) {
                    exitCommitted += Long.parseLong(u.group(1)) / 1024.0;
                    exitUsed += Long.parseLong(u.group(2)) / 1024.0;
                }
                continue;
            }
            Matcher m = PAUSE.matcher(line);
            if (m.find() && line.contains("Pause")) {
                pauses++;
                peak = Math.max(peak, mb(m.group(1), m.group(2)));
                live = Math.max(live, mb(m.group(3), m.group(4)));
                committed = Math.max(committed, mb(m.group(5), m.group(6)));
            }
        }
        return new GcLog(Math.max(peak, exitUsed), live, Math.max(committed, exitCommitted), pauses);
    }

    private static double mb(String number, String unit) {
        double v = Double.parseDouble(number);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }
}
