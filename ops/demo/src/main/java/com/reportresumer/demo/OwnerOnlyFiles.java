package com.reportresumer.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The demo directory's files that hold secrets or say where they are: readable by their owner only from the moment
 * they exist, since the demo's database and sandbox listen on loopback, where every local user can connect.
 */
final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final int SECRET_LENGTH = 32;
    private static final char[] SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private OwnerOnlyFiles() {
    }

    /** Creates {@code directory} (and its parents) if needed, and makes it its owner's only. */
    static void createDirectory(Path directory) throws IOException {
        Files.createDirectories(directory);
        if (posix(directory)) {
            Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
        }
    }

    /**
     * The secret kept in {@code file}: the one already there (a second demo keeps the first one's password), or a
     * new random one, written there first.
     */
    static String secret(Path file) throws IOException {
        if (Files.exists(file)) {
            return read(file);
        }
        SecureRandom random = new SecureRandom();
        StringBuilder secret = new StringBuilder(SECRET_LENGTH);
        for (int i = 0; i < SECRET_LENGTH; i++) {
            secret.append(SECRET_ALPHABET[random.nextInt(SECRET_ALPHABET.length)]);
        }
        write(file, secret + "\n");
        return secret.toString();
    }

    /** What {@code file} holds, without surrounding whitespace; made its owner's only if it was not. */
    static String read(Path file) throws IOException {
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (value.isEmpty()) {
            throw new IllegalStateException(file + " is empty: run `demo --fresh` to start the demo over");
        }
        restrictToOwner(file);
        return value;
    }

    /**
     * Replaces {@code file} with {@code text} at once: a reader sees the old content or the new, never half of it,
     * and the content is never readable by others, not even for a moment.
     */
    static void write(Path file, String text) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Path next = posix(directory)
                ? Files.createTempFile(directory, "." + file.getFileName(), ".tmp",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
        try {
            restrictToOwner(next);
            Files.writeString(next, text, StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        finally {
            Files.deleteIfExists(next);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (posix(file)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            return;
        }
        java.io.File f = file.toFile();
        boolean ok = f.setReadable(false, false) & f.setReadable(true, true)
                & f.setWritable(false, false) & f.setWritable(true, true);
        if (!ok) {
            throw new IOException("cannot make " + file + " readable by its owner only");
        }
    }

    private static boolean posix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }
}
