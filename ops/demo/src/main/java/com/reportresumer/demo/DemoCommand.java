package com.reportresumer.demo;

import com.reportresumer.audit.AuditQuery;
import com.reportresumer.audit.AuditRow;
import com.reportresumer.audit.AuditTrail;
import com.reportresumer.cli.ContextSpec;
import com.reportresumer.cli.ResumerCli;
import com.reportresumer.cli.RunSummary;
import com.reportresumer.cli.UsageException;
import com.reportresumer.flag.FlagReport;
import com.reportresumer.flag.PausedFlagger;
import com.reportresumer.flag.ReportFlagger;
import com.reportresumer.resume.ResumeOutcome;
import com.reportresumer.resume.ResumeRuns;
import com.reportresumer.resume.RunProgress;
import com.reportresumer.resume.RunReport;
import com.reportresumer.sandbox.ReportStatus;
import com.reportresumer.text.UntrustedText;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Runs the whole job here, on a local database and API.",
        description = { "Runs the whole job on this machine: an embedded PostgreSQL (kept in data/demo) and the",
                "Partner Center sandbox on loopback, seeded with paused reports and a realistic share of trouble.",
                "Flags the paused reports, runs the same job as `run`, and prints what happened." })
class DemoCommand implements Callable<Integer> {

    /** How the summary names the demo jar, run from the repository's root. */
    static final String DEMO_JAR = "java -jar ops/demo/target/report-resumer-demo.jar";

    private final ResumerCli cli;
    private final DemoCli demo;

    DemoCommand(ResumerCli cli, DemoCli demo) {
        this.cli = cli;
        this.demo = demo;
    }

    @Option(names = "--fresh", description = "start over with an empty demo database")
    boolean fresh;

    @Option(names = "--reports", defaultValue = "400", description = "reports in the sandbox (default: ${DEFAULT-VALUE})")
    int reports;

    @Option(names = "--serve", description = { "keep the database and the sandbox up after the run, until Ctrl-C:",
            "commands with --demo in another terminal use them" })
    boolean serve;

