package com.reportresumer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.EnvVar;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The mistakes of an operator's first morning, each answered with one line that says what was wrong and the
 * documented exit code, never "Unexpected error", and never a silent no-op.
 */
class OperatorMistakesTest {

    private TestDatabases.Database db;
    private Requests requests;

    @TempDir
    Path dir;

    @BeforeEach
    void database() {
        db = TestDatabases.fresh();
        requests = new Requests(db);
    }

    private CliRun cli(String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        line.addAll(List.of(db.springArgs()));
        return CliRun.of(line);
    }

    /** Exit {@code code}, and standard error one line (besides a suggestion and a pointer to --help). */
    private static void assertSays(CliRun result, int code, String... mentions) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(code);
        assertThat(result.err()).startsWith("report-resumer: ").contains(mentions).doesNotContain("Unexpected error")
                .doesNotContain("\tat ");
    }

    @Test
    void flagOnADirectoryIsAUsageError() {
        CliRun result = cli("flag", "--file", dir.toString());
        assertSays(result, 2, "is a directory");
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void flagOnAFileThatIsNotUtf8IsAUsageErrorAndFlagsNothing() throws IOException {
        Path latin1 = dir.resolve("ids.txt");
        Files.write(latin1, ("3f2504e0-4f89-11d3-9a0c-0305e82c3301\nr\u00e9sum\u00e9\n").getBytes("ISO-8859-1"));
        CliRun result = cli("flag", "--file", latin1.toString());
        assertSays(result, 2, "is not UTF-8 text", "nothing was flagged");
        assertThat(requests.count("SELECT count(*) FROM resume_request")).isZero();
    }

    @Test
    void flagOnAFileThatIsNotThereIsAUsageError() {
        CliRun result = cli("flag", "--file", dir.resolve("no-such-file.txt").toString());
        assertSays(result, 2, "cannot read", "no-such-file.txt");
        assertThat(result.err().lines()).hasSize(1);
    }

    @ParameterizedTest(name = "{0} --run 999")
    @CsvSource({ "audit", "rerun-failed" })
    void anExecutionThatDoesNotExistIsAUsageError(String command) {
        CliRun result = cli(command, "--run", "999", EnvVar.of("RESUMER_PARTNERCENTER_ACCESSTOKEN", "a-static-token"));
        assertSays(result, 2, "there is no execution 999", "see `runs`");
        assertThat(requests.count("SELECT count(*) FROM batch_job_execution")).isZero();
    }

    @Test
    void restartWithNothingToRestartIsAUsageError() {
        CliRun result = cli("restart", EnvVar.of("RESUMER_PARTNERCENTER_ACCESSTOKEN", "a-static-token"));
        assertSays(result, 2, "there is no execution to restart yet");
    }

    @Test
    void flagOnAnEmptyFileSaysThereWasNothingToFlag() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "# nothing today\n\n");
        CliRun result = cli("flag", "--file", empty.toString());
        assertSays(result, 0, "holds no report IDs", "nothing to flag");
        assertThat(result.out()).contains("0 added");
    }

    @Test
    void auditOfSomethingThatIsNotAReportIdIsAUsageErrorUnlessAnAuditRowHasIt() throws Exception {
        assertSays(cli("audit", "--report", "not-a-uuid"), 2, "not a report ID: 'not-a-uuid'",
                "no audit row or flag has it");
        // an INVALID_ID row keeps what was flagged, and is found as typed
        requests.update("INSERT INTO resume_audit (job_execution_id, report_id, outcome, message) "
                + "VALUES (1, 'not-a-uuid', 'INVALID_ID', 'not a report ID')");
        CliRun found = cli("audit", "--report", "not-a-uuid");
        assertThat(found.exitCode()).as(found.toString()).isZero();
        assertThat(found.out()).contains("not-a-uuid", "INVALID_ID", "1 row\n");
    }

    @Test
    void auditWithSinceAfterUntilIsAUsageError() {
        assertSays(cli("audit", "--since", "1h", "--until", "2h"), 2, "--since 1h", "is not before --until 2h",
                "swap");
    }

    @Test
    void rerunFailedWithNothingFailedStartsNoExecution() {
        CliRun result = cli("rerun-failed", EnvVar.of("RESUMER_PARTNERCENTER_ACCESSTOKEN", "a-static-token"));
        assertSays(result, 0, "nothing to rerun", "no execution started");
        assertThat(requests.count("SELECT count(*) FROM batch_job_execution")).isZero();
    }

    @Test
    void aDatasourceUrlInPsqlsFormIsAConfigurationError() {
        CliRun result = CliRun.of("runs", "--spring.datasource.url=postgresql://ops@127.0.0.1:5432/resumer",
                "--spring.datasource.username=ops");
        assertSays(result, 2, "spring.datasource.url must be a JDBC URL");
        assertThat(result.err()).doesNotContain("ops@127.0.0.1");
    }

    @Test
    void aReadingCommandThatCannotReachTheDatabaseIsToldWhatToCheckNotToRestart() {
        CliRun result = CliRun.of("runs", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:9/resumer",
                "--spring.datasource.username=ops");
        assertSays(result, 1, "Cannot reach the database", "check that PostgreSQL is up");
        assertThat(result.err()).doesNotContain("restart");
    }

    @Test
    void aMistypedCommandOrOptionGetsTheClosestOne() {
        CliRun command = CliRun.of("rnus");
        assertThat(command.exitCode()).isEqualTo(2);
        assertThat(command.err()).contains("Did you mean: report-resumer runs?");
        CliRun option = cli("audit", "--lmit", "3");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).contains("Did you mean: --limit?");
    }

    /** A mistyped property would be dropped by Spring without a word: a run meant to be paced would go unlimited. */
    @Test
    void aMistypedPropertyIsRefusedWithTheClosestOneAndNothingRuns() {
        requests.flag("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        CliRun result = cli("run", "--resumer.job.rate-limt=1");
        assertSays(result, 2, "unknown property resumer.job.rate-limt (did you mean resumer.job.rate-limit?)");
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.out()).isEmpty();
        assertThat(requests.count("SELECT count(*) FROM batch_job_execution")).isZero();
    }

    @ParameterizedTest(name = "{0} with the database down")
    @CsvSource({ "run, true", "restart, true", "rerun-failed, true", "schedule, true", "flag 3f2504e0-4f89-11d3-9a0c-0305e82c3301, false",
            "audit, false", "runs, false", "migrate, false" })
    void everyCommandThatCannotReachTheDatabaseSaysSoInOneLineWithAdviceForWhatItDoes(String line, boolean runsTheJob,
            @TempDir Path tomcat) {
        List<String> args = new ArrayList<>(List.of(line.split(" ")));
        args.addAll(List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1:9/resumer",
                "--spring.datasource.username=ops", EnvVar.of("RESUMER_PARTNERCENTER_ACCESSTOKEN", "a-static-token"),
                // schedule serves HTTP: on a free port, with its Tomcat's folder in one JUnit deletes
                "--server.port=0", "--server.tomcat.basedir=" + tomcat));
        CliRun result = CliRun.of(args);
        assertSays(result, 1, "Cannot reach the database");
        assertThat(result.err().lines()).hasSize(1);
        if (runsTheJob) {
            assertThat(result.err()).contains("`restart` continues");
        }
        else {
            assertThat(result.err()).contains("check that PostgreSQL is up").doesNotContain("restart");
        }
    }

    @ParameterizedTest(name = "{0} on a schema that needs migrate")
    @CsvSource({ "run", "flag 3f2504e0-4f89-11d3-9a0c-0305e82c3301", "audit", "runs", "rerun-failed" })
    void everyCommandButMigrateRefusesAnOldSchemaWithExit2(String line) {
        TestDatabases.Database empty = TestDatabases.empty();
        List<String> args = new ArrayList<>(List.of(line.split(" ")));
        args.addAll(List.of(empty.springArgs()));
        args.add(EnvVar.of("RESUMER_PARTNERCENTER_ACCESSTOKEN", "a-static-token"));
        CliRun result = CliRun.of(args);
        assertSays(result, 2, "migrate");
        assertThat(result.err().lines()).hasSize(1);
    }
}
