package com.reportresumer.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * How wide the terminal that standard output goes to is, if it goes to one: tables for people fit it, while output
 * to a pipe or a file (scripts, {@code > file}) is never cut. The width is {@code COLUMNS} when the shell exports it,
 * else what {@code stty size} says of the terminal, else 120.
 */
final class TerminalWidth {

    static final int FALLBACK = 120;

    private TerminalWidth() {
    }

    /** The terminal's width, or empty when standard output is not a terminal. */
    static OptionalInt ofStandardOutput(Map<String, String> environment) {
        if (System.console() == null) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(columns(environment.get("COLUMNS")).orElseGet(TerminalWidth::stty));
    }

    static OptionalInt columns(String value) {
        try {
            int columns = value == null ? 0 : Integer.parseInt(value.strip());
            return columns >= 40 ? OptionalInt.of(columns) : OptionalInt.empty();
        }
        catch (NumberFormatException notANumber) {
            return OptionalInt.empty();
        }
    }

    private static int stty() {
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (stty.waitFor(2, TimeUnit.SECONDS) && stty.exitValue() == 0 && size.matches("\\d+ \\d+")) {
                return columns(size.substring(size.indexOf(' ') + 1)).orElse(FALLBACK);
            }
        }
        catch (IOException | RuntimeException e) {
            // no stty, or no terminal after all
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return FALLBACK;
    }
}
