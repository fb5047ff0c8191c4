package com.reportresumer.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.EnvVar;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** When the console starts, and when it refuses to: in {@code console} and in {@code schedule}. */
class ConsoleStartTest {

    @RegisterExtension
    static final ResumerEnvironment env = new ResumerEnvironment();

    @Test
    void aNonLoopbackAddressWithoutSignInIsRefusedInOneLine(@TempDir Path tomcat) {
        CliRun refused = env.cli("console", "--server.address=0.0.0.0", "--server.port=0",
                "--server.tomcat.basedir=" + tomcat);
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err().strip()).doesNotContain("\n").startsWith("report-resumer: Configuration error: "
                + "the console is bound to 0.0.0.0, not loopback, without sign-in");
    }

    @Test
    void withoutSignInOnLoopbackItIsReadOnly() throws Exception {
        try (RunningConsole console = RunningConsole.start(env, RunningConsole.freePort())) {
            Browserless local = new Browserless(false);
            HttpResponse<String> runs = local.get(console.url("/"));
            assertThat(runs.statusCode()).isEqualTo(200);
            assertThat(runs.body()).contains("<h1>Runs</h1>").contains("local viewer · viewer")
                    .doesNotContain("Sign out");
            assertThat(local.get(console.url("/actions/rerun-failed")).statusCode()).isEqualTo(403);
            assertThat(local.post(console.url("/actions/rerun-failed"), java.util.Map.of()).statusCode())
                    .isEqualTo(403);
        }
        assertThat(env.requests().count("SELECT count(*) FROM console_action")).isZero();
    }

    @Test
    void aPasswordHashThatIsNoBcryptHashIsRefusedWithoutShowingIt(@TempDir Path tomcat) {
        CliRun refused = env.cli("console", "--server.port=0", "--server.tomcat.basedir=" + tomcat,
                EnvVar.of("RESUMER_CONSOLE_USERS_0_NAME", "olivia"),
                EnvVar.of("RESUMER_CONSOLE_USERS_0_PASSWORDHASH", "hunter2"),
                EnvVar.of("RESUMER_CONSOLE_USERS_0_ROLE", "OPERATOR"));
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("resumer.console.users[0].password-hash is not a BCrypt hash")
                .doesNotContain("hunter2");
    }

    @Test
    void scheduleServesTheConsoleBesideHealthAndMetrics() throws Exception {
        int port = RunningConsole.freePort();
        CliRun.Running schedule = CliRun.start(env.args("schedule", "--resumer.schedule.cron=0 0 2 * * *",
                "--server.port=" + port, "--server.tomcat.basedir=" + Path.of("target", "schedule-console-tomcat")
                        .toAbsolutePath(),
                EnvVar.of("RESUMER_CONSOLE_USERS_0_NAME", "olivia"),
                EnvVar.of("RESUMER_CONSOLE_USERS_0_PASSWORDHASH", new org.springframework.security.crypto.bcrypt
                        .BCryptPasswordEncoder(4).encode(RunningConsole.PASSWORD)),
                EnvVar.of("RESUMER_CONSOLE_USERS_0_ROLE", "OPERATOR")));
        try {
            Browserless person = new Browserless(false);
            String base = "http://127.0.0.1:" + port;
            HttpResponse<String> health = null;
            for (int i = 0; i < 600 && health == null; i++) {
                try {
                    health = person.get(base + "/actuator/health");
                }
                catch (java.io.IOException notYet) {
                    Thread.sleep(100);
                }
            }
            assertThat(health).isNotNull();
            assertThat(health.body()).contains("UP");
            assertThat(person.get(base + "/").headers().firstValue("Location")).hasValue(base + "/login");
            Browserless olivia = new Browserless(true);
            String home = olivia.post(base + "/login", java.util.Map.of("username", "olivia", "password",
                    RunningConsole.PASSWORD, "_csrf", Browserless.csrf(olivia.get(base + "/login").body()))).body();
            assertThat(home).contains("<h1>Runs</h1>").contains("olivia · operator");
        }
        finally {
            CliRun stopped = schedule.stop();
            assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
        }
    }
}
