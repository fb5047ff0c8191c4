package com.reportresumer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JVM started by the bench and watched until it exits: its peak RSS ({@code VmHWM} of {@code /proc/<pid>/status},
 * polled every 200 ms — a high-water mark, so the last reading is the peak) and its heap (from its GC log).
 */
final class Watched {

    /** What the watch saw. {@code peakRssMb} is NaN where {@code /proc} is not readable. */
    record Result(int exitCode, double processSeconds, double peakRssMb, GcLog heap, Path stdout, Path stderr) {
    }

    private Watched() {
    }

    /** Runs {@code java <jvmArgs> <rest>} with a GC log, the given environment added, output to files. */
    static Result runJava(Path java, List<String> jvmArgs, List<String> rest, Map<String, String> env, Path logDir,
            String name) throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        Path gc = logDir.resolve(name + ".gc.log");
        Files.deleteIfExists(gc);
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmArgs);
        cmd.add("-Xlog:gc,gc+heap+exit:file=" + gc + ":uptime,level,tags");
        cmd.addAll(rest);
        Result r = run(cmd, env, logDir, name);
        return new Result(r.exitCode(), r.processSeconds(), r.peakRssMb(), GcLog.read(gc), r.stdout(), r.stderr());
    }

    static Result run(List<String> cmd, Map<String, String> env, Path logDir, String name)
            throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        long started = System.nanoTime();
        Process p = pb.start();
        Children.register(p);
        try {
            Path status = Path.of("/proc", String.valueOf(p.pid()), "status");
            double peakKb = Double.NaN;
            while (p.isAlive()) {
                peakKb = maxNaN(peakKb, hwmKb(status));
                Thread.sleep(200);
            }
            int code = p.waitFor();
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Result(code, seconds, peakKb / 1024, null, out, err);
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
            Children.unregister(p);
        }
    }

    private static double maxNaN(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    /** {@code VmHWM} in kB, NaN when the process is gone (a zombie has no memory lines) or /proc is absent. */
    static double hwmKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Double.parseDouble(line.substring(6).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException gone) {
            // exited between isAlive() and the read
        }
        return Double.NaN;
    }
}
