package com.reportresumer.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the real {@code batch-app.jar run} once, as its own JVM, against a fresh database holding N flagged requests
 * and a fresh sandbox holding the same N Paused reports: the measurement every case is made of.
 */
final class AppRunner {

    private final RunEnvironment env;

    AppRunner(RunEnvironment env) {
        this.env = env;
    }

    /** One run named {@code name} (its logs and its database are named after it). */
    JobRun run(String name, SandboxProcess.Spec spec, JobSpec job) throws Exception {
        String databaseSuffix = name.replaceAll("[^a-z0-9]", "_");
        return env.withFreshDatabaseAndSandbox(databaseSuffix, name, spec, (database, sandbox) -> {
            List<String> ids = sandbox.pausedReportIds();
            if (ids.size() != spec.reports()) {
                throw new IllegalStateException("sandbox has " + ids.size() + " Paused reports, expected " + spec.reports());
            }
            env.db.flag(database, ids);
            ids = null; // up to a million IDs: not kept while the app runs
            sandbox.resetCounters();
            Map<String, String> appEnv = appEnvironment(database, sandbox, job);
            env.out.printf(Locale.ROOT, "   %-28s N=%,d conc=%d chunk=%s latency=%s -Xmx%s ...%n", name, spec.reports(),
                    job.concurrency(), job.chunk() == null ? "default" : job.chunk(), spec.latencyText(), job.xmx());
            Watched.Result process = Watched.runJava(env.java, jvmOptions("-Xmx" + job.xmx(), env.options.appJvm),
                    List.of("-jar", env.options.appJar().toString(), "run"), appEnv, env.logs, name);
            SandboxCounters counters = sandbox.counters();
            return new JobRun(spec, job, process, env.figures(database), counters);
        });
    }

    /** What runs against an idle app: its environment, and how to start one of its commands. */
    @FunctionalInterface
    interface Idle<T> {
        T run(Map<String, String> appEnv, StartupCase.Start start) throws Exception;
    }

    /**
     * Runs {@code work} against a fresh database with nothing flagged and a fresh sandbox of one report: the app's
     * commands started by it have the environment of {@link #run}'s job (default concurrency and chunk size).
     */
    <T> T withIdleApp(String name, Idle<T> work) throws Exception {
        SandboxProcess.Spec spec = SandboxProcess.Spec.of(1, 0, 0, env.options.seed);
        return env.withFreshDatabaseAndSandbox(name, name + "-sandbox", spec, (database, sandbox) -> work.run(
                appEnvironment(database, sandbox, new JobSpec(env.options.concurrency, null, null, env.options.appXmx)),
                (runName, args, appEnv) -> StartupCase.start(env.java, env.options.appJar(), env.logs, runName, args,
                        appEnv, env.options.appJvm)));
    }

    /** What runs against a database of its own and no sandbox: the bench's environment, the database, the app's. */
    @FunctionalInterface
    interface OwnDatabase<T> {
        T run(RunEnvironment env, String database, Map<String, String> appEnv) throws Exception;
    }

    /**
     * Runs {@code work} against a fresh database (the migrated schema, nothing else) and no sandbox: for a case that
     * fills the database itself and starts commands that call no API ({@code console}).
     */
    <T> T withOwnDatabase(String name, OwnDatabase<T> work) throws Exception {
        return env.withFreshDatabase(name, database -> work.run(env, database, env.dataSourceEnv(database)));
    }

    /** The app's configuration: database, the sandbox as Partner Center (fake credentials), the job's settings. */
    private Map<String, String> appEnvironment(String database, SandboxProcess sandbox, JobSpec job) {
        Map<String, String> appEnv = env.dataSourceEnv(database);
        appEnv.put("RESUMER_PARTNERCENTER_BASEURL", sandbox.baseUrl());
        appEnv.put("RESUMER_PARTNERCENTER_APIPATH", sandbox.info.get("api-path"));
        appEnv.put("RESUMER_PARTNERCENTER_TOKENURL", sandbox.tokenUrl());
        appEnv.put("RESUMER_PARTNERCENTER_TENANTID", sandbox.info.get("tenant-id"));
        appEnv.put("RESUMER_PARTNERCENTER_CLIENTID", sandbox.info.get("client-id"));
        appEnv.put("RESUMER_PARTNERCENTER_CLIENTSECRET", sandbox.info.get("client-secret"));
        appEnv.put("RESUMER_PARTNERCENTER_RESOURCE", sandbox.info.get("resource"));
        appEnv.put("RESUMER_JOB_CONCURRENCY", String.valueOf(job.concurrency()));
        if (job.chunk() != null) {
            appEnv.put("RESUMER_JOB_CHUNKSIZE", String.valueOf(job.chunk()));
        }
        if (job.rateLimit() != null) {
            appEnv.put("RESUMER_JOB_RATELIMIT", String.valueOf(job.rateLimit()));
        }
        return appEnv;
    }

    /** The bench's heap option, then the ones given with {@code --app-jvm} / {@code --reference-jvm}. */
    static List<String> jvmOptions(String first, List<String> more) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(more);
        return all;
    }
}
