package com.reportresumer.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ops/bench/run.sh}: runs the real {@code batch-app.jar} (its own JVM) against the sandbox (its own JVM) and
 * a real PostgreSQL, one fresh database and one fresh sandbox per run, and prints one table, also written as CSV.
 * See {@code ops/bench/README.md}.
 */
public final class Bench {

    /** How the app is run in one case. {@code chunk} and {@code rateLimit} null = the app's default. */
    record JobSpec(int concurrency, Integer chunk, Integer rateLimit, String xmx) {
    }

    /** One run of the app: its process, what it left in the database, what the sandbox counted. */
    record JobRun(int n, Watched.Result process, JobFigures figures, SandboxProcess.Counters counters) {
    }

    private final BenchOptions options;
    private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    private final Path logs;
    private final PrintStream out;
    private final List<Row> rows = new ArrayList<>();
    private Database db;
    private int runNumber;

    private Bench(BenchOptions options, Path logs, PrintStream out) {
        this.options = options;
        this.logs = logs;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (o.help) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        for (Path jar : List.of(o.appJar(), o.sandboxJar())) {
            if (!Files.isRegularFile(jar)) {
                System.err.println("bench: " + jar + " is missing: build with ./mvnw -B -q -DskipTests install (run.sh does)");
                System.exit(2);
            }
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(ZonedDateTime.now(ZoneOffset.UTC));
        Path resultDir = o.results();
        Path logs = resultDir.resolve(stamp);
        Files.createDirectories(logs);
        Bench bench = new Bench(o, logs, System.out);
        int code = bench.run(resultDir, stamp);
        System.exit(code);
    }

    private int run(Path resultDir, String stamp) throws Exception {
        List<String> header = new ArrayList<>();
        header.add("report-resumer bench, " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                .format(ZonedDateTime.now(ZoneOffset.UTC)) + (options.quick ? ", --quick (sizes / 10)" : "") + ", cases " + options.cases);
        header.addAll(Machine.describe(java));
        header.add("load average at start: " + Machine.loadAverage() + " (other work on the machine skews the figures)");
        header.forEach(out::println);
        try (Database database = Database.start(!options.pgUnsafe)) {
            db = database;
            String dbText = "database: " + database.describe();
            header.add(dbText);
            out.println(dbText);
            out.println("logs: " + logs);
            out.println();
            prepareTemplate();
            for (String c : options.cases) {
                out.println("== " + c);
                try {
                    switch (c) {
                        case "latency" -> latency();
                        case "overhead" -> overhead();
                        case "memory" -> memory();
                        case "ratelimit" -> rateLimit();
                        case "sweep" -> sweep();
                        default -> throw new IllegalStateException(c);
                    }
                } catch (Exception e) {
                    Row failed = new Row(c, "error", 0);
                    failed.check("bench error: " + e, false);
                    rows.add(failed);
                    out.println("   bench error in case " + c + ": " + e);
                }
            }
            if (!options.keepDatabases) {
                database.drop(Database.TEMPLATE);
            }
        }
        header.add("load average at end: " + Machine.loadAverage());

        StringBuilder report = new StringBuilder();
        header.forEach(h -> report.append(h).append('\n'));
        report.append('\n');
        List<List<String>> cells = new ArrayList<>();
        rows.forEach(r -> cells.add(r.tableCells()));
        report.append(Row.table(Row.TABLE_HEADERS, cells, Row.TABLE_LEFT));
        List<String> notes = new ArrayList<>();
        for (Row r : rows) {
            if (!r.note.isEmpty()) {
                notes.add(r.caseName + "/" + r.run + ": " + r.note);
            }
        }
        if (!notes.isEmpty()) {
            report.append('\n').append("notes:\n");
            notes.forEach(n -> report.append("  ").append(n).append('\n'));
        }
        report.append('\n').append("""
                job s = the job's own wall time (BATCH_JOB_EXECUTION end - start; JVM and Spring start-up excluded);
                ideal = N x mean latency / concurrency (rate limit: N / rate); x ideal = ideal / job s;
                heap peak/live = most heap in use (before a GC, or at exit) / most left after a GC (-Xmx);
                RSS = peak resident set (VmHWM); API calls = API calls the sandbox received (token requests apart).
                """);
        out.println();
        out.print(report);

        Path csv = resultDir.resolve(stamp + ".csv");
        List<String> lines = new ArrayList<>();
        lines.add(Row.csv(Row.CSV_HEADERS));
        rows.forEach(r -> lines.add(Row.csv(r.csvCells())));
        Files.write(csv, lines, StandardCharsets.UTF_8);
        Path txt = resultDir.resolve(stamp + ".txt");
        Files.writeString(txt, report, StandardCharsets.UTF_8);
        out.println("written: " + csv + " and " + txt);
        return rows.stream().anyMatch(r -> Boolean.FALSE.equals(r.pass)) ? 1 : 0;
    }

    // ------------------------------------------------------------------------------------------------- cases

    /** 1. latency-bound: is the job close to N x latency / concurrency? */
    private void latency() throws Exception {
        int n = options.nLatency();
        int conc = options.concurrency;
        SandboxProcess.Spec spec = SandboxProcess.Spec.of(n, 50, 10, options.seed);
        JobSpec job = new JobSpec(conc, options.chunk, null, options.appXmx);
        Row row = jobRow("latency", "job", spec, job, runJob("latency-job", spec, job));
        row.ideal(n * 0.050 / conc);
        target(row, String.format(Locale.ROOT, "x ideal %.3f >= 0.90", row.ratioToIdeal), row.ratioToIdeal >= 0.90,
                Boolean.TRUE.equals(row.pass));
        print(row);
    }

    /** 2. overhead-bound: no latency; the job against a hand-written Java reference and a plain curl + psql loop. */
    private void overhead() throws Exception {
        int n = options.nOverhead();
        int conc = options.concurrency;
        SandboxProcess.Spec spec = SandboxProcess.Spec.of(n, 0, 0, options.seed);
        JobSpec job = new JobSpec(conc, options.chunk, null, options.appXmx);
        Row jobRow = jobRow("overhead", "job", spec, job, runJob("overhead-job", spec, job));
        print(jobRow);

        Row ref = reference(spec, conc, 500);
        double refRatio = jobRow.reportsPerSecond / ref.reportsPerSecond;
        target(ref, String.format(Locale.ROOT, "job/reference %.3f >= 0.70", refRatio), refRatio >= 0.70,
                Boolean.TRUE.equals(jobRow.pass));
        print(ref);

        Row plain = plainLoop(options.plainSample(), n);
        if (!Double.isNaN(plain.reportsPerSecond)) {
            double plainRatio = jobRow.reportsPerSecond / plain.reportsPerSecond;
            target(plain, String.format(Locale.ROOT, "job/plain %.0fx >= 50x", plainRatio), plainRatio >= 50,
                    plain.exitCode != null && plain.exitCode == 0);
        }
        print(plain);
    }

    /** 3. memory: a million PENDING requests with the app at -Xmx256m. */
    private void memory() throws Exception {
        int n = options.nMemory();
        SandboxProcess.Spec spec = SandboxProcess.Spec.of(n, 0, 0, options.seed);
        JobSpec job = new JobSpec(options.concurrency, options.chunk, null, options.memoryXmx);
        JobRun run = runJob("memory-job", spec, job);
        Row row = jobRow("memory", "job", spec, job, run);
        boolean ok = run.process().exitCode() == 0 && run.figures().requests("DONE") == n
                && run.figures().auditRows() == n;
        row.check(String.format(Locale.ROOT, "exit 0, %,d DONE at -Xmx%s", n, options.memoryXmx), ok);
        print(row);
    }

    /** 4. rate limit (no one-second window above the limit) and throttling (429 + Retry-After honoured). */
    private void rateLimit() throws Exception {
        int n = options.nRateLimit();
        int conc = options.concurrency;
        int rate = options.rate;
        SandboxProcess.Spec spec = SandboxProcess.Spec.of(n, 0, 0, options.seed);
        JobSpec limited = new JobSpec(conc, options.chunk, rate, options.appXmx);
        JobRun run = runJob("ratelimit-job", spec, limited);
        Row row = jobRow("ratelimit", "rate-limit " + rate + "/s", spec, limited, run);
        row.ideal((double) n / rate);
        long max = run.counters().maxResumeCallsPerSecond();
        row.check("busiest second " + max + " calls <= " + rate, max <= rate && Boolean.TRUE.equals(row.pass));
        List<Long> perSecond = new ArrayList<>(run.counters().resumeCallsPerSecond().values());
        row.note = "resume calls per wall-clock second (sandbox): " + (perSecond.size() <= 40 ? perSecond.toString()
                : perSecond.subList(0, 5) + " ... " + perSecond.subList(perSecond.size() - 5, perSecond.size())
                        + " (" + perSecond.size() + " seconds)");
        print(row);

        JobSpec plain = new JobSpec(conc, options.chunk, null, options.appXmx);
        JobRun base = runJob("throttle-none", spec, plain);
        Row baseRow = jobRow("ratelimit", "no throttling", spec, plain, base);
        print(baseRow);

        SandboxProcess.Spec throttled = spec.throttled(0.2, 1);
        JobRun thr = runJob("throttle-0.2", throttled, plain);
        Row thrRow = jobRow("ratelimit", "throttle 0.2, Retry-After 1", throttled, plain, thr);
        long http429 = thr.counters().responses(429);
        thrRow.throttled = http429;
        double extra = thrRow.wallSeconds - baseRow.wallSeconds;
        double expected = http429 * 1.0 / conc;
        boolean honoured = true;
        StringBuilder waits = new StringBuilder();
        for (JobFigures.Attempts a : thr.figures().attempts()) {
            if (a.attempts() >= 2) {
                honoured &= a.minDurationMs() >= (a.attempts() - 1) * 1000L;
                waits.append(waits.length() == 0 ? "" : ", ").append(a.rows()).append(" reports took ")
                        .append(a.attempts()).append(" calls, shortest ").append(a.minDurationMs()).append(" ms");
            }
        }
        boolean callsMatch = thr.counters().resumeCalls() == thr.figures().callsByAudit();
        thrRow.check(String.format(Locale.ROOT, "%d x 429, +%.1f s vs no throttling (429s x 1 s / conc = %.1f s);"
                        + " every retry waited >= Retry-After", http429, extra, expected),
                honoured && callsMatch && thr.process().exitCode() != 1);
        thrRow.note = "sandbox resume calls " + thr.counters().resumeCalls() + " = attempts in the audit "
                + thr.figures().callsByAudit() + (callsMatch ? "" : " (MISMATCH)") + "; " + waits
                + "; outcomes " + thr.figures().outcomesText()
                + (thr.figures().outcomes().containsKey("FAILED") ? " (FAILED = throttled on all 4 tries)" : "");
        print(thrRow);
    }

    /** 5. chunk size x concurrency at 20 ms +- 5 ms. */
    private void sweep() throws Exception {
        int n = options.nSweep();
        SandboxProcess.Spec spec = SandboxProcess.Spec.of(n, 20, 5, options.seed);
        for (int chunk : new int[] {10, 50, 200}) {
            for (int conc : new int[] {4, 16, 64}) {
                JobSpec job = new JobSpec(conc, chunk, null, options.appXmx);
                Row row = jobRow("sweep", "chunk " + chunk + " x conc " + conc, spec, job,
                        runJob("sweep-k" + chunk + "-c" + conc, spec, job));
                row.ideal(n * 0.020 / conc);
                print(row);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- runs

    private void prepareTemplate() throws Exception {
        db.create(Database.TEMPLATE, false);
        Map<String, String> env = new LinkedHashMap<>(dataSourceEnv(Database.TEMPLATE));
        Watched.Result r = Watched.run(List.of(java.toString(), "-jar", options.appJar().toString(), "migrate"),
                env, logs, "template-migrate");
        if (r.exitCode() != 0) {
            throw new IllegalStateException("batch-app.jar migrate (Flyway migration of the template) exited "
                    + r.exitCode() + ": see " + r.stderr());
        }
        out.println("schema: migrated by batch-app.jar migrate into " + Database.TEMPLATE + " ("
                + Row.num(r.processSeconds(), 1) + " s); every run copies it");
    }

    private Map<String, String> dataSourceEnv(String database) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_DATASOURCE_URL", db.jdbcUrl(database));
        env.put("SPRING_DATASOURCE_USERNAME", db.user);
        env.put("SPRING_DATASOURCE_PASSWORD", db.password);
        return env;
    }

    /** A fresh database and sandbox with N Paused reports, all flagged; the app run; what it left. */
    private JobRun runJob(String name, SandboxProcess.Spec spec, JobSpec job) throws Exception {
        String database = "rrbench_" + (++runNumber) + "_" + name.replaceAll("[^a-z0-9]", "_");
        db.create(database, true);
        try (SandboxProcess sandbox = SandboxProcess.start(java, options.sandboxJar(), logs, name, spec)) {
            List<String> ids = sandbox.pausedReportIds();
            if (ids.size() != spec.reports()) {
                throw new IllegalStateException("sandbox has " + ids.size() + " Paused reports, expected " + spec.reports());
            }
            db.flag(database, ids);
            ids = null;
            sandbox.resetCounters();
            Map<String, String> env = dataSourceEnv(database);
            env.put("RESUMER_PARTNERCENTER_BASEURL", sandbox.baseUrl());
            env.put("RESUMER_PARTNERCENTER_APIPATH", sandbox.info.get("api-path"));
            env.put("RESUMER_PARTNERCENTER_TOKENURL", sandbox.tokenUrl());
            env.put("RESUMER_PARTNERCENTER_TENANTID", sandbox.info.get("tenant-id"));
            env.put("RESUMER_PARTNERCENTER_CLIENTID", sandbox.info.get("client-id"));
            env.put("RESUMER_PARTNERCENTER_CLIENTSECRET", sandbox.info.get("client-secret"));
            env.put("RESUMER_PARTNERCENTER_RESOURCE", sandbox.info.get("resource"));
            env.put("RESUMER_JOB_CONCURRENCY", String.valueOf(job.concurrency()));
            if (job.chunk() != null) {
                env.put("RESUMER_JOB_CHUNKSIZE", String.valueOf(job.chunk()));
            }
            if (job.rateLimit() != null) {
                env.put("RESUMER_JOB_RATELIMIT", String.valueOf(job.rateLimit()));
            }
            out.printf(Locale.ROOT, "   %-28s N=%,d conc=%d chunk=%s latency=%s -Xmx%s ...%n", name, spec.reports(),
                    job.concurrency(), job.chunk() == null ? "default" : job.chunk(), spec.latencyText(), job.xmx());
            Watched.Result process = Watched.runJava(java, List.of("-Xmx" + job.xmx()),
                    List.of("-jar", options.appJar().toString(), "run"), env, logs, name);
            SandboxProcess.Counters counters = sandbox.counters();
            JobFigures figures;
            try (Connection c = db.connect(database)) {
                figures = JobFigures.read(c);
            }
            return new JobRun(spec.reports(), process, figures, counters);
        } finally {
            if (!options.keepDatabases) {
                db.drop(database);
            }
        }
    }

    private Row jobRow(String caseName, String run, SandboxProcess.Spec spec, JobSpec job, JobRun r) {
        Row row = new Row(caseName, run, r.n());
        row.concurrency = job.concurrency();
        row.chunk = job.chunk() == null ? 50 : job.chunk();
        row.latency = spec.latencyText();
        row.wall(r.figures().wallSeconds(), r.figures().auditRows());
        row.apiCalls = r.counters().totalCalls();
        row.tokenRequests = r.counters().tokenRequests();
        row.throttled = r.counters().responses(429);
        row.peakHeapMb = r.process().heap().peakUsedMb();
        row.liveHeapMb = r.process().heap().maxLiveMb();
        row.xmx = job.xmx();
        row.peakRssMb = r.process().peakRssMb();
        row.processSeconds = r.process().processSeconds();
        row.exitCode = r.process().exitCode();
        row.outcomes = r.figures().outcomesText();
        boolean complete = r.figures().requests("PENDING") == 0 && r.figures().auditRows() == r.n();
        boolean clean = r.process().exitCode() == 0;
        row.pass = complete && clean;
        if (!complete || !clean) {
            row.note = "exit " + r.process().exitCode() + ", batch " + r.figures().batchStatus() + "/"
                    + r.figures().exitCode() + ", requests " + r.figures().requests() + ", audit " + row.outcomes
                    + " (see " + r.process().stderr() + ")";
        }
        return row;
    }

    /** The hand-written Java reference (its own JVM), same database and sandbox set-up as the job. */
    private Row reference(SandboxProcess.Spec spec, int concurrency, int page) throws Exception {
        String name = "overhead-reference";
        String database = "rrbench_" + (++runNumber) + "_reference";
        db.create(database, true);
        try (SandboxProcess sandbox = SandboxProcess.start(java, options.sandboxJar(), logs, name, spec)) {
            db.flag(database, sandbox.pausedReportIds());
            sandbox.resetCounters();
            out.printf(Locale.ROOT, "   %-28s N=%,d threads=%d page=%d ...%n", name, spec.reports(), concurrency, page);
            List<String> args = List.of("-cp", System.getProperty("java.class.path"), ReferenceResumer.class.getName(),
                    "--jdbc-url=" + db.jdbcUrl(database), "--user=" + db.user,
                    "--api-url=" + sandbox.apiUrl(), "--token-url=" + sandbox.tokenUrl(),
                    "--client-id=" + sandbox.info.get("client-id"),
                    "--resource=" + sandbox.info.get("resource"), "--concurrency=" + concurrency, "--page=" + page);
            // secrets in the environment, as for the job: never on a command line
            Map<String, String> secrets = Map.of(ReferenceResumer.PASSWORD_VARIABLE, db.password,
                    ReferenceResumer.CLIENT_SECRET_VARIABLE, sandbox.info.get("client-secret"));
            Watched.Result p = Watched.runJava(java, List.of("-Xmx" + options.appXmx), args, secrets, logs, name);
            SandboxProcess.Counters counters = sandbox.counters();
            JobFigures figures;
            try (Connection c = db.connect(database)) {
                figures = JobFigures.read(c);
            }
            Row row = new Row("overhead", "java reference", spec.reports());
            row.concurrency = concurrency;
            row.chunk = page;
            row.latency = spec.latencyText();
            String line = Files.readString(p.stdout()).strip();
            double seconds = Double.NaN;
            for (String w : line.split("\\s+")) {
                if (w.startsWith("seconds=")) {
                    seconds = Double.parseDouble(w.substring(8));
                }
            }
            row.wall(seconds, figures.auditRows());
            row.apiCalls = counters.totalCalls();
            row.tokenRequests = counters.tokenRequests();
            row.peakHeapMb = p.heap().peakUsedMb();
            row.liveHeapMb = p.heap().maxLiveMb();
            row.xmx = options.appXmx;
            row.peakRssMb = p.peakRssMb();
            row.processSeconds = p.processSeconds();
            row.exitCode = p.exitCode();
            row.outcomes = figures.outcomesText();
            if (p.exitCode() != 0 || figures.auditRows() != spec.reports()) {
                row.note = "exit " + p.exitCode() + ", audit " + row.outcomes + " (see " + p.stderr() + ")";
            } else {
                row.note = "keyset pages of " + page + " (chunk column), one transaction per page, no retries";
            }
            return row;
        } finally {
            if (!options.keepDatabases) {
                db.drop(database);
            }
        }
    }

    /** The plain curl + psql loop on a sample, scaled to {@code fullN}. */
    private Row plainLoop(int sample, int fullN) throws Exception {
        String name = "overhead-plain-loop";
        Row row = new Row("overhead", "plain curl+psql loop", sample);
        row.concurrency = 1;
        row.latency = "0";
        String psql = System.getenv().getOrDefault("PSQL", "psql");
        if (!onPath(psql) || !onPath("curl")) {
            row.note = "skipped: psql or curl not found (run.sh installs postgresql-client with apt-get when it can)";
            return row;
        }
        String database = "rrbench_" + (++runNumber) + "_plain";
        db.create(database, true);
        SandboxProcess.Spec spec = SandboxProcess.Spec.of(sample, 0, 0, options.seed);
        try (SandboxProcess sandbox = SandboxProcess.start(java, options.sandboxJar(), logs, name, spec)) {
            Path ids = logs.resolve(name + ".ids");
            Files.write(ids, sandbox.pausedReportIds());
            sandbox.resetCounters();
            out.printf(Locale.ROOT, "   %-28s N=%,d (scaled to %,d) ...%n", name, sample, fullN);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("API_URL", sandbox.apiUrl());
            env.put("TOKEN_URL", sandbox.tokenUrl());
            env.put("CLIENT_ID", sandbox.info.get("client-id"));
            env.put("CLIENT_SECRET", sandbox.info.get("client-secret"));
            env.put("RESOURCE", sandbox.info.get("resource"));
            env.put("PSQL_URL", db.psqlUrl(database));
            env.put("PGPASSWORD", db.password);
            env.put("IDS_FILE", ids.toString());
            env.put("PATH", System.getenv("PATH"));
            Watched.Result p = Watched.run(List.of("bash", options.plainLoopScript().toString()), env, logs, name);
            SandboxProcess.Counters counters = sandbox.counters();
            long audited;
            try (Connection c = db.connect(database)) {
                audited = JobFigures.read(c).auditRows();
            }
            row.wall(p.processSeconds(), audited);
            row.apiCalls = counters.totalCalls();
            row.tokenRequests = counters.tokenRequests();
            row.processSeconds = p.processSeconds();
            row.exitCode = p.exitCode();
            row.note = String.format(Locale.ROOT, "%,d reports in %.1f s (process time, 1 curl + 1 psql each);"
                    + " scaled to %,d: %.0f s", audited, p.processSeconds(), fullN, fullN / row.reportsPerSecond);
            if (p.exitCode() != 0 || audited != sample) {
                row.note += "; exit " + p.exitCode() + ", " + audited + " audit rows (see " + p.stderr() + ")";
            }
            return row;
        } finally {
            if (!options.keepDatabases) {
                db.drop(database);
            }
        }
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

    /**
     * A performance target. At {@code --quick} sizes the job's fixed cost (JIT warm-up above all) dominates: the
     * verdict is shown but does not fail the bench; {@code correct} (the run itself completed) always counts.
     */
    private void target(Row row, String text, boolean met, boolean correct) {
        if (options.quick) {
            row.check(text + (met ? "  met" : "  not met") + " (quick size: indicative)", correct ? null : false);
        } else {
            row.check(text, met && correct);
        }
    }

    private void print(Row r) {
        out.printf(Locale.ROOT, "   -> %s/%s: %s s, %s reports/s%s, API calls %s, heap %s/%s MB, RSS %s MB, exit %s %s%n",
                r.caseName, r.run, Row.num(r.wallSeconds, 2), Row.num(r.reportsPerSecond, 0),
                Double.isNaN(r.ratioToIdeal) ? "" : ", x ideal " + Row.num(r.ratioToIdeal, 2),
                r.apiCalls, Row.num(r.peakHeapMb, 0), Row.num(r.liveHeapMb, 0), Row.num(r.peakRssMb, 0),
                r.exitCode, r.check);
        if (!r.note.isEmpty()) {
            out.println("      " + r.note);
        }
        rows.add(r);
    }
}
