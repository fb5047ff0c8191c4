package com.reportresumer.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** What the figures were measured on: CPUs, memory, OS, {@code java -version}, load average. */
final class Machine {

    private Machine() {
    }

    static List<String> describe(Path java) {
        List<String> out = new ArrayList<>();
        out.add("cpus (nproc): " + Runtime.getRuntime().availableProcessors() + ", CPU: " + cpuModel());
        out.add("memory: " + memTotal() + ", OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " " + System.getProperty("os.arch"));
        out.add("java: " + javaVersion(java));
        return out;
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static String cpuModel() {
        return procField("/proc/cpuinfo", "model name", line -> line.substring(line.indexOf(':') + 1).strip());
    }

    private static String memTotal() {
        return procField("/proc/meminfo", "MemTotal:", line -> {
            long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
            return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
        });
    }

    /** {@code value} of the first line of {@code file} starting with {@code prefix}; "unknown" if none, or not Linux. */
    private static String procField(String file, String prefix, Function<String, String> value) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(prefix)) {
                    return value.apply(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not the expected format
        }
        return "unknown";
    }

    private static String javaVersion(Path java) {
        try {
            Process p = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return String.join(" / ", text.strip().split("\\R"));
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
