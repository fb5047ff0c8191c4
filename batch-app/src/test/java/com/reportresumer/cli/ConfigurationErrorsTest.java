package com.reportresumer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.ForkedApp;
import com.reportresumer.testsupport.PartnerCenterStandIn;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad configuration and usage: one line on standard error saying what is wrong, the documented exit code. */
class ConfigurationErrorsTest {

    /**
     * One database and stand-in for the class: no command here gets as far as changing anything but an execution of
     * an empty queue. The API's settings are checked by the commands that boot the whole application (`run`); a
     * command of the database only (`runs`) never reads them.
     */
    @RegisterExtension
    static final ResumerEnvironment env = new ResumerEnvironment().withApi(api -> api.resumesEverything(0));

    private static CliRun run(String... overrides) {
        return env.cli("run", overrides);
    }

    private static void assertOneLine(CliRun result, int exitCode, String... mentions) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
        assertThat(result.err().lines().toList()).as(result.toString()).hasSize(1);
        assertThat(result.err()).startsWith("report-resumer: ").contains(mentions).doesNotContain("\tat ")
                .doesNotContain(PartnerCenterStandIn.CLIENT_SECRET);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void noDatasourceIsAConfigurationError() {
        assertOneLine(CliRun.of(CliRun.line("run", List.of(env.api().springArgs()))), 2, "spring.datasource.url");
    }

    @Test
    void plainHttpToANonLoopbackHostIsRefused() {
        assertOneLine(run("--resumer.partner-center.base-url=http://api.partnercenter.example.com"), 2,
                "plain http", "api.partnercenter.example.com");
    }

    @Test
    void plainHttpIsOnlyForLiteralLoopbackAddresses() {
        for (String url : List.of("http://cafe/", "http://127.0.0.1.evil/", "http://127.1/", "http://2130706433/",
                "http://[::ffff:7f00:1]/", "http://localhost.evil/")) {
            assertOneLine(run("--resumer.partner-center.base-url=" + url), 2, "resumer.partner-center.base-url");
        }
        for (String url : List.of("http://[::1]:8080", "http://127.0.0.2", "http://LOCALHOST:8080/")) {
            CliRun accepted = env.cli("run", "--resumer.partner-center.base-url=" + url);
            assertThat(accepted.exitCode()).as(url + ": " + accepted).isZero();
        }
    }

    @Test
    void aHostNameIsNeverResolvedToDecideWhetherItIsLoopback(@TempDir Path dir) throws Exception {
        // this JVM's resolver reads a hosts file in which the hex-letter name "cafe" is 127.0.0.1
        Path hosts = dir.resolve("cafe-is-loopback");
        Files.writeString(hosts, "127.0.0.1 localhost cafe\n::1 localhost\n");
        ForkedApp app = ForkedApp.start(List.of("-Djdk.net.hosts.file=" + hosts.toAbsolutePath()), "run",
                env.properties("--resumer.partner-center.base-url=http://cafe:" + env.api().port()));

        boolean ended = app.process().waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            app.process().destroyForcibly().waitFor();
        }
        assertThat(ended).isTrue();
        assertThat(app.process().exitValue()).as(app.err()).isEqualTo(2);
        assertThat(app.err().lines().filter(l -> l.startsWith("report-resumer: "))).singleElement().asString()
                .contains("plain http", "cafe");
    }

    @ParameterizedTest(name = "{0}={1}: {2}")
    @CsvSource({ "base-url, https://u:p@host, user info, u:p",
            "base-url, https://host/?x=1, query, ",
            "base-url, https://host/#f, fragment, ",
            "token-url, https://admin:pw-SECRET@login.example/t/oauth2/token, user info, pw-SECRET",
            "token-url, https://login.example/t/oauth2/token?x=1, query, ",
            "token-url, https://login.example/t/oauth2/token#f, fragment, " })
    void userInfoQueriesAndFragmentsAreRefusedInTheApiAndTokenUrls(String property, String url, String refused,
            String neverShown) {
        String name = "resumer.partner-center." + property;
        CliRun result = run("--" + name + "=" + url);
        assertOneLine(result, 2, name, refused);
        if (neverShown != null) {
            assertThat(result.err()).doesNotContain(neverShown);
        }
    }

    @Test
    void aNegativeChunkSizeIsRefused() {
        assertOneLine(run("--resumer.job.chunk-size=-5"), 2, "resumer.job.chunk-size", "-5");
    }

    @Test
    void anUnreadableDurationIsRefused() {
        assertOneLine(run("--resumer.partner-center.read-timeout=soon"), 2, "read-timeout");
    }

    @Test
    void missingCredentialsAreRefusedBeforeAnythingIsSent() {
        List<String> props = new ArrayList<>(List.of(env.db().springArgs()));
        props.add("--resumer.partner-center.base-url=" + env.api().baseUrl());
        assertOneLine(CliRun.of(CliRun.line("run", props)), 2, "credentials are missing",
                "RESUMER_PARTNERCENTER_CLIENTID");
    }

    @Test
    void aWrongDatabasePasswordIsAConfigurationError() {
        // the embedded server trusts local connections; a role that does not exist is refused the same way
        assertOneLine(run("--spring.datasource.username=nobody"), 2, "database refused");
    }

    @Test
    void anUnreachableDatabaseFailsWithExit1() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertOneLine(run("--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + closedPort + "/x"), 1,
                "Cannot reach the database");
    }

    @Test
    void usageErrorsExit2AndHelpExits0() {
        CliRun unknown = CliRun.of("frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("frobnicate");
        CliRun none = CliRun.of();
        assertThat(none.exitCode()).isEqualTo(2);
        CliRun help = CliRun.of("run", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("PENDING");
        assertThat(CliRun.of("--help").out()).contains("run", "restart", "Exit codes");
    }
}
