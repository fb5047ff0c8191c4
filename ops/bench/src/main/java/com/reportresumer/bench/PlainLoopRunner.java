package com.reportresumer.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs {@code plain-loop.sh} (one {@code curl} and one {@code psql} per report) on a sample and scales its time to
 * the full size: the loop a user might write instead of the job. Skipped, with a note, where {@code psql} or
 * {@code curl} is missing.
 */
final class PlainLoopRunner {

    private final RunEnvironment env;

    PlainLoopRunner(RunEnvironment env) {
        this.env = env;
    }

    /** The loop on {@code sample} reports, scaled to {@code fullN}, as the row "overhead/plain curl+psql loop". */
    Row run(int sample, int fullN) throws Exception {
        String name = "overhead-plain-loop";
        Row row = new Row("overhead", "plain curl+psql loop", sample);
        row.concurrency = 1;
        row.latency = "0";
        String psql = System.getenv().getOrDefault("PSQL", "psql");
        if (!onPath(psql) || !onPath("curl")) {
            row.note = "skipped: psql or curl not found (run.sh installs postgresql-client with apt-get when it can)";
            return row;
        }
        SandboxProcess.Spec spec = SandboxProcess.Spec.of(sample, 0, 0, env.options.seed);
        return env.withFreshDatabaseAndSandbox("plain", name, spec, (database, sandbox) -> {
            Path ids = env.logs.resolve(name + ".ids");
            Files.write(ids, sandbox.pausedReportIds());
            sandbox.resetCounters();
            env.out.printf(Locale.ROOT, "   %-28s N=%,d (scaled to %,d) ...%n", name, sample, fullN);
            Map<String, String> loopEnv = new LinkedHashMap<>();
            loopEnv.put("API_URL", sandbox.apiUrl());
            loopEnv.put("TOKEN_URL", sandbox.tokenUrl());
            loopEnv.put("CLIENT_ID", sandbox.info.get("client-id"));
            loopEnv.put("CLIENT_SECRET", sandbox.info.get("client-secret"));
            loopEnv.put("RESOURCE", sandbox.info.get("resource"));
            loopEnv.put("PSQL_URL", env.db.psqlUrl(database));
            loopEnv.put("PGPASSWORD", env.db.password);
            loopEnv.put("IDS_FILE", ids.toString());
            loopEnv.put("PATH", System.getenv("PATH"));
            Watched.Result p = Watched.run(List.of("bash", env.options.plainLoopScript().toString()), loopEnv, env.logs, name);
            SandboxCounters counters = sandbox.counters();
            long audited = env.figures(database).auditRows();
            row.wall(p.processSeconds(), audited);
            row.sandboxCalls(counters);
            row.processSeconds = p.processSeconds();
            row.exitCode = p.exitCode();
            row.note = String.format(Locale.ROOT, "%,d reports in %.1f s (process time, 1 curl + 1 psql each);"
                    + " scaled to %,d: %.0f s", audited, p.processSeconds(), fullN, fullN / row.reportsPerSecond);
            if (p.exitCode() != 0 || audited != sample) {
                row.note += "; exit " + p.exitCode() + ", " + audited + " audit rows (see " + p.stderr() + ")";
            }
            return row;
        });
    }

    private static boolean onPath(String command) {
        if (command.contains("/")) {
            return Files.isExecutable(Path.of(command));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
