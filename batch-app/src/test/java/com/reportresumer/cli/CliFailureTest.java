package com.reportresumer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.partnercenter.InvalidConfigurationException;
import com.reportresumer.partnercenter.PartnerCenterException;
import com.reportresumer.resume.ResumeJobProperties;
import com.reportresumer.resume.ResumeRuns;
import com.reportresumer.testsupport.UnitTest;
import jakarta.validation.Validation;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/** {@link CliFailure#of}: every failure a command can end with, its exit code and its one line. */
@UnitTest
class CliFailureTest {

    /** The exceptions of ResumeRuns have package-private constructors: reached here without changing them. */
    private static <T extends Throwable> T construct(Class<T> type, String message) {
        try {
            Constructor<T> constructor = type.getDeclaredConstructor(String.class);
            constructor.setAccessible(true);
            return constructor.newInstance(message);
        }
        catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** A real failure of Spring Boot's binder: resumer.job bound from {@code properties} with validation. */
    private static RuntimeException bindFailure(Map<String, String> properties) {
        Binder binder = new Binder(new MapConfigurationPropertySource(properties));
        try {
            binder.bind("resumer.job", Bindable.of(ResumeJobProperties.class), new ValidationBindHandler(
                    new SpringValidatorAdapter(Validation.buildDefaultValidatorFactory().getValidator())));
        }
        catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("bound " + properties);
    }

    @Test
    void anotherRunningExecutionIsFour() {
        RuntimeException running = construct(ResumeRuns.AlreadyRunningException.class, "execution 3 is still running");
        assertThat(CliFailure.of(running)).isEqualTo(new CliFailure(4, "execution 3 is still running"));
        assertThat(CliFailure.of(new IllegalStateException("wrapped", running)).exitCode()).isEqualTo(4);
    }

    @Test
    void notRestartableAndUsageAreTwoWithTheirMessage() {
        assertThat(CliFailure.of(construct(ResumeRuns.NotRestartableException.class, "execution 9 is COMPLETED")))
                .isEqualTo(new CliFailure(2, "execution 9 is COMPLETED"));
        assertThat(CliFailure.of(new UsageException("--since: cannot read 'x'")))
                .isEqualTo(new CliFailure(2, "--since: cannot read 'x'"));
        assertThat(CliFailure.of(new RuntimeException(new UsageException("deep")))).isEqualTo(new CliFailure(2, "deep"));
    }

    @Test
    void invalidConfigurationIsTwo() {
        assertThat(CliFailure.of(new IllegalStateException("context failed",
                new InvalidConfigurationException("resumer.job.lease must be at least 1s (was PT0.5S)"))))
                .isEqualTo(new CliFailure(2, "Configuration error: resumer.job.lease must be at least 1s (was PT0.5S)"));
    }

    @Test
    void aValueThatFailsValidationIsTwoWithThePropertyInKebabCase() {
        CliFailure failure = CliFailure.of(bindFailure(Map.of("resumer.job.chunk-size", "0")));
        assertThat(failure.exitCode()).isEqualTo(2);
        assertThat(failure.message()).startsWith("Configuration error: resumer.job.chunk-size ")
                .endsWith(" (was 0)");
    }

    @Test
    void aValueThatCannotBeReadIsTwo() {
        CliFailure failure = CliFailure.of(bindFailure(Map.of("resumer.job.concurrency", "many")));
        assertThat(failure.exitCode()).isEqualTo(2);
        assertThat(failure.message()).startsWith("Configuration error: cannot read resumer.job").contains("many");
    }

    @Test
    void partnerCenterIsOne() {
        assertThat(CliFailure.of(new RuntimeException(new PartnerCenterException.CredentialsRejected(401,
                "the token endpoint refused the credentials"))))
                .isEqualTo(new CliFailure(1, "Partner Center: the token endpoint refused the credentials"));
        assertThat(CliFailure.of(new PartnerCenterException.Transient(503, "HTTP 503", null, null)))
                .isEqualTo(new CliFailure(1, "Partner Center: HTTP 503"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "28000", "28P01", "3D000" })
    void credentialsOrADatabaseNameTheServerRefusesAreTwo(String state) {
        SQLException refused = new SQLException("FATAL: password authentication failed for user \"app\"", state);
        assertThat(CliFailure.of(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", refused)))
                .isEqualTo(new CliFailure(2, "Configuration error: the database refused the connection: "
                        + "FATAL: password authentication failed for user \"app\""));
    }

    @Test
    void aConnectExceptionInTheChainIsOneWithItsMessage() {
        SQLException sql = new SQLException("Connection to localhost:5432 refused", "08001",
                new ConnectException("Connection refused"));
        CliFailure failure = CliFailure.of(new CannotGetJdbcConnectionException("Failed to obtain", sql));
        assertThat(failure).isEqualTo(new CliFailure(1, "Cannot reach the database (Connection refused): nothing "
                + "half-written is kept; once it is back, `restart` continues an interrupted run"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "08000", "08003", "08006", "57P01", "57P02", "57P03" })
    void aLostConnectionIsOne(String state) {
        CliFailure failure = CliFailure.of(new DataAccessResourceFailureException("x",
                new SQLException("terminating connection due to administrator command", state)));
        assertThat(failure).isEqualTo(new CliFailure(1, "Lost the database connection (terminating connection due "
                + "to administrator command): nothing half-written is kept; `restart` continues once the database "
                + "is back"));
    }

    @Test
    void anyOtherDatabaseErrorIsOne() {
        assertThat(CliFailure.of(new SQLException("relation \"resume_request\" does not exist", "42P01")))
                .isEqualTo(new CliFailure(1, "Database error: relation \"resume_request\" does not exist"));
        assertThat(CliFailure.of(new SQLException("no state at all"))).isEqualTo(new CliFailure(1,
                "Database error: no state at all"));
    }

    @Test
    void noDatasourceIsTwo() {
        CliFailure failure = CliFailure.of(new IllegalStateException("Failed to determine a suitable driver class"));
        assertThat(failure.exitCode()).isEqualTo(2);
        assertThat(failure.message()).startsWith("Configuration error: no database configured: set "
                + "spring.datasource.url");
    }

    @Test
    void anythingElseIsAnUnexpectedErrorNamedAfterItsRootCause() {
        assertThat(CliFailure.of(new IllegalStateException("boom")))
                .isEqualTo(new CliFailure(1, "Unexpected error: IllegalStateException: boom"));
        assertThat(CliFailure.of(new RuntimeException("outer", new IOException("disk full"))))
                .isEqualTo(new CliFailure(1, "Unexpected error: IOException: disk full"));
        assertThat(CliFailure.of(new NullPointerException()))
                .isEqualTo(new CliFailure(1, "Unexpected error: NullPointerException"));
    }

    @Test
    void aCauseCycleEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(CliFailure.of(a).exitCode()).isEqualTo(1);
    }

    @Test
    void theMessageIsOneSafeLine() {
        assertThat(CliFailure.of(new UsageException("line one\r\nline two\u001B[2J\u202E")).message())
                .isEqualTo("line one line two [2J");
    }

    @Test
    void aCommandThatDoesNotRunTheJobIsToldWhatToCheckNotToRestart() {
        SQLException refused = new SQLException("The connection attempt failed.", "08001",
                new ConnectException("Connection refused"));
        CliFailure failure = CliFailure.of(new CannotGetJdbcConnectionException("no connection", refused), false);
        assertThat(failure.exitCode()).isEqualTo(1);
        assertThat(failure.message()).startsWith("Cannot reach the database (Connection refused): check that "
                + "PostgreSQL is up").doesNotContain("restart");
        SQLException lost = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        assertThat(CliFailure.of(lost, false).message()).doesNotContain("restart").contains("then try again");
        assertThat(CliFailure.of(lost, true).message()).contains("`restart` continues");
    }

    @Test
    void aDatasourceUrlThatIsNotJdbcIsAConfigurationErrorThatNeverQuotesTheUrl() {
        CliFailure failure = CliFailure.of(new IllegalStateException("Failed to instantiate [javax.sql.DataSource]",
                new IllegalArgumentException("'url' must start with \"jdbc\"")));
        assertThat(failure.exitCode()).isEqualTo(2);
        assertThat(failure.message()).startsWith("Configuration error: spring.datasource.url must be a JDBC URL");
    }
}
