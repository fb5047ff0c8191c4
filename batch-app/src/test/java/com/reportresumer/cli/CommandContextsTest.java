package com.reportresumer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.audit.AuditTrail;
import com.reportresumer.flag.ReportFlagger;
import com.reportresumer.flag.RequestQueue;
import com.reportresumer.partnercenter.PartnerCenterClient;
import com.reportresumer.schema.DatabaseSchema;
import com.reportresumer.testsupport.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The commands that read or flag boot a context of the database only: the same query classes as the whole
 * application, and no job repository, no Partner Center client (Feign, HTTP client), no Flyway, no thread pool.
 * The commands that run the job boot the whole application. Each command's spec is taken as the command line opens
 * it, and that very spec is booted again to look into its context.
 */
class CommandContextsTest {

    private static final String ID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

    /** Records the spec of every context a command of the command line opens. */
    private static final class Specs implements CliExtension {

        final List<ContextSpec> opened = new ArrayList<>();

        @Override
        public ContextSpec beforeContext(ResumerCli cli, ContextSpec spec, Set<String> flagsGiven) {
            opened.add(spec);
            return spec;
        }
    }

    private TestDatabases.Database db;
    private final Specs specs = new Specs();
    private final StringWriter err = new StringWriter();
    private ResumerCli cli;

    @BeforeEach
    void commandLine() {
        db = TestDatabases.fresh();
        cli = new ResumerCli(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                Map.of("SPRING_DATASOURCE_PASSWORD", db.password()), specs);
    }

    /**
     * Runs {@code line} against the test's database and answers the spec of the one context it opened; the command
     * line keeps the line's Spring properties, so that {@link ResumerCli#run} boots that spec as the command did.
     */
    private ContextSpec specOf(String line, int exitCode) {
        List<String> args = new ArrayList<>(List.of(line.split(" ")));
        args.addAll(List.of("--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user()));
        assertThat(cli.execute(args.toArray(String[]::new))).as(line + ": " + err).isEqualTo(exitCode);
        assertThat(specs.opened).as(line).hasSize(1);
        return specs.opened.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = { "runs --limit 5", "audit --limit 5", "audit --latest --outcome FAILED --format json",
            "audit --report " + ID, "audit --report " + ID + " --flags", "pending", "flag " + ID, "unflag " + ID,
            "stop", "migrate" })
    void aCommandThatReadsOrFlagsBootsTheDatabaseOnly(String line) throws Exception {
        // unflag of a report never flagged, stop with nothing running: exit 2, after they asked the database
        ContextSpec spec = specOf(line, line.startsWith("unflag") || line.equals("stop") ? ExitCodes.USAGE
                : ExitCodes.OK);

        assertThat(spec.beans()).isEqualTo(ContextSpec.Beans.DATABASE);
        assertThat(spec.requiresCredentials()).isFalse();
        cli.run(spec, context -> {
            // what the commands use: the same query classes as the whole application's
            for (Class<?> used : List.of(AuditTrail.class, RequestQueue.class, ReportFlagger.class,
                    DatabaseSchema.class, DataSource.class)) {
                assertThat(context.getBeanNamesForType(used)).as(used.getName()).hasSize(1);
            }
            for (Class<?> absent : List.of(JobRepository.class, JobOperator.class, Job.class, Flyway.class,
                    PartnerCenterClient.class, feign.Client.class,
                    org.apache.hc.client5.http.classic.HttpClient.class, Executor.class,
                    io.micrometer.core.instrument.MeterRegistry.class)) {
                assertThat(context.getBeanNamesForType(absent)).as(absent.getName()).isEmpty();
            }
            assertThat(beanClasses(context)).noneMatch(type -> type.startsWith("org.springframework.cloud")
                    || type.startsWith("org.springframework.batch") || type.startsWith("org.flywaydb")
                    || type.startsWith("feign."));
            return ExitCodes.OK;
        });
    }

    @Test
    void aCommandThatRunsTheJobBootsTheWholeApplication() throws Exception {
        // no credentials: refused once its context is up
        ContextSpec spec = specOf("run", ExitCodes.USAGE);
        assertThat(spec.beans()).isEqualTo(ContextSpec.Beans.APPLICATION);
        assertThat(spec.requiresCredentials()).isTrue();

        cli.run(ContextSpec.batch(), context -> {
            for (Class<?> present : List.of(JobOperator.class, PartnerCenterClient.class, AuditTrail.class,
                    RequestQueue.class)) {
                assertThat(context.getBeanNamesForType(present)).as(present.getName()).hasSize(1);
            }
            return ExitCodes.OK;
        });
    }

    private static List<String> beanClasses(ConfigurableApplicationContext context) {
        List<String> types = new ArrayList<>();
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name, false);
            if (type != null) {
                types.add(type.getName());
            }
        }
        return types;
    }
}
