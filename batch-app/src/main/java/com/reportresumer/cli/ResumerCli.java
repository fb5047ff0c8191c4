package com.reportresumer.cli;

import com.reportresumer.ReportResumerApplication;
import com.reportresumer.demo.DemoDatabase;
import com.reportresumer.resume.GracefulStop;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/**
 * The command line: parses the command, boots the Spring context for the commands that need one, and maps every
 * outcome to the exit codes of design.md. Data goes to {@code out}, messages and logs to {@code err}.
 * <p>
 * Spring properties may be given as {@code --some.property=value} anywhere on the line (or as environment
 * variables, system properties, or an {@code application.properties} in the working directory).
 */
public final class ResumerCli {

    private static final Pattern SPRING_PROPERTY = Pattern.compile("--[a-zA-Z][\\w-]*(\\.[\\w\\[\\]-]+)+=.*",
            Pattern.DOTALL);

    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, Object> defaults = new LinkedHashMap<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private List<String> springArgs = List.of();
    private boolean debug;
    private boolean demoDatabase;
    private volatile ConfigurableApplicationContext current;
    private WebApplicationType webApplicationType = WebApplicationType.NONE;

    public ResumerCli(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Adds a Spring property default (lowest precedence), e.g. the embedded database of {@code demo}. */
    public ResumerCli withDefault(String property, Object value) {
        defaults.put(property, value);
        return this;
    }

    public int execute(String... args) {
        List<String> commandArgs = new ArrayList<>();
        List<String> properties = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--debug")) {
                debug = true;
            }
            else if (arg.equals("--demo")) {
                demoDatabase = true;
            }
            else if (SPRING_PROPERTY.matcher(arg).matches()) {
                properties.add(arg);
            }
            else {
                commandArgs.add(arg);
            }
        }
        if (debug) {
            properties.add("--logging.level.com.reportresumer=DEBUG");
            properties.add("--logging.level.org.springframework.batch=INFO");
            properties.add("--logging.level.org.springframework.boot.SpringApplication=ERROR");
        }
        springArgs = List.copyOf(properties);
        CommandLine commandLine = new CommandLine(new ReportResumerCommand(this))
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((failure, cmd, parsed) -> {
                    CliFailure described = CliFailure.of(failure);
                    err.println("report-resumer: " + described.message());
                    if (debug) {
                        failure.printStackTrace(err);
                    }
                    err.flush();
                    return described.exitCode();
                })
                .setParameterExceptionHandler((failure, parsed) -> {
                    err.println("report-resumer: " + failure.getMessage());
                    err.println("Try '" + failure.getCommandLine().getCommandName() + " --help'.");
                    err.flush();
                    return ExitCodes.USAGE;
                });
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        int exit;
        try {
            exit = commandLine.execute(commandArgs.toArray(String[]::new));
        }
        finally {
            closeResources();
        }
        out.flush();
        err.flush();
        return exit;
    }

    /**
     * Starts the demo's embedded PostgreSQL (kept in {@code data/demo}) for this command and points the context at
     * it, unless a datasource is configured explicitly.
     */
    DemoDatabase startDemoDatabase(boolean fresh) throws IOException {
        DemoDatabase database = DemoDatabase.start(DemoDatabase.DEFAULT_DIRECTORY, fresh, notice -> {
            err.println("report-resumer: " + notice);
            err.flush();
        });
        resources.add(database);
        defaults.put("spring.datasource.url", database.jdbcUrl());
        defaults.put("spring.datasource.username", database.user());
        defaults.put("spring.datasource.password", database.password());
        return database;
    }

    /** Keeps {@code resource} open until the command has ended. */
    void closeAtEnd(AutoCloseable resource) {
        resources.add(resource);
    }

    private void closeResources() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            }
            catch (Exception e) {
                err.println("report-resumer: while shutting down: " + e.getMessage());
            }
        }
        resources.clear();
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    /**
     * Asks the command in progress to stop gracefully (SIGTERM): a running job finishes its chunk and ends
     * {@code STOPPED}; {@code schedule} stops waiting for the next fire time.
     */
    public void requestStop() {
        ConfigurableApplicationContext context = current;
        if (context != null && context.isActive()) {
            context.getBean(GracefulStop.class).request();
        }
    }

    /** Boots the application context with this command line's properties. */
    ConfigurableApplicationContext startContext() {
        if (demoDatabase && !defaults.containsKey("spring.datasource.url")) {
            try {
                startDemoDatabase(false);
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot start the demo database: " + e.getMessage(), e);
            }
        }
        current = new SpringApplicationBuilder(ReportResumerApplication.class)
                .web(webApplicationType)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(defaults)
                .registerShutdownHook(false)
                .run(springArgs.toArray(String[]::new));
        return current;
    }

    /** For {@code schedule}: the context serves Actuator over HTTP. */
    void serveHttp() {
        webApplicationType = WebApplicationType.SERVLET;
    }
}
