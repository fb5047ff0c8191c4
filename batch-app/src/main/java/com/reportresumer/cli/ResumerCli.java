package com.reportresumer.cli;

import com.reportresumer.ReportResumerApplication;
import com.reportresumer.ReportResumerDatabase;
import com.reportresumer.partnercenter.InvalidConfigurationException;
import com.reportresumer.partnercenter.PartnerCenterProperties;
import com.reportresumer.resume.GracefulStop;
import com.reportresumer.schema.DatabaseSchema;
import com.reportresumer.secrets.SecretSources;
import com.reportresumer.secrets.Secrets;
import com.reportresumer.secrets.SecretsNeverLogged;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.web.context.support.StandardServletEnvironment;
import picocli.CommandLine;

/**
 * The command line: parses the command, boots the Spring context for the commands that need one, and maps every
 * outcome to the exit codes the README documents. Data goes to {@code out}, messages and logs to {@code err}.
 * <p>
 * Spring properties may be given as {@code --some.property=value} anywhere on the line (or as environment
 * variables, system properties, or an {@code application.properties} in the working directory).
 * <p>
 * The production command line has the commands of {@link ReportResumerCommand}; another jar's main class may add
 * commands and flags through a {@link CliExtension} (the demo jar adds {@code demo} and {@code --demo}).
 */
public final class ResumerCli {

    private static final Pattern SPRING_PROPERTY = Pattern.compile("--[a-zA-Z][\\w-]*(\\.[\\w\\[\\]-]+)+=.*",
            Pattern.DOTALL);
    /** The demo jar, for the one line that says where {@code demo} and {@code --demo} are. */
    static final String DEMO_JAR = "java -jar ops/demo/target/report-resumer-demo.jar";
    /** Spring Boot's listener that starts the background pre-initialisation (not public). */
    private static final String BACKGROUND_PREINITIALIZATION =
            "org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializingApplicationListener";

    private final PrintWriter out;
    private final PrintWriter err;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private List<String> springArgs = List.of();
    private boolean debug;
    private Set<String> extensionFlags = Set.of();
    private volatile ConfigurableApplicationContext current;

    private final Map<String, String> environment;
    private final CliExtension extension;
    private final OptionalInt terminalWidth;

    public ResumerCli(PrintWriter out, PrintWriter err) {
        this(out, err, System.getenv());
    }

    /**
     * A command line whose Spring environment sees {@code environment} as the process environment (tests run the
     * real command line in their own JVM, and pass secrets the way production does: as environment variables).
     */
    public ResumerCli(PrintWriter out, PrintWriter err, Map<String, String> environment) {
        this(out, err, environment, CliExtension.NONE);
    }

    /** The production command line plus the commands and flags of {@code extension}; {@code out} is no terminal. */
    public ResumerCli(PrintWriter out, PrintWriter err, Map<String, String> environment, CliExtension extension) {
        this(out, err, environment, extension, OptionalInt.empty());
    }

    /**
     * As above, with the width of the terminal {@code out} goes to (empty: a pipe or a file, whose tables are never
     * cut).
     */
    public ResumerCli(PrintWriter out, PrintWriter err, Map<String, String> environment, CliExtension extension,
            OptionalInt terminalWidth) {
        this.out = out;
        this.err = err;
        this.environment = Map.copyOf(environment);
        this.extension = extension;
        this.terminalWidth = terminalWidth;
        SecretsNeverLogged.install();
    }

    /** The width of the terminal standard output goes to; empty when it goes to a pipe or a file. */
    public OptionalInt terminalWidth() {
        return terminalWidth;
    }

