package com.reportresumer.cli;

import com.reportresumer.ReportResumerApplication;
import java.io.PrintWriter;
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
    private List<String> springArgs = List.of();
    private boolean debug;

    public ResumerCli(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public static ResumerCli standard() {
        return new ResumerCli(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
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
        int exit = commandLine.execute(commandArgs.toArray(String[]::new));
        out.flush();
        err.flush();
        return exit;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    /** Boots the application context with this command line's properties. */
    ConfigurableApplicationContext startContext() {
        return new SpringApplicationBuilder(ReportResumerApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(defaults)
                .registerShutdownHook(false)
                .run(springArgs.toArray(String[]::new));
    }
}
