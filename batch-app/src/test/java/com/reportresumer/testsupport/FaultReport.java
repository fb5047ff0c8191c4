package com.reportresumer.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
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

    /** Appends one line; the test JVMs run side by side, so the file is locked while it is written. */
    public static synchronized void record(String fault, String injected, String held) {
        try {
            Files.createDirectories(FILE.getParent());
            try (FileChannel file = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = file.lock()) {
                StringBuilder text = new StringBuilder();
                if (file.size() == 0) {
                    text.append("| fault | injected | what held |\n| --- | --- | --- |\n");
                }
                text.append("| ").append(fault).append(" | ").append(injected).append(" | ").append(held).append(" |\n");
                file.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)), file.size());
            }
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
