package com.reportresumer.demo;

import com.reportresumer.sandbox.Sandbox;
import com.reportresumer.sandbox.SandboxOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sandbox Partner Center of the demo: a few hundred reports, mostly paused, and a realistic share of trouble
 * (slow answers, 500s, throttling with Retry-After, forbidden and inactive reports, garbage, the odd hung call).
 */
public final class DemoApi implements AutoCloseable {

    private final Sandbox sandbox;

    private DemoApi(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    public static DemoApi start(int reports, long seed) throws IOException {
        return new DemoApi(Sandbox.start(SandboxOptions.builder()
                .reports(reports)
                .pausedShare(0.9)
                .inactiveShare(0.03)
                .randomSeed(seed)
                .latency(Duration.ofMillis(40))
                .jitter(Duration.ofMillis(20))
                .failureRate(0.05)
                .throttleRate(0.03)
                .retryAfterSeconds(1)
                .forbiddenShare(0.02)
                .garbageRate(0.01)
                .hangRate(0.002)
                .hangDuration(Duration.ofSeconds(30))
                .build()));
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    /** Spring properties pointing the job at this sandbox, with settings that suit a short demo. */
    public Map<String, Object> springProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        SandboxOptions o = sandbox.options();
        p.put("resumer.partner-center.base-url", sandbox.baseUrl());
        p.put("resumer.partner-center.api-path", o.apiPath());
        p.put("resumer.partner-center.token-url", sandbox.tokenUrl());
        p.put("resumer.partner-center.tenant-id", o.tenantId());
        p.put("resumer.partner-center.client-id", o.clientId());
        p.put("resumer.partner-center.client-secret", o.clientSecret());
        p.put("resumer.partner-center.read-timeout", "2s");
        p.put("resumer.job.max-attempts", "3");
        p.put("resumer.job.backoff.initial", "200ms");
        p.put("resumer.job.backoff.max", "2s");
        return p;
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
