package com.reportresumer.testsupport;

import com.reportresumer.cli.ResumerCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real command line in this JVM and captures its exit code, standard output and standard error. */
public record CliRun(int exitCode, String out, String err) {

    /** Runs {@code args}; its {@link EnvVar} entries become the application's environment. */
    public static CliRun of(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        EnvVar.Split split = EnvVar.Split.of(args);
        int exit = new ResumerCli(new PrintWriter(out, true), new PrintWriter(err, true), split.environment())
                .execute(split.arguments().toArray(String[]::new));
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** A command running in the background (e.g. {@code schedule}); {@code stop()} is what SIGTERM does. */
    public record Running(ResumerCli cli, CompletableFuture<CliRun> result) {

        public CliRun stop() throws Exception {
            cli.requestStop();
            return result.get(60, TimeUnit.SECONDS);
        }
    }

    public static Running start(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        EnvVar.Split split = EnvVar.Split.of(args);
        ResumerCli cli = new ResumerCli(new PrintWriter(out, true), new PrintWriter(err, true), split.environment());
        CompletableFuture<CliRun> result = CompletableFuture.supplyAsync(() -> {
            int exit = cli.execute(split.arguments().toArray(String[]::new));
            return new CliRun(exit, out.toString(), err.toString());
        });
        return new Running(cli, result);
    }

    public static CliRun of(String... args) {
        return of(Arrays.asList(args));
    }

    /**
     * A command line: the command, then {@code --property=value} arguments where a later one replaces an earlier
     * one of the same property (Spring would join repeated properties into a list).
     */
    public static List<String> line(String command, List<String> properties) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(merged(properties));
        return all;
    }

    /**
     * {@code --property=value} arguments where a later one replaces an earlier one of the same property, after the
     * other arguments (a command's own arguments and options, environment entries) in their order.
     */
    public static List<String> merged(List<String> properties) {
        Map<String, String> byKey = new LinkedHashMap<>();
        List<String> other = new ArrayList<>();
        for (String arg : properties) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                byKey.remove(arg.substring(0, eq));
                byKey.put(arg.substring(0, eq), arg);
            }
            else {
                other.add(arg);
            }
        }
        List<String> all = new ArrayList<>(other);
        all.addAll(byKey.values());
        return all;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
}
