package com.reportresumer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.UnitTest;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The help a new operator reads first, parsed: whole sentences in the list of commands, nothing broken across lines,
 * the options every command takes on every command's help, and a version that names its commit.
 */
@UnitTest
class HelpTest {

    private static final List<String> COMMANDS = List.of("run", "restart", "rerun-failed", "flag", "unflag",
            "pending", "audit", "runs", "schedule", "console", "migrate");

    @Test
    void theListOfCommandsHasOneWholeSentencePerCommand() {
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();
        List<String> lines = help.out().lines().toList();
        int start = lines.indexOf("Commands:") + 1;
        assertThat(start).isPositive();
        List<String> listed = lines.subList(start, lines.indexOf("") > start ? lines.indexOf("") : lines.size())
                .stream().takeWhile(line -> !line.isBlank()).toList();
        assertThat(listed).as("one line per command, no continuation").allMatch(line -> line.matches("  \\S+ +\\S.*"));
        for (String command : COMMANDS) {
            assertThat(listed).as(command).anySatisfy(line -> assertThat(line).startsWith("  " + command + " ")
                    .endsWith("."));
        }
    }

    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = { "", "run", "restart", "rerun-failed", "flag", "unflag", "pending", "audit", "runs",
            "schedule", "console", "migrate" })
    void everyHelpFitsEightyColumnsAndNamesTheCommonOptions(String command) {
        CliRun help = command.isEmpty() ? CliRun.of("--help") : CliRun.of(command, "--help");
        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
        assertThat(help.out()).contains("--debug").contains("--name=value")
                .as("a property name is never broken across lines").contains("--resumer.job.chunk-size=100")
                .contains("Exit codes:");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "--version", "-V", "audit -V", "runs --version" })
    void everyVersionNamesTheReleaseAndTheCommit(String line) {
        CliRun version = CliRun.of(line.split(" "));
        assertThat(version.exitCode()).isZero();
        assertThat(version.out().strip()).matches("report-resumer \\d+\\.\\d+\\.\\d+\\S* \\(commit [0-9a-f]{7,}.*\\)");
    }

    @Test
    void shellCompletionIsGenerated() {
        CliRun completion = CliRun.of("generate-completion");
        assertThat(completion.exitCode()).isZero();
        assertThat(completion.out()).startsWith("#!/usr/bin/env bash").contains("report-resumer")
                .contains("rerun-failed");
    }
}
