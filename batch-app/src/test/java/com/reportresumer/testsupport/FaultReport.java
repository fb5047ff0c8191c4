package com.reportresumer.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What the fault-injection suite tried and what held, one line per case, appended to
 * {@code target/fault-report.md} (the README's Reliability table is made from it).
 */
public final class FaultReport {

    private static final Path FILE = Path.of("target", "fault-report.md");

    private FaultReport() {
    }

    public static synchronized void record(String fault, String injected, String held) {
        try {
            if (!Files.exists(FILE)) {
                Files.createDirectories(FILE.getParent());
                Files.writeString(FILE, "| fault | injected | what held |\n| --- | --- | --- |\n",
                        StandardCharsets.UTF_8);
            }
            Files.writeString(FILE, "| " + fault + " | " + injected + " | " + held + " |\n", StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
