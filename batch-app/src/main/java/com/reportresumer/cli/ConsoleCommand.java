package com.reportresumer.cli;

import com.reportresumer.console.ConsoleAccess;
import com.reportresumer.console.ConsoleServer;
import java.util.Map;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import picocli.CommandLine.Command;

@Command(name = "console", mixinStandardHelpOptions = true,
        header = "Serves the ops console (web pages) until stopped.",
        description = { "Serves the ops console against the configured database: runs, run details,",
                "report history, audit search with CSV/JSON export, the queue; an operator may",
                "flag, withdraw, rerun the failed reports of a run, restart and stop executions.",
                "On server.port (default 8081, 127.0.0.1).",
                "Sign-in: resumer.console.users (BCrypt hashes) or an OpenID provider",
                "(spring.security.oauth2.client); refused (exit 2) on a non-loopback address",
                "without either. `schedule` serves the same console." })
class ConsoleCommand extends Subcommand {

    @Override
    public Integer call() throws Exception {
        ContextSpec spec = ContextSpec.batch().servingHttp().withDefaults(Map.of("resumer.console.required", true));
        return inContext(spec, context -> {
            int port = context instanceof WebServerApplicationContext web ? web.getWebServer().getPort() : -1;
            String address = context.getEnvironment().getProperty("server.address"); // servingHttp() defaults it
            ConsoleAccess.Mode mode = context.getBean(ConsoleAccess.class).mode();
            tell("console at http://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port + "/"
                    + (mode == ConsoleAccess.Mode.LOCAL_VIEWER ? " (no sign-in configured: read-only, this host "
                            + "only)" : "") + "; Ctrl-C stops it");
            return context.getBean(ConsoleServer.class).serve();
        });
    }
}
