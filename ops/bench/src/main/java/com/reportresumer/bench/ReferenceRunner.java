package com.reportresumer.bench;

import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs {@link ReferenceResumer} (its own JVM) with the same database and sandbox set-up as the app: the practical
 * limit the overhead case compares the job with. Its wall time is the one it prints itself, which like the job's
 * leaves JVM start-up out.
 */
final class ReferenceRunner {

    private final RunEnvironment env;

    ReferenceRunner(RunEnvironment env) {
        this.env = env;
    }

    /** The reference on {@code threads} threads, keyset pages of {@code page} rows: the row "overhead/java reference". */
    Row run(SandboxProcess.Spec spec, int threads, int page) throws Exception {
        String name = "overhead-reference";
        return env.withFreshDatabaseAndSandbox("reference", name, spec, (database, sandbox) -> {
            env.db.flag(database, sandbox.pausedReportIds());
            sandbox.resetCounters();
            env.out.printf(Locale.ROOT, "   %-28s N=%,d threads=%d page=%d ...%n", name, spec.reports(), threads, page);
            List<String> args = List.of("-cp", System.getProperty("java.class.path"), ReferenceResumer.class.getName(),
                    "--jdbc-url=" + env.db.jdbcUrl(database), "--user=" + env.db.user,
                    "--api-url=" + sandbox.apiUrl(), "--token-url=" + sandbox.tokenUrl(),
                    "--client-id=" + sandbox.info.get("client-id"),
                    "--resource=" + sandbox.info.get("resource"), "--concurrency=" + threads, "--page=" + page);
            // secrets in the environment, as for the job: never on a command line
            Map<String, String> secrets = Map.of(ReferenceResumer.PASSWORD_VARIABLE, env.db.password,
                    ReferenceResumer.CLIENT_SECRET_VARIABLE, sandbox.info.get("client-secret"));
            Watched.Result p = Watched.runJava(env.java, AppRunner.jvmOptions("-Xmx" + env.options.appXmx, env.options.referenceJvm), args, secrets, env.logs, name);
            SandboxCounters counters = sandbox.counters();
            JobFigures figures = env.figures(database);

            Row row = new Row("overhead", "java reference", spec.reports());
            row.concurrency = threads;
            row.chunk = page;
            row.latency = spec.latencyText();
            row.wall(reportedSeconds(Files.readString(p.stdout())), figures.auditRows());
            row.sandboxCalls(counters);
            row.measuredProcess(p, env.options.appXmx);
            row.outcomes = figures.outcomesText();
            if (p.exitCode() != 0 || figures.auditRows() != spec.reports()) {
                row.note = "exit " + p.exitCode() + ", audit " + row.outcomes + " (see " + p.stderr() + ")";
            } else {
                row.note = "keyset pages of " + page + " (chunk column), one transaction per page, no retries";
            }
            return row;
        });
    }

    /** The {@code seconds=S} of the reference's {@code reference processed=N seconds=S} line; NaN if it has none. */
    static double reportedSeconds(String stdout) {
        double seconds = Double.NaN;
        for (String w : stdout.strip().split("\\s+")) {
            if (w.startsWith("seconds=")) {
                seconds = Double.parseDouble(w.substring(8));
            }
        }
        return seconds;
    }
}
