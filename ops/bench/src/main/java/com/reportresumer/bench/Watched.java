package com.reportresumer.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JVM started by the bench and watched until it exits: its peak RSS ({@code VmHWM} of {@code /proc/<pid>/status},
 * polled every 200 ms — a high-water mark, so the last reading is the peak), its heap (from its GC log) and the CPU
 * time of its threads ({@code /proc/<pid>/task/<tid>/stat}, polled with the RSS: the last reading of each thread), of
 * which how much its JIT compilers took — on two cores shared with the sandbox and PostgreSQL, compiling is CPU the
 * work does not get.
 */
final class Watched {

    /** What the watch saw. {@code peakRssMb} is NaN where {@code /proc} is not readable. */
    record Result(int exitCode, double processSeconds, double peakRssMb, GcLog heap, Path stdout, Path stderr,
            ThreadCpu cpu) {
    }

    /**
     * CPU seconds (user + system) of a process's threads, and of its JIT compiler threads ({@code C1 CompilerThre…},
     * {@code C2 CompilerThre…}: Linux keeps 15 characters of a thread's name); NaN where {@code /proc} is absent.
     */
    record ThreadCpu(double totalSeconds, double jitSeconds) {

        static final ThreadCpu UNKNOWN = new ThreadCpu(Double.NaN, Double.NaN);

        /** The clock ticks of /proc's stat files: USER_HZ, 100 on every Linux the bench runs on. */
        static final double TICKS_PER_SECOND = 100;

        /** From the last {@code stat} line read of each thread. */
        static ThreadCpu of(Map<Long, String> lastStatOfThread) {
            if (lastStatOfThread.isEmpty()) {
                return UNKNOWN;
            }
            long total = 0;
            long jit = 0;
            for (String stat : lastStatOfThread.values()) {
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                total += ticks;
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    jit += ticks;
                }
            }
            return new ThreadCpu(total / TICKS_PER_SECOND, jit / TICKS_PER_SECOND);
        }
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
        return new Result(r.exitCode(), r.processSeconds(), r.peakRssMb(), GcLog.read(gc), r.stdout(), r.stderr(),
                r.cpu());
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
            Path proc = Path.of("/proc", String.valueOf(p.pid()));
            double peakKb = Double.NaN;
            Map<Long, String> threads = new HashMap<>();
            while (p.isAlive()) {
                peakKb = maxNaN(peakKb, hwmKb(proc.resolve("status")));
                readThreads(proc.resolve("task"), threads);
                Thread.sleep(200);
            }
            int code = p.waitFor();
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Result(code, seconds, peakKb / 1024, null, out, err, ThreadCpu.of(threads));
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

    /** The {@code stat} line of each thread of {@code tasks} now, over what an earlier reading kept of it. */
    private static void readThreads(Path tasks, Map<Long, String> lastStatOfThread) {
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                try {
                    lastStatOfThread.put(Long.parseLong(thread.getFileName().toString()),
                            Files.readString(thread.resolve("stat")).strip());
                } catch (IOException | NumberFormatException gone) {
                    // the thread ended between the listing and the read: its last reading stays
                }
            }
        } catch (IOException gone) {
            // the process exited, or /proc is absent
        }
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
