package com.reportresumer.demo;

import com.reportresumer.cli.CliExtension;
import com.reportresumer.cli.ResumerCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs a command line in this JVM and captures its exit code, standard output and standard error. */
record DemoCliRun(int exitCode, String out, String err) {

    /** The demo jar's command line (what {@link DemoMain} runs). */
    static DemoCliRun of(String... args) {
        return run(new DemoCli(), args);
    }

    /** The production jar's command line, for comparison. */
    static DemoCliRun production(String... args) {
        return run(CliExtension.NONE, Map.of(), args);
    }

    /** The production jar's command line with {@code environment} as its process environment. */
    static DemoCliRun production(Map<String, String> environment, String... args) {
        return run(CliExtension.NONE, environment, args);
    }

    private static DemoCliRun run(CliExtension extension, String... args) {
        return run(extension, Map.of(), args);
    }

    private static DemoCliRun run(CliExtension extension, Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new ResumerCli(new PrintWriter(out, true), new PrintWriter(err, true), environment, extension)
                .execute(args);
        return new DemoCliRun(exit, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
}
