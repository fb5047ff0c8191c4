package com.reportresumer.testsupport;

import com.reportresumer.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.util.FileSystemUtils;

/**
 * The application as its own process (the real main class, a JVM of its own), for crash and signal tests; what it
 * writes to standard output and error goes to two files in its own folder under {@code target/forked-app}.
 */
public record ForkedApp(Process process, Path outFile, Path errFile) {

    /**
     * Each child's own folder: its standard output and error, and its temporary folder, where its Tomcat and Spring
     * Boot put theirs. A child a test kills cannot delete those, so the test JVM does when it exits, after its tests
     * have ended their children.
     */
    private static final List<Path> TEMPORARY_FOLDERS = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> TEMPORARY_FOLDERS.forEach(folder -> {
            try {
                FileSystemUtils.deleteRecursively(folder);
            }
            catch (IOException notDeleted) {
                // what could not be deleted stays under target/
            }
        }), "forked-app-cleanup"));
    }

    /** Starts {@code command} with {@code properties}; their {@link EnvVar} entries become its environment. */
    public static ForkedApp start(String command, List<String> properties) throws IOException {
        return start(List.of(), command, properties);
    }

    /** With options for the JVM (after the defaults, {@code -Xmx256m} among them, so a {@code -Xmx} of them wins). */
    public static ForkedApp start(List<String> jvmOptions, String command, List<String> properties)
            throws IOException {
        RealParts.started("a forked application");
        EnvVar.Split split = EnvVar.Split.of(properties);
        // the child's own folder under target/, deleted when the test JVM exits
        Path dir = Files.createDirectories(Path.of("target", "forked-app"));
        Path temporary = Files.createTempDirectory(dir.toAbsolutePath(), "tmp-");
        TEMPORARY_FOLDERS.add(temporary);
        // C1 only and the serial collector: a short-lived process starts with half the CPU time (README, Tests),
        // which on two cores is most of a forked test's wall time
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + temporary));
        line.addAll(jvmOptions);
        line.addAll(List.of("-cp", classPath(), Main.class.getName(), command));
        line.addAll(split.arguments());
        Path out = temporary.resolve("app.out");
        Path err = temporary.resolve("app.err");
        ProcessBuilder builder = new ProcessBuilder(line).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(split.environment());
        return new ForkedApp(builder.start(), out, err);
    }

    public String out() throws IOException {
        return Files.readString(outFile);
    }

    public String err() throws IOException {
        return Files.readString(errFile);
    }

    /** Waits until standard error holds {@code text}; fails, with what it wrote, if the process ends or time runs out. */
    public void awaitErr(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!err().contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' on standard error (" + (process.isAlive() ? "within "
                        + timeout : "exit " + process.exitValue()) + "):\n" + err());
            }
            Thread.sleep(100);
        }
    }

    /** The real class path (surefire hides it behind a manifest-only jar). */
    static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