    @Option(names = "--seed", defaultValue = "2026",
            description = "the sandbox's random seed: same seed, same reports and same trouble (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (reports < 1 || reports > 1_000_000) {
            throw new UsageException("--reports must be between 1 and 1000000");
        }
        Path directory = demo.directory();
        Optional<RunningDemo> other = RunningDemo.in(directory);
        if (other.isPresent()) {
            // never a second PostgreSQL on the same data, nor --fresh under a running one
            throw new UsageException("a demo is already running in process " + other.get().process().pid()
                    + " with the demo database in " + directory + ": commands with --demo use it (`runs --demo`); "
                    + "stop it (Ctrl-C where it runs) before starting another demo");
        }
        PrintWriter out = cli.out();
        DemoDatabase database = demo.startDatabase(cli, fresh);
        DemoApi.Reports sandboxReports = new DemoApi.Reports(reports, seed);
        sandboxReports.saveIn(directory);
        DemoApi api = DemoApi.start(directory, sandboxReports);
        cli.closeAtEnd(api);
        RunningDemo running = RunningDemo.of(database, api);
        running.writeTo(directory);
        cli.closeAtEnd(() -> running.removeFrom(directory));
        ContextSpec spec = ContextSpec.batch().withDefaults(DemoCli.datasource(database))
                .withDefaults(api.springProperties());
        DemoConsole console = serve ? DemoConsole.in(directory) : null;
        if (console != null) {
            spec = spec.servingHttp().withDefaults(console.springProperties(directory));
        }
        out.printf("Demo: PostgreSQL %s (data in %s), Partner Center sandbox %s with %d reports%n",
                connection(database), directory, api.sandbox().baseUrl(), reports);
        out.flush();
        return cli.run(spec, context -> {
            if (console != null) {
                printConsole(context, console, out);
            }
            ReportFlagger flagger = context.getBean(ReportFlagger.class);
            FlagReport flagged = context.getBean(PausedFlagger.class).flagAllPaused("demo", "demo: all paused reports");
            // a few reports whose recurrence has ended: the API refuses to resume them (400)
            flagger.flag(api.sandbox().reports(ReportStatus.INACTIVE).stream().limit(3)
                    .map(r -> r.reportId().toString()), "demo", "demo: recurrence ended");
            // what people type by hand: a typo'd ID and a report that does not exist (flagged with plain SQL,
            // as ops may do; IDs are validated when processed)
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            for (String id : List.of("Q3-revenue-report", UUID.randomUUID().toString())) {
                jdbc.update("INSERT INTO resume_request (report_id, requested_by, reason) VALUES (?, 'demo', "
                        + "'typed by hand') ON CONFLICT (normalised_report_id(report_id)) WHERE status = 'PENDING' "
                        + "DO NOTHING", id);
            }
            out.printf("Flagged %d paused reports (%d already pending), up to 3 inactive ones and 2 typed by hand%n%n",
                    flagged.added(), flagged.alreadyPending());
            out.flush();
            RunReport report;
            try (AutoCloseable bar = TerminalProgress.attachTo(context.getBean(RunProgress.class))) {
                report = context.getBean(ResumeRuns.class).run();
            }
            RunSummary.print(report, out);
            printDetails(context.getBean(AuditTrail.class), report.executionId(), out);
            printNextSteps(database, serve, out);
            if (serve) {
                printServing(database, api, out);
                printConsole(context, console, out);
                CountDownLatch forever = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        // first: from now on, --demo must not use what is going away
                        running.removeFrom(directory);
                    }
                    catch (Exception ignored) {
                        // going away
                    }
                    api.close();
                    try {
                        database.close();
                    }
                    catch (Exception ignored) {
                        // going away
                    }
                    forever.countDown();
                }));
                forever.await();
            }
            return report.exitCode();
        });
    }

    private static void printDetails(AuditTrail trail, long run, PrintWriter out) {
        out.println();
        out.println("Slowest calls:");
        for (AuditRow r : trail.slowest(run, 5)) {
            out.printf("  %-36s %-10s %6d ms  %d tries%n", UntrustedText.printable(r.reportId()), r.outcome(),
                    r.durationMs(), r.attempts() == null ? 0 : r.attempts());
        }
        List<AuditRow> notResumed = trail.find(new AuditQuery(run, null,
                EnumSet.complementOf(EnumSet.of(ResumeOutcome.RESUMED)), null, null, 15, false));
        out.println("Not resumed (up to 15):");
        for (AuditRow r : notResumed) {
            String message = r.message() == null ? "" : UntrustedText.printable(r.message());
            String reportId = UntrustedText.printable(r.reportId());
            out.printf("  %-36s %-10s %s%n", reportId.length() > 36 ? reportId.substring(0, 36) : reportId,
                    r.outcome(), message.length() > 60 ? message.substring(0, 59) + "…" : message);
        }
    }

    /** The demo database's JDBC URL, user and password (a random one, kept in the demo directory). */
    private static String connection(DemoDatabase database) {
        return database.jdbcUrl() + " user " + database.user() + " password " + database.password();
    }

    /** What to try once the run is over; while serving, {@link #printServing} says the rest. */
    private static void printNextSteps(DemoDatabase database, boolean serving, PrintWriter out) {
        out.println();
        out.println("Try next (--demo points any command at the demo):");
        out.println("  " + DEMO_JAR + " audit --demo --outcome FAILED");
        out.println("  " + DEMO_JAR + " runs --demo");
        out.println("  " + DEMO_JAR + " rerun-failed --demo   # against a sandbox with the same reports");
        if (!serving) {
            out.println("  " + DEMO_JAR + " demo --serve   # keeps the database and the sandbox up for --demo; "
                    + "meanwhile:");
            out.println("  PGPASSWORD=\"$(cat " + shellWord(database.passwordFile().toAbsolutePath().toString())
                    + ")\" psql " + database.psqlUrl() + " -c 'SELECT * FROM audit_run_summary'");
        }
        out.flush();
    }

    /**
     * What {@code --serve} prints once the run is over: what every client needs to connect to the served database
     * and sandbox. The database's password is printed: it is what a database client's connection dialog asks for,
     * it was made at random for this demo directory, the database listens on loopback only and holds nothing but
     * the demo's data, and this is a terminal, not a log. The export lines name the password's and the client
     * secret's owner-only files instead ({@code *_FILE}, which the application reads), so that no secret goes into
     * the shell's history or environment.
     */
    private static void printServing(DemoDatabase database, DemoApi api, PrintWriter out) {
        DemoApi.Endpoint sandbox = api.endpoint();
        String passwordFile = database.passwordFile().toAbsolutePath().toString();
        out.println();
        out.println("Serving the demo database and the sandbox API. In another terminal, every command with --demo "
                + "uses them:");
        out.println("  " + DEMO_JAR + " runs --demo");
        out.println("  " + DEMO_JAR + " flag --all-paused --demo && " + DEMO_JAR + " run --demo");
        out.println("The database, for any PostgreSQL client (on loopback only; a random password, made for this demo):");
        out.println("  JDBC URL  " + database.jdbcUrl());
        out.println("  user      " + database.user());
        out.println("  password  " + database.password());
        out.println("  psql      PGPASSWORD=\"$(cat " + shellWord(passwordFile) + ")\" psql " + database.psqlUrl()
                + " -c 'SELECT * FROM audit_run_summary'");
        // psql as the RUNBOOK sets it up, so that its ops/sql lines run as written against the demo
        URI served = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        out.println("  for the RUNBOOK's psql lines (ops/sql):");
        out.println("  export PGHOST=" + served.getHost() + " PGPORT=" + served.getPort() + " PGDATABASE="
                + served.getPath().substring(1) + " PGUSER=" + database.user() + " PGPASSWORD=\"$(cat "
                + shellWord(passwordFile) + ")\"");
        out.println("The sandbox API: " + sandbox.baseUrl() + ", token URL " + sandbox.tokenUrl() + ", client ID "
                + sandbox.clientId() + ", its secret in " + api.clientSecretFile());
        out.println("The production jar, pointed at the demo (the secrets stay in their owner-only files):");
        Map<String, String> exports = new LinkedHashMap<>();
        exports.put("SPRING_DATASOURCE_URL", database.jdbcUrl());
        exports.put("SPRING_DATASOURCE_USERNAME", database.user());
        exports.put("SPRING_DATASOURCE_PASSWORD_FILE", passwordFile);
        exports.put("RESUMER_PARTNERCENTER_BASEURL", sandbox.baseUrl());
        exports.put("RESUMER_PARTNERCENTER_TOKENURL", sandbox.tokenUrl());
        exports.put("RESUMER_PARTNERCENTER_TENANTID", sandbox.tenantId());
        exports.put("RESUMER_PARTNERCENTER_CLIENTID", sandbox.clientId());
        exports.put("RESUMER_PARTNERCENTER_CLIENTSECRET_FILE", api.clientSecretFile().toString());
        // the sandbox hangs a call now and then for 30 s, the production read timeout
        exports.put("RESUMER_PARTNERCENTER_READTIMEOUT", DemoApi.tuning().get("resumer.partner-center.read-timeout"));
        exports.forEach((name, value) -> out.println("  export " + name + "=" + shellWord(value)));
        out.println("  java -jar batch-app/target/batch-app.jar runs");
        out.println("Ctrl-C to stop.");
        out.flush();
    }

    /**
     * Where the console of {@code --serve} is and how to sign in: the users' password is printed for the same
     * reasons as the database's (random, made for this demo directory, loopback only, a terminal and not a log).
     */
    private static void printConsole(ApplicationContext context, DemoConsole console, PrintWriter out) {
        int port = context instanceof WebServerApplicationContext web ? web.getWebServer().getPort() : -1;
        out.println("The ops console: http://127.0.0.1:" + port + "/  sign in as " + DemoConsole.OPERATOR
                + " (operator), password " + console.password() + " (also in "
                + console.passwordFile().toAbsolutePath() + "), or as " + DemoConsole.VIEWER + " (viewer), password "
                + console.viewerPassword() + " (also in " + console.viewerPasswordFile().toAbsolutePath() + ")");
        out.flush();
    }

    /** {@code word} as a shell takes it back: single-quoted when it holds anything but plain characters. */
    static String shellWord(String word) {
        return word.matches("[\\w.,:/=@%+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
