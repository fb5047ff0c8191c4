package com.reportresumer.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
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
     * CPU seconds (user + system) of a process (its {@code /proc/<pid>/stat}: every thread's, those that ended too),
     * and of its JIT compiler threads ({@code C1 CompilerThre…}, {@code C2 CompilerThre…}: Linux keeps 15 characters
     * of a thread's name); NaN where {@code /proc} is absent.
     */
    record ThreadCpu(double totalSeconds, double jitSeconds) {

        static final ThreadCpu UNKNOWN = new ThreadCpu(Double.NaN, Double.NaN);

        /** The clock ticks of /proc's stat files: USER_HZ, 100 on every Linux the bench runs on. */
        static final double TICKS_PER_SECOND = 100;

        /** From the last reading of the process ({@code null}: none) and of each of its threads. */
        static ThreadCpu of(ThreadTicks process, Collection<ThreadTicks> lastReadingOfEachThread) {
            if (process == null) {
                return UNKNOWN;
            }
            long jit = 0;
            for (ThreadTicks thread : lastReadingOfEachThread) {
                if (thread.name().startsWith("C1 CompilerThre") || thread.name().startsWith("C2 CompilerThre")) {
                    jit += thread.ticks();
                }
            }
            return new ThreadCpu(process.ticks() / TICKS_PER_SECOND, jit / TICKS_PER_SECOND);
        }
    }

    /** A thread's name and its user + system clock ticks so far. */
    record ThreadTicks(String name, long ticks) {

        /**
         * From a {@code /proc/<pid>/task/<tid>/stat} line: {@code tid (name) state ...}, utime and stime the 12th and
         * 13th fields after the name, which may itself hold spaces and parentheses.
         *
         * @throws IllegalArgumentException when the line is not one
         */
        static ThreadTicks parse(String stat) {
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            String[] fields = close < 0 || close + 2 > stat.length() ? new String[0]
                    : stat.substring(close + 2).split(" ");
            if (open < 0 || close < open || fields.length < 13) {
                throw new IllegalArgumentException("not a stat line: " + stat);
            }
            return new ThreadTicks(stat.substring(open + 1, close), Long.parseLong(fields[11])
                    + Long.parseLong(fields[12]));
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
            Map<Long, ThreadTicks> threads = new HashMap<>();
            ThreadTicks process = null;
            while (p.isAlive()) {
                peakKb = maxNaN(peakKb, hwmKb(proc.resolve("status")));
                process = ticksOr(proc.resolve("stat"), process);
                readThreads(proc.resolve("task"), threads);
                Thread.sleep(200);
            }
            int code = p.waitFor();
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Result(code, seconds, peakKb / 1024, null, out, err, ThreadCpu.of(process, threads.values()));
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

    /** {@code stat} as it reads now; {@code last} when it cannot be read (the process exited). */
    private static ThreadTicks ticksOr(Path stat, ThreadTicks last) {
        try {
            return ThreadTicks.parse(Files.readString(stat).strip());
        } catch (IOException | IllegalArgumentException gone) {
            return last;
        }
    }

    /** Each thread of {@code tasks} as it reads now, over what an earlier reading kept of it. */
    private static void readThreads(Path tasks, Map<Long, ThreadTicks> lastReadingOfThread) {
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                try {
                    lastReadingOfThread.put(Long.parseLong(thread.getFileName().toString()),
                            ThreadTicks.parse(Files.readString(thread.resolve("stat")).strip()));
                } catch (IOException | IllegalArgumentException gone) {
                    // the thread ended between the listing and the read (or left half a line): its last reading stays
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
