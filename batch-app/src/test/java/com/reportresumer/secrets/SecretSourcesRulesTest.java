package com.reportresumer.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.reportresumer.partnercenter.InvalidConfigurationException;
import com.reportresumer.testsupport.UnitTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SecretSources} without a process: which arguments are refused, and how {@code *_FILE} is read. */
@UnitTest
class SecretSourcesRulesTest {

    @TempDir
    Path dir;

    private static void refuse(String... arguments) {
        SecretSources.refuseOnCommandLine(List.of(arguments), new Properties());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--resumer.partner-center.client-secret=v1a-SECRET | RESUMER_PARTNERCENTER_CLIENTSECRET",
            "--resumer.partnerCenter.clientSecret=v1a-SECRET | RESUMER_PARTNERCENTER_CLIENTSECRET",
            "--resumer.partner_center.client_secret=v1a-SECRET | RESUMER_PARTNERCENTER_CLIENTSECRET",
            "--RESUMER_PARTNERCENTER_CLIENTSECRET=v1a-SECRET | RESUMER_PARTNERCENTER_CLIENTSECRET",
            "--Resumer.Partner-Center.Client-Secret=v1a-SECRET | RESUMER_PARTNERCENTER_CLIENTSECRET",
            "resumer.partner-center.client-secret=v1a-SECRET | RESUMER_PARTNERCENTER_CLIENTSECRET",
            "--resumer.partner-center.client-secret | RESUMER_PARTNERCENTER_CLIENTSECRET",
            "--resumer.partner-center.password=v1a-SECRET | RESUMER_PARTNERCENTER_PASSWORD",
            "--resumer.partner-center.access-token=v1a-SECRET | RESUMER_PARTNERCENTER_ACCESSTOKEN",
            "--spring.datasource.password=v1a-SECRET | SPRING_DATASOURCE_PASSWORD",
            "--spring.flyway.password=v1a-SECRET | SPRING_FLYWAY_PASSWORD" })
    void aSecretArgumentInAnySpellingIsRefusedNamingTheVariables(String argument, String variable) {
        assertThatThrownBy(() -> refuse("--resumer.job.concurrency=4", argument))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("must not be given as an argument, where any local user can read it: set "
                        + variable + ", or " + variable + "_FILE to a file that holds it")
                .message().doesNotContain("v1a-SECRET");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--spring.security.oauth2.client.registration.entra.client-secret=v1a-SECRET | SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_ENTRA_CLIENTSECRET",
            "--spring.security.oauth2.client.registration.okta.clientSecret=v1a-SECRET | SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_OKTA_CLIENTSECRET",
            "--resumer.console.users[0].password-hash=v1a-SECRET | RESUMER_CONSOLE_USERS_0_PASSWORDHASH",
            "--resumer.console.users[12].passwordHash=v1a-SECRET | RESUMER_CONSOLE_USERS_12_PASSWORDHASH" })
    void aSecretNamedByTheUserIsRefusedToo(String argument, String variable) {
        assertThatThrownBy(() -> refuse(argument)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("must not be given as an argument, where any local user can read it: set "
                        + variable + " in the environment, or import it from a file with spring.config.import="
                        + "configtree:DIR/")
                .message().doesNotContain("v1a-SECRET");
    }

    @Test
    void aSecretSystemPropertyIsRefused() {
        Properties system = new Properties();
        system.setProperty("java.version", "17");
        system.setProperty("spring.datasource.password", "v1a-SECRET");
        assertThatThrownBy(() -> SecretSources.refuseOnCommandLine(List.of(), system))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("spring.datasource.password must not be given as a system property (-D)")
                .message().doesNotContain("v1a-SECRET");
    }

    @ParameterizedTest
    @ValueSource(strings = { "jdbc:postgresql://db/resumer?user=app&password=v1a-SECRET",
            "jdbc:postgresql://db/resumer?password=v1a-SECRET", "jdbc:postgresql://db/resumer?ssl=true&PASSWORD=v",
            "jdbc:sqlserver://db;password=v1a-SECRET" })
    void aJdbcUrlWithAPasswordIsRefused(String url) {
        assertThatThrownBy(() -> refuse("--spring.datasource.url=" + url))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("spring.datasource.url must not carry a password when given as an argument")
                .message().doesNotContain("v1a-SECRET");
    }

    /** Any property named as a secret is (a pool's, a key store's, another library's): the rule is the name's. */
    @ParameterizedTest
    @ValueSource(strings = { "--spring.datasource.hikari.password=v1a-SECRET",
            "--spring.datasource.hikari.data-source-properties.password=v1a-SECRET",
            "--server.ssl.key-store-password=v1a-SECRET", "--spring.security.user.password=v1a-SECRET",
            "--some.library.api-secret=v1a-SECRET", "--SPRING_DATASOURCE_HIKARI_PASSWORD=v1a-SECRET",
            "--some.library.passphrase=v1a-SECRET" })
    void aPropertyNamedAsASecretIsRefusedWhateverItBelongsTo(String argument) {
        String name = argument.substring(2, argument.indexOf('='));
        assertThatThrownBy(() -> refuse(argument)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(name + " is named as a secret and must not be given as an argument, where any "
                        + "local user can read it: set " + SecretSources.variableOf(name) + " in the environment, or "
                        + "import it from a file with spring.config.import=configtree:DIR/")
                .message().doesNotContain("v1a-SECRET");
    }

    /** Spring Boot reads {@code spring.application.json} from the arguments too: it can carry any property. */
    @ParameterizedTest
    @ValueSource(strings = { "--spring.application.json={\"spring\":{\"datasource\":{\"password\":\"v1a-SECRET\"}}}",
            "--SPRING_APPLICATION_JSON={}", "--spring.application.json" })
    void propertiesAsJsonAreRefusedOnTheCommandLine(String argument) {
        assertThatThrownBy(() -> refuse(argument)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("spring.application.json must not be given as an argument, where any local "
                        + "user can read it (it can carry any property, secrets among them): set "
                        + "SPRING_APPLICATION_JSON in the environment, or give the properties in a file")
                .message().doesNotContain("v1a-SECRET");
        Properties system = new Properties();
        system.setProperty("spring.application.json", "{}");
        assertThatThrownBy(() -> SecretSources.refuseOnCommandLine(List.of(), system))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("spring.application.json must not be given as a system property (-D)");
    }

    /** Any URL's password, not only the application's datasource's: Flyway's, a pool's. */
    @ParameterizedTest
    @ValueSource(strings = { "--spring.flyway.url=jdbc:postgresql://h/db?password=v1a-SECRET",
            "--spring.datasource.hikari.jdbc-url=jdbc:postgresql://h/db?user=a&password=v1a-SECRET" })
    void anyUrlWithAPasswordIsRefused(String argument) {
        String name = argument.substring(2, argument.indexOf('='));
        assertThatThrownBy(() -> refuse(argument)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(name + " must not carry a password when given as an argument")
                .message().doesNotContain("v1a-SECRET");
    }

    @Test
    void theSecretsOfAnyPropertyNamedAsOneAndOfAnyUrlAreRedacted() {
        assertThat(SecretSources.secretIn("spring.datasource.hikari.password", "h1kari-pw-SECRET"))
                .isEqualTo("h1kari-pw-SECRET");
        assertThat(SecretSources.secretIn("SPRING_DATASOURCE_URL", "jdbc:postgresql://h/db?user=a&password=url-pw-SECRET&ssl=true"))
                .isEqualTo("url-pw-SECRET");
        assertThat(SecretSources.secretIn("spring.datasource.url", "jdbc:postgresql://h/db?user=a")).isNull();
        assertThat(SecretSources.secretIn("resumer.job.concurrency", "8")).isNull();
        assertThat(SecretSources.secretIn("spring.flyway.url", "jdbc:postgresql://h/db?password=f-SECRET"))
                .isEqualTo("f-SECRET");
        assertThat(SecretSources.isTheApplications("RESUMER_CONSOLE_USERS_0_PASSWORDHASH")).isTrue();
        assertThat(SecretSources.isTheApplications("spring.datasource.hikari.password")).isTrue();
        assertThat(SecretSources.isTheApplications("POSTGRES_PASSWORD")).isFalse();
        // a logger's level names a logger, whatever its name ends with: its value is a level, no secret
        assertThat(SecretSources.secretIn("logging.level.org.springframework.security.crypto.password", "DEBUG"))
                .isNull();
        assertThatCode(() -> refuse("--logging.level.org.springframework.security.crypto.password=DEBUG"))
                .doesNotThrowAnyException();
    }

    @Test
    void ordinaryArgumentsPass() {
        assertThatCode(() -> refuse("--resumer.partner-center.client-id=abc", "--spring.datasource.username=app",
                "--spring.datasource.url=jdbc:postgresql://db/resumer?user=app&passwordless=1",
                "--resumer.partner-center.client-secret-file-hint=x", "--", "")).doesNotThrowAnyException();
        assertThatCode(() -> SecretSources.refuseOnCommandLine(List.of(), System.getProperties()))
                .doesNotThrowAnyException();
    }

    @Test
    void aFileVariableIsReadWithoutItsTrailingNewlineAndRegistered() throws IOException {
        Path file = Files.writeString(dir.resolve("client-secret"), "f1le-only-in-SecretSourcesRulesTest  \r\n\n");
        Map<String, Object> properties = SecretSources.fromFiles(Map.of("RESUMER_PARTNERCENTER_CLIENTSECRET_FILE",
                " " + file + " ", "PATH", "/usr/bin"));
        assertThat(properties).containsExactly(
                Map.entry("resumer.partner-center.client-secret", "f1le-only-in-SecretSourcesRulesTest  "));
        assertThat(Secrets.appearIn("x f1le-only-in-SecretSourcesRulesTest y")).isTrue();
    }

    @Test
    void noFileVariablesNoProperties() {
        assertThat(SecretSources.fromFiles(Map.of("SPRING_DATASOURCE_PASSWORD", "x", "SPRING_FLYWAY_PASSWORD_FILE",
                "  "))).isEmpty();
    }

    private void refusedFile(Map<String, String> environment, String message) {
        assertThatThrownBy(() -> SecretSources.fromFiles(environment)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage(message);
    }

    @Test
    void aMissingFileOrADirectoryIsNotReadable() {
        Path absent = dir.resolve("absent");
        refusedFile(Map.of("SPRING_DATASOURCE_PASSWORD_FILE", absent.toString()),
                "SPRING_DATASOURCE_PASSWORD_FILE names " + absent + ", which is not a readable file");
        refusedFile(Map.of("SPRING_DATASOURCE_PASSWORD_FILE", dir.toString()),
                "SPRING_DATASOURCE_PASSWORD_FILE names " + dir + ", which is not a readable file");
    }

    @Test
    void anEmptyOrOversizedFileIsRefused() throws IOException {
        for (String empty : new String[] { "", "\n", "\r\n\r\n", "   " }) {
            Path file = Files.writeString(dir.resolve("empty"), empty);
            refusedFile(Map.of("SPRING_FLYWAY_PASSWORD_FILE", file.toString()),
                    "SPRING_FLYWAY_PASSWORD_FILE names " + file + ", which is empty");
        }
        Path big = Files.writeString(dir.resolve("bundle.pem"), "x".repeat(SecretSources.MAX_FILE_BYTES + 1));
        refusedFile(Map.of("RESUMER_PARTNERCENTER_PASSWORD_FILE", big.toString()),
                "RESUMER_PARTNERCENTER_PASSWORD_FILE names " + big + ", which is larger than 64 KiB: not a secret");
        Path limit = Files.writeString(dir.resolve("limit"), "y".repeat(SecretSources.MAX_FILE_BYTES));
        assertThat(SecretSources.fromFiles(Map.of("RESUMER_PARTNERCENTER_PASSWORD_FILE", limit.toString())))
                .hasSize(1);
    }

    @Test
    void aSecretSetBothWaysIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("s"), "both-ways-secret");
        refusedFile(Map.of("RESUMER_PARTNERCENTER_ACCESSTOKEN", "", "RESUMER_PARTNERCENTER_ACCESSTOKEN_FILE",
                file.toString()), "both RESUMER_PARTNERCENTER_ACCESSTOKEN and RESUMER_PARTNERCENTER_ACCESSTOKEN_FILE "
                + "are set: keep one");
    }
}
