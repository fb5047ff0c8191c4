package com.reportresumer.bench;

/**
 * What a case measures with: the options (sizes, concurrency, heaps, seed) and the three things it can run — the
 * app, the Java reference and the plain loop — plus the two steps several cases share.
 */
record CaseContext(BenchOptions options, AppRunner app, ReferenceRunner reference, PlainLoopRunner plainLoop) {

    static CaseContext of(RunEnvironment env) {
        return new CaseContext(env.options, new AppRunner(env), new ReferenceRunner(env), new PlainLoopRunner(env));
    }

    /** The app with the options' concurrency and chunk size, the given rate limit (null: none) and heap. */
    JobSpec jobSpec(Integer rateLimit, String xmx) {
        return new JobSpec(options.concurrency, options.chunk, rateLimit, xmx);
    }

    /**
     * The one app run of a case that needs only one: {@code n} reports at {@code latencyMs} ± {@code jitterMs}, the
     * options' concurrency and chunk size, {@code -Xmx xmx}, named {@code <case>-job}.
     */
    JobRun singleJob(String caseName, int n, int latencyMs, int jitterMs, String xmx) throws Exception {
        SandboxProcess.Spec spec = SandboxProcess.Spec.of(n, latencyMs, jitterMs, options.seed);
        return app.run(caseName + "-job", spec, jobSpec(null, xmx));
    }

    /** {@link PerformanceTarget#judge} at this bench's size (quick or full). */
    void target(Row row, String text, boolean met, boolean correct) {
        PerformanceTarget.judge(row, text, met, correct, options.quick);
    }
}
