package com.reportresumer.runbook;

import static com.reportresumer.testsupport.PartnerCenterStandIn.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.ResumerEnvironment;
import com.reportresumer.testsupport.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command lines of {@code ops/RUNBOOK.md}, run as written against a database with a night's history and the
 * sandbox as Partner Center: every {@code report-resumer …} line is a command the program accepts (no unknown
 * option, no "Unexpected error"), and every {@code psql … -f ops/sql/…} line runs with nothing but the connection the
 * RUNBOOK tells to export. Placeholders ({@code <id>}, an example execution ID, {@code ids.txt}) are filled in.
 */
class RunbookCommandsTest {

    private static final Path RUNBOOK = Path.of("..", "ops", "RUNBOOK.md");
    /** A code span of the prose. */
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");
    /** Lines that describe rather than run: a syntax summary, another host's setup, the roles an admin applies. */
    private static final Pattern NOT_RUNNABLE = Pattern.compile("<command>|<file>|\\[-v|\\\\password|roles\\.sql"
            + "|report-resumer\\(\\)|^report-resumer: ");

    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment().withProperties("--resumer.job.max-attempts=1");

    @TempDir
    Path dir;

    /** Every line of a code block, and every code span, that starts {@code report-resumer } or {@code psql }. */
    private static List<String> commandLines() throws IOException {
        List<String> code = new ArrayList<>();
        boolean inBlock = false;
        for (String line : Files.readAllLines(RUNBOOK)) {
            if (line.strip().startsWith("```")) {
                inBlock = !inBlock;
            }
            else if (inBlock) {
                code.add(line.strip());
            }
            else {
                Matcher span = CODE_SPAN.matcher(line);
                while (span.find()) {
                    code.add(span.group(1).strip());
                }
            }
        }
        Set<String> lines = new LinkedHashSet<>();
        for (String candidate : code) {
            String line = candidate.replaceAll("\\s+#.*$", "").replaceAll("\\s*>\\s*\\S+$", "").strip();
            if ((line.startsWith("report-resumer ") || line.startsWith("psql ")) && !NOT_RUNNABLE.matcher(line).find()) {
                lines.add(line);
            }
        }
        return new ArrayList<>(lines);
    }

    @Test
    void everyCommandLineOfTheRunbookRunsAsWritten() throws Exception {
        // a night's history: one report failed (503), one not found, the rest resumed
        UUID down = UUID.randomUUID(), gone = UUID.randomUUID();
        env.api().resumesEverything(0).answers(down, status(503, "Service unavailable"))
                .answers(gone, status(404, "Report not found"));
        env.requests().flag(down.toString(), gone.toString(), UUID.randomUUID().toString());
        assertThat(env.cli("run").exitCode()).isEqualTo(3);
        Path ids = Files.writeString(dir.resolve("ids.txt"), "# from the change ticket\n" + UUID.randomUUID() + "\n");

        List<String> lines = commandLines();
        assertThat(lines).as("the RUNBOOK's command lines").hasSizeGreaterThan(10)
                .anyMatch(l -> l.startsWith("psql ")).anyMatch(l -> l.startsWith("report-resumer "));
        List<String> ran = new ArrayList<>();
        for (String written : lines) {
            String line = written.replace("<id>", "1").replace("--run 41", "--run 1")
                    .replace("ids.txt", ids.toString());
            if (line.startsWith("psql ")) {
                assertPsqlRuns(line);
            }
            else {
                assertAccepted(line);
            }
            ran.add(written);
        }
        System.out.println("RUNBOOK command lines run: " + ran);
    }

    private void assertAccepted(String line) {
        List<String> args = new ArrayList<>(ShellWords.split(line.substring("report-resumer ".length())));
        args.addAll(env.properties());
        CliRun result = CliRun.of(args);
        assertThat(result.exitCode()).as(line + "\n" + result).isIn(0, 1, 2, 3, 4);
        assertThat(result.err()).as(line + "\n" + result).doesNotContain("Unexpected error")
                .doesNotContain("Unknown option").doesNotContain("Unmatched argument")
                .doesNotContain("Missing required").doesNotContain("Invalid value");
        if (result.exitCode() == 2) {
            // a usage error must be the state's (nothing to restart, ...), not the line's
            assertThat(result.err()).as(line).doesNotContain("Try '");
        }
    }

    /**
     * The connection the RUNBOOK tells to export for psql ({@code export PGHOST=... PGUSER=...}): its variables, given
     * the test database's values, and the password in a {@code .pgpass} file as it advises.
     */
    private java.util.Map<String, String> psqlConnection() throws IOException {
        Matcher export = Pattern.compile("(?m)^export (PG\\w+=\\S+(?: PG\\w+=\\S+)*)").matcher(Files.readString(RUNBOOK));
        assertThat(export.find()).as("the RUNBOOK gives psql's connection once, as exported variables").isTrue();
        Set<String> names = new LinkedHashSet<>();
        for (String assignment : export.group(1).split(" ")) {
            names.add(assignment.substring(0, assignment.indexOf('=')));
        }
        assertThat(names).containsExactlyInAnyOrder("PGHOST", "PGPORT", "PGDATABASE", "PGUSER");
        TestDatabases.Database db = env.db();
        String hostPort = db.url().replace("jdbc:postgresql://", "");
        String host = hostPort.substring(0, hostPort.indexOf(':'));
        String port = hostPort.substring(hostPort.indexOf(':') + 1, hostPort.indexOf('/'));
        Path pgpass = dir.resolve("pgpass");
        Files.writeString(pgpass, host + ":" + port + ":" + db.name() + ":" + db.user() + ":" + db.password() + "\n");
        Files.setPosixFilePermissions(pgpass, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return java.util.Map.of("PGHOST", host, "PGPORT", port, "PGDATABASE", db.name(), "PGUSER", db.user(),
                "PGPASSFILE", pgpass.toString());
    }

    private void assertPsqlRuns(String line) throws Exception {
        List<String> command = new ArrayList<>(ShellWords.split(line));
        command.set(0, "/usr/bin/psql");
        ProcessBuilder psql = new ProcessBuilder(command).directory(Path.of("..").toFile()).redirectErrorStream(true);
        psql.environment().keySet().removeIf(name -> name.startsWith("PG"));
        psql.environment().putAll(psqlConnection());
        Process process = psql.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(line + "\n" + output).isZero();
        assertThat(output).as(line).doesNotContain("ERROR:");
    }
}
