package com.reportresumer.demo;

import com.reportresumer.audit.AuditQuery;
import com.reportresumer.audit.AuditRow;
import com.reportresumer.audit.AuditTrail;
import com.reportresumer.cli.ContextSpec;
import com.reportresumer.cli.ResumerCli;
import com.reportresumer.cli.RunSummary;
import com.reportresumer.cli.UsageException;
import com.reportresumer.flag.FlagReport;
import com.reportresumer.flag.ReportFlagger;
import com.reportresumer.resume.ResumeOutcome;
import com.reportresumer.resume.ResumeRuns;
import com.reportresumer.resume.RunProgress;
import com.reportresumer.resume.RunReport;
import com.reportresumer.sandbox.ReportStatus;
import com.reportresumer.text.UntrustedText;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = { "Runs the whole job on this machine: an embedded PostgreSQL (kept in data/demo) and the",
                "Partner Center sandbox on loopback, seeded with paused reports and a realistic share of trouble.",
                "Flags the paused reports, runs the same job as `run`, and prints what happened." })
class DemoCommand implements Callable<Integer> {

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

    @Option(names = "--serve", description = "keep the database and the sandbox up after the run, until Ctrl-C")
    boolean serve;

    @Option(names = "--seed", defaultValue = "2026",
            description = "the sandbox's random seed: same seed, same reports and same trouble (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (reports < 1 || reports > 1_000_000) {
            throw new UsageException("--reports must be between 1 and 1000000");
        }
        PrintWriter out = cli.out();
        DemoDatabase database = demo.startDatabase(cli, fresh);
        DemoApi api = DemoApi.start(reports, seed);
        cli.closeAtEnd(api);
        ContextSpec spec = ContextSpec.batch().withDefaults(DemoCli.datasource(database))
                .withDefaults(api.springProperties());
        out.printf("Demo: PostgreSQL %s (data in %s), Partner Center sandbox %s with %d reports%n",
                connection(database), DemoDatabase.DEFAULT_DIRECTORY, api.sandbox().baseUrl(), reports);
        out.flush();
        return cli.run(spec, context -> {
            ReportFlagger flagger = context.getBean(ReportFlagger.class);
            FlagReport flagged = flagger.flagAllPaused("demo", "demo: all paused reports");
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
            printNextSteps(database, out);
            if (serve) {
                out.printf("%nServing: PostgreSQL %s, sandbox at %s. Ctrl-C to stop.%n", connection(database),
                        api.sandbox().baseUrl());
                out.flush();
                CountDownLatch forever = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
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

    private static void printNextSteps(DemoDatabase database, PrintWriter out) {
        String jar = "java -jar ops/demo/target/report-resumer-demo.jar";
        out.println();
        out.println("Try next (--demo points any command at the demo database):");
        out.println("  " + jar + " audit --demo --outcome FAILED");
        out.println("  " + jar + " runs --demo");
        out.println("  " + jar + " demo --serve      # keeps the database up; meanwhile, in another terminal:");
        out.println("  PGPASSWORD=\"$(cat '" + database.passwordFile() + "')\" psql " + database.psqlUrl()
                + " -c 'SELECT * FROM audit_run_summary'");
        out.flush();
    }
}
