package com.reportresumer.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo jar's command line as a process of its own (the real main class, a JVM of its own), for what one JVM
 * cannot show: {@code demo --serve} in one process and {@code --demo} commands in another. Its standard output and
 * error go to two files under {@code target/}, removed by {@link #close()}, which also stops the process.
 */
record DemoProcess(Process process, Path outFile, Path errFile) implements AutoCloseable {

    /** Starts {@code args} with the demo directory of the tests (surefire's {@code resumer.demo.dir}). */
    static DemoProcess start(String... args) throws IOException {
        return start(DemoDatabase.DEFAULT_DIRECTORY, Path.of(System.getProperty("java.io.tmpdir")), args);
    }

    /** Starts {@code args} with this demo directory and temporary folder. */
    static DemoProcess start(Path demoDirectory, Path temporary, String... args) throws IOException {
        // C1 only and the serial collector: a short-lived JVM on two cores starts faster so
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + temporary.toAbsolutePath(),
                "-Dresumer.demo.dir=" + demoDirectory.toAbsolutePath(),
                "-cp", classPath(), DemoMain.class.getName()));
        line.addAll(List.of(args));
        Path dir = Files.createDirectories(Path.of("target", "demo-process"));
        Path out = Files.createTempFile(dir, "demo", ".out");
        Path err = Files.createTempFile(dir, "demo", ".err");
        Process process = new ProcessBuilder(line).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new DemoProcess(process, out, err);
    }

    /** Standard output up to the first line that contains {@code text}, waiting for it up to {@code timeout}. */
    String awaitOut(String text, Duration timeout) throws IOException, InterruptedException {
        return await(outFile, text, timeout);
    }

    /** Standard error up to the first line that contains {@code text}, waiting for it up to {@code timeout}. */
    String awaitErr(String text, Duration timeout) throws IOException, InterruptedException {
        return await(errFile, text, timeout);
    }

    private String await(Path file, String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String written = Files.readString(file);
            int at = written.indexOf(text);
            if (at >= 0 && written.indexOf('\n', at) >= 0) {
                return written.substring(0, written.indexOf('\n', at) + 1);
            }
            if (!process.isAlive()) {
                throw new AssertionError("the demo ended (exit " + process.exitValue() + ") before printing '"
                        + text + "'\n" + this);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no '" + text + "' within " + timeout + "\n" + this);
    }

    String out() throws IOException {
        return Files.readString(outFile);
    }

    String err() throws IOException {
        return Files.readString(errFile);
    }

    /** Stops the process as Ctrl-C would (SIGTERM), forcibly if it has not ended after 30 s; its exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            stop();
        }
        Files.deleteIfExists(outFile);
        Files.deleteIfExists(errFile);
    }

    @Override
    public String toString() {
        try {
            return "--- out ---\n" + out() + "--- err ---\n" + err();
        }
        catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    /** The real class path (surefire hides it behind a manifest-only jar). */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
