package com.reportresumer.console;

import com.reportresumer.resume.GracefulStop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * The {@code console} command's life: the web server is up once the context is; this waits until a stop is asked
 * for (SIGTERM), and the context then closes, waiting for an action in progress ({@link ConsoleActions}).
 */
@Component
@ConditionalOnWebApplication
public class ConsoleServer {

    private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);

    private final GracefulStop stop;

    ConsoleServer(GracefulStop stop) {
        this.stop = stop;
    }

    /** Serves until a stop is asked for; returns 0. */
    public int serve() throws InterruptedException {
        while (!stop.awaitRequest(60_000)) {
            // serving
        }
        log.info("Console stopped");
        return 0;
    }
}
