package com.reportresumer.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The ops console of {@code demo --serve}: served by the demo's own context on loopback (port 8081 unless
 * {@code --server.port} says otherwise), with two users of the configuration, {@code demo} (an operator) and
 * {@code viewer}, each with a random password made once for the demo directory and kept in an owner-only file of it
 * ({@code console-password}, {@code console-viewer-password}), like the database's. Only their BCrypt hashes reach
 * the application, as for any console.
 */
record DemoConsole(String password, Path passwordFile, String viewerPassword, Path viewerPasswordFile) {

    /** The files, in the demo directory, that hold the operator's and the viewer's password. */
    static final String PASSWORD_FILE = "console-password";
    static final String VIEWER_PASSWORD_FILE = "console-viewer-password";

    static final String OPERATOR = "demo";
    static final String VIEWER = "viewer";

    /** The console users of the demo in {@code directory} (their passwords made on first use). */
    static DemoConsole in(Path directory) throws IOException {
        Path operator = directory.resolve(PASSWORD_FILE);
        Path viewer = directory.resolve(VIEWER_PASSWORD_FILE);
        return new DemoConsole(OwnerOnlyFiles.secret(operator), operator, OwnerOnlyFiles.secret(viewer), viewer);
    }

    /**
     * The Spring properties that serve the console with these users from {@code directory} (on loopback, as
     * {@code ContextSpec.servingHttp()} has it).
     */
    Map<String, Object> springProperties(Path directory) {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        Map<String, Object> p = new LinkedHashMap<>();
        // Tomcat's work folder in the demo directory, not a new one in the system's temporary folder per start
        p.put("server.tomcat.basedir", directory.resolve("tomcat").toAbsolutePath().toString());
        p.put("resumer.console.users[0].name", OPERATOR);
        p.put("resumer.console.users[0].password-hash", bcrypt.encode(password));
        p.put("resumer.console.users[0].role", "OPERATOR");
        p.put("resumer.console.users[1].name", VIEWER);
        p.put("resumer.console.users[1].password-hash", bcrypt.encode(viewerPassword));
        p.put("resumer.console.users[1].role", "VIEWER");
        return p;
    }
}