    public int execute(String... args) {
        List<String> commandArgs = new ArrayList<>();
        List<String> properties = new ArrayList<>();
        Set<String> flags = new LinkedHashSet<>();
        Set<String> extensionAccepts = extension.flags();
        for (String arg : args) {
            if (arg.equals("--debug")) {
                debug = true;
            }
            else if (extensionAccepts.contains(arg) || arg.equals("--demo")) {
                flags.add(arg);
            }
            else if (SPRING_PROPERTY.matcher(arg).matches()) {
                properties.add(arg);
            }
            else {
                commandArgs.add(arg);
            }
        }
        if (debug) {
            // more detail, unless the command line already sets these loggers itself
            for (String level : List.of("com.reportresumer=DEBUG", "org.springframework.batch=INFO",
                    "org.springframework.boot.SpringApplication=ERROR",
                    "org.springframework.transaction.support.TransactionTemplate=ERROR",
                    "org.springframework.transaction.interceptor.TransactionInterceptor=ERROR")) {
                String logger = "--logging.level." + level.substring(0, level.indexOf('=') + 1);
                if (properties.stream().noneMatch(p -> p.startsWith(logger))) {
                    properties.add("--logging.level." + level);
                }
            }
        }
        try {
            // every option, "--name=value" and "--name value" alike: a secret is refused in either form, before
            // anything (picocli's "unknown option" message among them) could print it back
            List<String> options = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].startsWith("--")) {
                    options.add(args[i].contains("=") || i + 1 == args.length ? args[i] : args[i] + "=" + args[i + 1]);
                }
            }
            SecretSources.refuseOnCommandLine(options, System.getProperties());
            KnownProperties.refuseUnknown(options);
        }
        catch (InvalidConfigurationException onTheCommandLine) {
            err.println("report-resumer: Configuration error: " + onTheCommandLine.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        springArgs = List.copyOf(properties);
        extensionFlags = Set.copyOf(flags);
        CommandLine commandLine = new CommandLine(new ReportResumerCommand(this));
        // before the settings below: picocli applies them to the subcommands present when they are set
        extension.commands(this).forEach(commandLine::addSubcommand);
        // every command's help ends alike, and every command's --version says what was built
        String[] footer = ReportResumerCommand.commonFooter(extension.helpLines());
        BuildVersion version = new BuildVersion();
        List<CommandLine> all = new ArrayList<>(commandLine.getSubcommands().values());
        all.add(commandLine);
        for (CommandLine command : all) {
            command.getCommandSpec().usageMessage().footer(footer);
            command.getCommandSpec().versionProvider(version);
        }
        String demoOnly = demoOnly(flags, commandArgs, commandLine);
        if (demoOnly != null) {
            // the production jar has no demo (no sandbox, no embedded PostgreSQL): say where it is, in one line
            err.println("report-resumer: " + demoOnly + " is available in the demo jar: " + DEMO_JAR + " "
                    + shellWords(args));
            err.flush();
            return ExitCodes.USAGE;
        }
        commandLine.setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((failure, cmd, parsed) -> {
                    CliFailure described = CliFailure.of(failure, Subcommand.runsTheJob(cmd.getCommand()));
                    err.println("report-resumer: " + Secrets.redact(described.message()));
                    if (debug) {
                        // an exception's message or cause may quote a secret (an echoing proxy, a driver): the trace
                        // is output like any other, redacted
                        StringWriter trace = new StringWriter();
                        failure.printStackTrace(new PrintWriter(trace));
                        err.print(Secrets.redact(trace.toString()));
                    }
                    err.flush();
                    return described.exitCode();
                })
                .setParameterExceptionHandler((failure, parsed) -> {
                    err.println("report-resumer: " + Secrets.redact(failure.getMessage()));
                    // a typo: picocli names the closest command or option ("Did you mean: runs?"), else we do
                    if (!CommandLine.UnmatchedArgumentException.printSuggestions(failure, err)) {
                        suggestion(failure).ifPresent(err::println);
                    }
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

    /** "Did you mean: ...?" for an unknown command or option one typo away from a real one. */
    private static Optional<String> suggestion(CommandLine.ParameterException failure) {
        if (!(failure instanceof CommandLine.UnmatchedArgumentException unmatched)
                || unmatched.getUnmatched().isEmpty()) {
            return Optional.empty();
        }
        String typed = unmatched.getUnmatched().get(0);
        CommandLine command = failure.getCommandLine();
        Collection<String> candidates = typed.startsWith("-") ? command.getCommandSpec().optionsMap().keySet()
                : command.getSubcommands().keySet();
        return Typos.closest(typed, candidates).map(name -> "Did you mean: " + (typed.startsWith("-") ? name
                : command.getCommandName() + " " + name) + "?");
    }

    /** {@code --demo} or {@code demo} when the line asks for them and this command line has no demo, else null. */
    private String demoOnly(Set<String> flags, List<String> commandArgs, CommandLine commandLine) {
        if (flags.contains("--demo") && !extension.flags().contains("--demo")) {
            return "--demo";
        }
        if (!commandArgs.isEmpty() && commandArgs.get(0).equals("demo")
                && !commandLine.getSubcommands().containsKey("demo")) {
            return "demo";
        }
        return null;
    }

    /** {@code args} as a shell would take them back: single-quoted where they hold anything but plain characters. */
    private static String shellWords(String... args) {
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            words.add(arg.matches("[\\w.,:/=@%+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return String.join(" ", words);
    }

    /** Keeps {@code resource} open until the command has ended; resources are closed last opened, first closed. */
    public void closeAtEnd(AutoCloseable resource) {
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

    /** Where data goes: summaries, audit rows. */
    public PrintWriter out() {
        return out;
    }

    /** Where messages go, each prefixed {@code report-resumer: }. */
    public PrintWriter err() {
        return err;
    }

    /**
     * Asks the command in progress to stop gracefully (SIGTERM): a running job finishes its chunk and ends
     * {@code STOPPED}; {@code schedule} stops waiting for the next fire time.
     */
    public void requestStop() {
        ConfigurableApplicationContext context = current;
        if (context != null && context.isActive()) {
            // a context of the database only runs no job: its command ends soon by itself
            context.getBeanProvider(GracefulStop.class).ifAvailable(GracefulStop::request);
        }
    }

    /** What a command does in the context it booted: returns the command's exit code. */
    @FunctionalInterface
    public interface InContext {

        int call(ConfigurableApplicationContext context) throws Exception;
    }

    /**
     * The skeleton of every command that needs the application context: boots it as {@code spec} says, runs
     * {@code command} in it, closes it, and returns the command's exit code. What fails on the way is mapped to
     * its exit code by the command line.
     */
    public int run(ContextSpec spec, InContext command) throws Exception {
        try (ConfigurableApplicationContext context = open(spec)) {
            return command.call(context);
        }
    }

    /**
     * Boots the application context as {@code spec} says, with this command line's properties (and what the
     * extension adds for its flags), then checks what {@code spec} asks: that the database schema is the one of
     * this release, that Partner Center credentials are given. The caller closes the context.
     */
    private ConfigurableApplicationContext open(ContextSpec spec) {
        ContextSpec extended = extension.beforeContext(this, spec, extensionFlags);
        boolean databaseOnly = extended.beans() == ContextSpec.Beans.DATABASE;
        SpringApplicationBuilder application = new SpringApplicationBuilder(
                databaseOnly ? ReportResumerDatabase.class : ReportResumerApplication.class)
                .environment(springEnvironment(extended.servesHttp()))
                .web(extended.servesHttp() ? WebApplicationType.SERVLET : WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(extended.defaults())
                .registerShutdownHook(false)
                // a command of the database only uses a bean or two of it: each is made when first asked for
                .lazyInitialization(databaseOnly);
        if (databaseOnly) {
            withoutBackgroundPreinitialization(application.application());
        }
        ConfigurableApplicationContext context = application.run(springArgs.toArray(String[]::new));
        current = context;
        try {
            if (extended.checksSchema()) {
                context.getBean(DatabaseSchema.class).requireCurrent();
            }
            if (extended.requiresCredentials()) {
                context.getBean(PartnerCenterProperties.class).requireCredentials();
            }
        }
        catch (RuntimeException refused) {
            context.close();
            throw refused;
        }
        return context;
    }

    /**
     * Takes Spring Boot's background pre-initialisation off {@code application}: on a second thread it warms up
     * what the whole application uses (Jackson, Bean Validation, HTTP message converters), which a context of the
     * database only never touches, and on a machine of two cores it takes CPU from the start-up it was meant to
     * shorten.
     */
    private static void withoutBackgroundPreinitialization(SpringApplication application) {
        application.setListeners(application.getListeners().stream()
                .filter(listener -> !listener.getClass().getName().equals(BACKGROUND_PREINITIALIZATION)).toList());
    }

    /**
     * The environment of the context: this command line's process environment, and the secrets that its
     * {@code *_FILE} variables point to, ranked just above the environment variables themselves.
     */
    private ConfigurableEnvironment springEnvironment(boolean servesHttp) {
        ConfigurableEnvironment springEnvironment = servesHttp ? new StandardServletEnvironment()
                : new StandardEnvironment();
        MutablePropertySources sources = springEnvironment.getPropertySources();
        sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<String, Object>(environment)));
        Map<String, Object> fromFiles = SecretSources.fromFiles(environment);
        if (!fromFiles.isEmpty()) {
            sources.addBefore(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new MapPropertySource("secretFiles", fromFiles));
        }
        return springEnvironment;
    }
}
