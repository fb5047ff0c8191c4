package com.reportresumer.console;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.EnvVar;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The {@code console} command of the real command line, started in this JVM against a test's database on a free
 * loopback port, and stopped as SIGTERM stops it. Users sign in with the passwords {@link #PASSWORD}: the
 * configuration holds their BCrypt hashes only.
 */
final class RunningConsole implements AutoCloseable {

    static final String PASSWORD = "correct horse battery staple";
    static final String OPERATOR = "olivia";
    static final String VIEWER = "victor";

    private final CliRun.Running running;
    private final int port;

    private RunningConsole(CliRun.Running running, int port) {
        this.running = running;
        this.port = port;
    }

    /** The console with a viewer and an operator of the configuration, and {@code more} properties. */
    static RunningConsole withUsers(ResumerEnvironment env, String... more) throws Exception {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4); // the lowest cost: the tests sign in often
        // the users from the environment, as a list is bound from one source, and a hash is a secret too (it can be
        // cracked offline): never the command line
        List<String> args = new ArrayList<>(List.of(
                EnvVar.of("RESUMER_CONSOLE_USERS_0_NAME", OPERATOR),
                EnvVar.of("RESUMER_CONSOLE_USERS_0_PASSWORDHASH", bcrypt.encode(PASSWORD)),
                EnvVar.of("RESUMER_CONSOLE_USERS_0_ROLE", "OPERATOR"),
                EnvVar.of("RESUMER_CONSOLE_USERS_1_NAME", VIEWER),
                EnvVar.of("RESUMER_CONSOLE_USERS_1_PASSWORDHASH", bcrypt.encode(PASSWORD)),
                EnvVar.of("RESUMER_CONSOLE_USERS_1_ROLE", "VIEWER")));
        args.addAll(List.of(more));
        return start(env, freePort(), args.toArray(String[]::new));
    }

    /** The console on {@code port} with {@code args}; returns once it answers. */
    static RunningConsole start(ResumerEnvironment env, int port, String... args) throws Exception {
        Path tomcat = Files.createDirectories(Path.of("target", "console-tomcat", String.valueOf(port)));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--server.port=" + port);
        all.add("--server.tomcat.basedir=" + tomcat.toAbsolutePath());
        CliRun.Running running = CliRun.start(env.args("console", all.toArray(String[]::new)));
        RunningConsole console = new RunningConsole(running, port);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            if (running.result().isDone()) {
                throw new AssertionError("the console ended before it answered: " + running.result().get());
            }
            try {
                http.send(HttpRequest.newBuilder(URI.create(console.url("/login"))).build(),
                        HttpResponse.BodyHandlers.discarding());
                return console;
            }
            catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    console.close();
                    throw new AssertionError("the console did not answer within 60 s");
                }
                Thread.sleep(100);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Stops it as SIGTERM does; what it printed and its exit code. */
    CliRun stop() throws Exception {
        return running.stop();
    }

    @Override
    public void close() throws Exception {
        if (!running.result().isDone()) {
            running.stop();
        }
    }
}
