package com.reportresumer.testsupport;

import com.reportresumer.cli.ResumerCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs the real command line in this JVM and captures its exit code, standard output and standard error. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new ResumerCli(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
        return new CliRun(exit, out.toString(), err.toString());
    }

    public static CliRun of(String... args) {
        return of(Arrays.asList(args));
    }

    /** The arguments, followed by more. */
    public static List<String> args(String[] first, String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(first));
        all.addAll(Arrays.asList(more));
        return all;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
}
