package com.reportresumer.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.sandbox.RecordedRequest;
import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.EnvVar;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secrets come from the environment or from files, never from the command line: every relaxed spelling of a secret
 * property given as an argument is refused with one line naming the variable to use (exit 2), before anything
 * connects anywhere; {@code *_FILE} variables and Spring Boot's {@code configtree:} import are read.
 */
class SecretSourcesTest {

    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment().withApi(api -> api.resumesEverything(0));

    /** The database and the API, without the client secret. */
    private List<String> withoutClientSecret(String... more) {
        List<String> props = new ArrayList<>(List.of(env.db().springArgs()));
        for (String arg : env.api().springArgs()) {
            if (!arg.contains("CLIENTSECRET")) {
                props.add(arg);
            }
        }
        props.addAll(List.of(more));
        return CliRun.line("run", props);
    }

    @ParameterizedTest
    @ValueSource(strings = { "--resumer.partner-center.client-secret=cli-SECRET",
            "--resumer.partnerCenter.clientSecret=cli-SECRET", "--RESUMER_PARTNERCENTER_CLIENTSECRET=cli-SECRET",
            "--resumer.partner-center.password=cli-SECRET", "--resumer.partner-center.access-token=cli-SECRET",
            "--spring.datasource.password=cli-SECRET", "--spring.flyway.password=cli-SECRET",
            "--spring.datasource.url=jdbc:postgresql://db/resumer?user=app&password=cli-SECRET" })
    void aSecretOnTheCommandLineIsRefusedWithTheVariableToUseInstead(String argument) {
        env.requests().flag(UUID.randomUUID().toString());

        CliRun result = CliRun.of(withoutClientSecret(argument));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err().lines().toList()).as(result.toString()).hasSize(1);
        assertThat(result.err()).startsWith("report-resumer: Configuration error: ")
                .contains("given as an argument").containsPattern("set [A-Z_]+, or [A-Z_]+_FILE")
                .doesNotContain("cli-SECRET");
        assertThat(result.out()).isEmpty();
        assertThat(env.api().allUrls()).as("nothing was sent").isEmpty();
    }

    /** {@code --name value}: picocli would answer "Unknown options: ..., 'the-secret'", printing it back. */
    @ParameterizedTest
    @ValueSource(strings = { "--spring.datasource.password", "--resumer.partner-center.client-secret" })
    void aSecretGivenAsTheNextWordIsRefusedAndNeverPrintedBack(String option) {
        CliRun result = CliRun.of(List.of("runs", option, "cli-SECRET"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).startsWith("report-resumer: Configuration error: ").contains("given as an argument");
        assertThat(result.out() + result.err()).doesNotContain("cli-SECRET");
    }

    @Test
    void theClientSecretIsReadFromTheFileThatAFileVariableNames(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("client-secret");
        Files.writeString(secret, "from-FILE-secret\n");
        env.requests().flag(UUID.randomUUID().toString());

        CliRun result = CliRun.of(withoutClientSecret(EnvVar.of("RESUMER_PARTNERCENTER_CLIENTSECRET_FILE",
                secret.toString())));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(tokenRequestBodies()).singleElement().asString()
                .contains("client_secret=from-FILE-secret&");
        assertThat(result.out() + result.err()).doesNotContain("from-FILE-secret");
    }

    @Test
    void aConfigTreeImportReadsSecretsNamedAfterTheirProperty(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("resumer.partner-center.client-secret"), "from-TREE-secret");
        env.requests().flag(UUID.randomUUID().toString());

        CliRun result = CliRun.of(withoutClientSecret("--spring.config.import=configtree:" + dir + "/"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(tokenRequestBodies()).singleElement().asString().contains("client_secret=from-TREE-secret");
    }

    @Test
    void aMissingSecretFileOrASecretSetTwiceIsOneLine(@TempDir Path dir) throws Exception {
        CliRun missing = CliRun.of(withoutClientSecret(EnvVar.of("RESUMER_PARTNERCENTER_CLIENTSECRET_FILE",
                dir.resolve("absent").toString())));
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(2);
        assertThat(missing.err().lines().toList()).as(missing.toString()).singleElement().asString()
                .contains("RESUMER_PARTNERCENTER_CLIENTSECRET_FILE names").contains("not a readable file");

        Path secret = Files.writeString(dir.resolve("s"), "x-secret");
        CliRun twice = CliRun.of(withoutClientSecret(EnvVar.of("RESUMER_PARTNERCENTER_CLIENTSECRET", "y-secret"),
                EnvVar.of("RESUMER_PARTNERCENTER_CLIENTSECRET_FILE", secret.toString())));
        assertThat(twice.exitCode()).as(twice.toString()).isEqualTo(2);
        assertThat(twice.err()).contains("both RESUMER_PARTNERCENTER_CLIENTSECRET and "
                + "RESUMER_PARTNERCENTER_CLIENTSECRET_FILE are set");
        assertThat(env.api().allUrls()).isEmpty();
    }

    private List<String> tokenRequestBodies() {
        return env.api().journal().tokenRequests().stream().map(RecordedRequest::body).toList();
    }
}
