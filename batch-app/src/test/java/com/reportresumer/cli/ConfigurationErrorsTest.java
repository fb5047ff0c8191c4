package com.reportresumer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.FakePartnerCenter;
import com.reportresumer.testsupport.TestDatabases;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad configuration and usage: one line on standard error saying what is wrong, the documented exit code. */
class ConfigurationErrorsTest {

    private static FakePartnerCenter api;
    private static TestDatabases.Database db;

    @BeforeAll
    static void setUp() {
        api = new FakePartnerCenter().issuesTokens().resumesEverything(0);
        db = TestDatabases.fresh();
    }

    @AfterAll
    static void tearDown() {
        api.close();
    }

    private static CliRun run(String... overrides) {
        List<String> props = new ArrayList<>(List.of(db.springArgs()));
        props.addAll(List.of(api.springArgs()));
        props.addAll(List.of(overrides));
        return CliRun.of(CliRun.line("run", props));
    }

    private static void assertOneLine(CliRun result, int exitCode, String... mentions) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
        assertThat(result.err().lines().toList()).as(result.toString()).hasSize(1);
        assertThat(result.err()).startsWith("report-resumer: ").contains(mentions).doesNotContain("\tat ")
                .doesNotContain(FakePartnerCenter.CLIENT_SECRET);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void noDatasourceIsAConfigurationError() {
        List<String> props = new ArrayList<>(List.of(api.springArgs()));
        assertOneLine(CliRun.of(CliRun.line("run", props)), 2, "spring.datasource.url");
    }

    @Test
    void plainHttpToANonLoopbackHostIsRefused() {
        assertOneLine(run("--resumer.partner-center.base-url=http://api.partnercenter.example.com"), 2,
                "plain http", "api.partnercenter.example.com");
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
        List<String> props = new ArrayList<>(List.of(db.springArgs()));
        props.add("--resumer.partner-center.base-url=" + api.baseUrl());
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
