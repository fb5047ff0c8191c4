package com.reportresumer.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process: the main class of {@code batch-app.jar}. Sets up the streams, the first logging level and the time
 * zone, hands the command line to {@link ResumerCli}, turns SIGTERM into a graceful stop, and exits with the
 * command's exit code.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        launch(args, CliExtension.NONE);
    }

    /**
     * Runs the command line {@code args} in this process, with the commands and flags of {@code extension} beside
     * the production ones, and exits with the command's exit code: the main of this jar and of the demo jar.
     */
    public static void launch(String[] args, CliExtension extension) {
        // Standard output carries data only (audit rows, summaries): the command line writes it through its own
        // stream, and everything else that writes to System.out (the console log appender included) goes to
        // standard error. Until Spring configures logging, only warnings are logged.
        // Spring Batch stores its times without a zone, in the JVM's: make that UTC, as every time shown is
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        PrintStream data = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        }
        PrintWriter out = new PrintWriter(data, true);
        PrintWriter err = new PrintWriter(System.err, true);
        ResumerCli cli = new ResumerCli(out, err, System.getenv(), extension,
                TerminalWidth.ofStandardOutput(System.getenv()));

        // SIGTERM: let the running chunk finish, print the summary, and exit with the command's own code
        CountDownLatch finished = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger(ExitCodes.FAILED);
        Thread gracefulStop = new Thread(() -> {
            cli.requestStop();
            try {
                if (finished.await(10, TimeUnit.MINUTES)) {
                    out.flush();
                    err.flush();
                    Runtime.getRuntime().halt(exitCode.get());
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "graceful-stop");
        Runtime.getRuntime().addShutdownHook(gracefulStop);

        exitCode.set(cli.execute(args));
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(gracefulStop);
        }
        catch (IllegalStateException shuttingDown) {
            // the hook exits with exitCode
        }
        System.exit(exitCode.get());
    }
}
