package com.reportresumer.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The ops console of {@code demo --serve}: served by the demo's own context on loopback (port 8081 unless
 * {@code --server.port} says otherwise), with two users of the configuration, {@code demo} (an operator) and
 * {@code viewer}, whose password is random, made once for the demo directory and kept in its owner-only
 * {@code console-password}, like the database's. Only its BCrypt hash reaches the application, as for any console.
 */
record DemoConsole(String password, Path passwordFile) {

    /** The file, in the demo directory, that holds the console users' password. */
    static final String PASSWORD_FILE = "console-password";

    static final String OPERATOR = "demo";
    static final String VIEWER = "viewer";

    /** The console users of the demo in {@code directory} (its password made on first use). */
    static DemoConsole in(Path directory) throws IOException {
        Path file = directory.resolve(PASSWORD_FILE);
        return new DemoConsole(OwnerOnlyFiles.secret(file), file);
    }

    /** The Spring properties that serve the console with these users, on loopback. */
    Map<String, Object> springProperties() {
        String hash = new BCryptPasswordEncoder().encode(password);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("server.port", 8081);
        p.put("server.address", "127.0.0.1");
        p.put("resumer.console.users[0].name", OPERATOR);
        p.put("resumer.console.users[0].password-hash", hash);
        p.put("resumer.console.users[0].role", "OPERATOR");
        p.put("resumer.console.users[1].name", VIEWER);
        p.put("resumer.console.users[1].password-hash", hash);
        p.put("resumer.console.users[1].role", "VIEWER");
        return p;
    }
}
