package com.reportresumer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class SandboxMainTest {

    @Test
    void parsesEveryOption() throws Exception {
        UUID f = UUID.randomUUID();
        UUID r = UUID.randomUUID();
        SandboxOptions o = SandboxMain.parse(new String[] {"--port", "0", "--reports", "500", "--paused-share", "0.9",
            "--inactive-share=0.02", "--latency-ms", "50", "--jitter-ms", "10", "--failure-rate", "0.05",
            "--throttle-rate", "0.02", "--retry-after", "2", "--forbidden-share", "0.01", "--rejected-share", "0.01",
            "--garbage-rate", "0.01", "--hang-rate", "0.001", "--hang-seconds", "1.5", "--token-lifetime", "60",
            "--casing", "camel", "--tenant-id", "T", "--client-id", "C", "--client-secret", "S", "--username", "u",
            "--password", "p", "--seed", "7", "--max-calls-per-second", "100", "--api-path", "/insights/v1.1/cmp/",
            "--forbidden", f.toString(), "--rejected", r + "," + f, "--threads", "50", "--bind", "127.0.0.1"});

        assertThat(o.port()).isZero();
        assertThat(o.reports()).isEqualTo(500);
        assertThat(o.pausedShare()).isEqualTo(0.9);
        assertThat(o.inactiveShare()).isEqualTo(0.02);
        assertThat(o.latency()).isEqualTo(Duration.ofMillis(50));
        assertThat(o.jitter()).isEqualTo(Duration.ofMillis(10));
        assertThat(o.failureRate()).isEqualTo(0.05);
        assertThat(o.throttleRate()).isEqualTo(0.02);
        assertThat(o.retryAfterSeconds()).isEqualTo(2);
        assertThat(o.forbiddenShare()).isEqualTo(0.01);
        assertThat(o.rejectedShare()).isEqualTo(0.01);
        assertThat(o.garbageRate()).isEqualTo(0.01);
        assertThat(o.hangRate()).isEqualTo(0.001);
        assertThat(o.hangDuration()).isEqualTo(Duration.ofMillis(1500));
        assertThat(o.tokenLifetime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.casing()).isEqualTo(Casing.CAMEL);
        assertThat(o.tenantId()).isEqualTo("T");
        assertThat(o.clientId()).isEqualTo("C");
        assertThat(o.clientSecret()).isEqualTo("S");
        assertThat(o.username()).isEqualTo("u");
        assertThat(o.password()).isEqualTo("p");
        assertThat(o.randomSeed()).isEqualTo(7);
        assertThat(o.maxCallsPerSecond()).isEqualTo(100);
        assertThat(o.apiPath()).isEqualTo("/insights/v1.1/cmp");
        assertThat(o.forbiddenReports()).containsExactly(f);
        assertThat(o.rejectedReports()).containsExactlyInAnyOrder(r, f);
        assertThat(o.threads()).isEqualTo(50);
    }

    @Test
    void defaultsToPort8089AndRejectsBadInput() throws Exception {
        assertThat(SandboxMain.parse(new String[0]).port()).isEqualTo(8089);
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--nope", "1"})).hasMessageContaining("unknown option --nope");
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--port"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--port", "x"})).hasMessageContaining("not a number");
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--failure-rate", "2"})).hasMessageContaining("failureRate");
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--casing", "snake"})).hasMessageContaining("pascal or camel");
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--forbidden", "abc"})).hasMessageContaining("not a UUID");
        assertThat(SandboxMain.USAGE).contains("--max-calls-per-second", "--hang-rate", "--casing pascal|camel");
    }

    @Test
    void startLineNamesUrlsAndCredentials() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxMain.parse(new String[] {"--port", "0", "--reports", "10",
            "--paused-share", "0.5", "--inactive-share", "0.1", "--client-secret", "shh"}))) {
            String line = SandboxMain.startLine(sandbox);
            assertThat(line).doesNotContain("\n");
            assertThat(line).contains("base-url=" + sandbox.baseUrl(), "token-url=" + sandbox.tokenUrl(),
                    "client-id=" + sandbox.options().clientId(), "client-secret=shh", "paused=5", "inactive=1", "active=4");
            assertThat(sandbox.baseUrl()).isEqualTo("http://127.0.0.1:" + sandbox.port());
            assertThat(sandbox.tokenUrl()).endsWith("/" + SandboxOptions.DEFAULT_TENANT_ID + "/oauth2/token");
        }
    }
}
