package com.reportresumer.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An environment variable among a test's command-line arguments: {@link CliRun} and {@link ForkedApp} take such
 * entries out of the argument list and hand them to the application as its environment, which is how secrets
 * reach it in production (the command line refuses them).
 */
public final class EnvVar {

    private static final String PREFIX = "env:";

    private EnvVar() {
    }

    /** An entry that sets {@code name} to {@code value} in the application's environment. */
    public static String of(String name, String value) {
        return PREFIX + name + "=" + value;
    }

    /** The arguments and the environment of a test's argument list. */
    record Split(List<String> arguments, Map<String, String> environment) {

        static Split of(List<String> all) {
            List<String> arguments = new ArrayList<>();
            Map<String, String> environment = new LinkedHashMap<>();
            for (String entry : all) {
                if (entry.startsWith(PREFIX)) {
                    int eq = entry.indexOf('=');
                    environment.put(entry.substring(PREFIX.length(), eq), entry.substring(eq + 1));
                }
                else {
                    arguments.add(entry);
                }
            }
            return new Split(arguments, environment);
        }
    }
}
