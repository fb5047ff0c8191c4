package com.reportresumer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.reportresumer.partnercenter.InvalidConfigurationException;
import com.reportresumer.testsupport.UnitTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/** A {@code resumer.*} argument names one of the application's properties, in any spelling, or is refused. */
@UnitTest
class KnownPropertiesTest {

    @Test
    void everyPropertyOfTheRecordsIsKnownInEverySpellingSpringBinds() {
        assertThat(KnownProperties.names()).contains("resumer.job.rate-limit", "resumer.job.backoff.initial",
                "resumer.partner-center.read-timeout", "resumer.schedule.takeover-after", "resumer.notify.exit-wait",
                "resumer.console.users[0].password-hash", "resumer.console.oidc.operators",
                "resumer.console.oidc.operators[0]").hasSizeGreaterThan(30);
        assertThatCode(() -> KnownProperties.refuseUnknown(KnownProperties.names().stream()
                .map(name -> "--" + name + "=1").toList())).doesNotThrowAnyException();
        assertThatCode(() -> KnownProperties.refuseUnknown(List.of("--resumer.job.rateLimit=5",
                "--resumer.job.rate_limit=5", "--resumer.console.users[12].name=olga",
                "--resumer.partnerCenter.readTimeout=2s"))).doesNotThrowAnyException();
    }

    /** Spring binds an environment variable's spelling from the environment alone: as an argument it is dropped. */
    @Test
    void anEnvironmentVariablesSpellingIsRefusedAsAnArgumentNamingTheProperty() {
        assertThatThrownBy(() -> KnownProperties.refuseUnknown(List.of("--RESUMER_JOB_RATELIMIT=5")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("RESUMER_JOB_RATELIMIT is an environment variable's name, which Spring does not read from "
                        + "the command line: give --resumer.job.rate-limit=…, or set RESUMER_JOB_RATELIMIT in the "
                        + "environment");
        assertThatThrownBy(() -> KnownProperties.refuseUnknown(List.of("--RESUMER_CONSOLE_USERS_3_ROLE=VIEWER")))
                .hasMessageContaining("give --resumer.console.users[0].role=…");
    }

    @ParameterizedTest
    @CsvSource({ "--resumer.job.rate-limt=1, resumer.job.rate-limt, resumer.job.rate-limit",
            "--resumer.job.concurency=16, resumer.job.concurency, resumer.job.concurrency",
            "--resumer.jobs.chunk-size=10, resumer.jobs.chunk-size, resumer.job.chunk-size",
            "--resumer.partner-center.readtimeout-ms=2, resumer.partner-center.readtimeout-ms, "
                    + "resumer.partner-center.read-timeout" })
    void aMistypedPropertyIsRefusedWithTheClosestName(String argument, String typed, String closest) {
        assertThatThrownBy(() -> KnownProperties.refuseUnknown(List.of("--limit=5", argument)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("unknown property " + typed + " (did you mean " + closest + "?): report-resumer has no "
                        + "property of that name");
    }

    @Test
    void aNameNothingIsCloseToIsRefusedWithoutASuggestion() {
        assertThatThrownBy(() -> KnownProperties.refuseUnknown(List.of("--resumer.frobnicate=yes")))
                .hasMessage("unknown property resumer.frobnicate: report-resumer has no property of that name");
    }

    @Test
    void otherArgumentsAreNotItsBusiness() {
        assertThatCode(() -> KnownProperties.refuseUnknown(List.of("--limit=5", "--format=json", "--debug",
                "--spring.datasource.url=jdbc:postgresql://db/x", "--server.port=8081", "--logging.level.root=INFO")))
                .doesNotThrowAnyException();
    }

    /** Every {@code @ConfigurationProperties} class of the application is among those whose names are known. */
    @Test
    void theRecordsAreEveryConfigurationPropertiesClassOfTheApplication() throws Exception {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<String> found = scan.findCandidateComponents("com.reportresumer").stream()
                .map(BeanDefinition::getBeanClassName).sorted().toList();
        assertThat(found).isNotEmpty().isEqualTo(KnownProperties.RECORDS.stream().map(Class::getName).sorted().toList());
    }
}
