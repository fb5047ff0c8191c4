package com.reportresumer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.UnitTest;
import org.junit.jupiter.api.Test;

/**
 * The production command line has no demo (no sandbox, no embedded PostgreSQL in batch-app.jar): {@code --demo} and
 * {@code demo} are refused in one line that names the demo jar, exit 2, before anything starts.
 */
@UnitTest
class NoDemoInProductionTest {

    private static final String DEMO_JAR = "java -jar ops/demo/target/report-resumer-demo.jar";

    @Test
    void theDemoFlagIsRefusedInOneLineNamingTheDemoJar() {
        assertRefused(CliRun.of("runs", "--demo"), "report-resumer: --demo is available in the demo jar: "
                + DEMO_JAR + " runs --demo");
        assertRefused(CliRun.of("--demo", "audit", "--outcome", "FAILED", "--limit", "5"),
                "report-resumer: --demo is available in the demo jar: " + DEMO_JAR
                        + " --demo audit --outcome FAILED --limit 5");
        assertRefused(CliRun.of("flag", "--reason", "it's over", "--demo", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
                "report-resumer: --demo is available in the demo jar: " + DEMO_JAR
                        + " flag --reason 'it'\\''s over' --demo 3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    }

    @Test
    void theDemoCommandIsRefusedInOneLineNamingTheDemoJar() {
        assertRefused(CliRun.of("demo", "--fresh"), "report-resumer: demo is available in the demo jar: " + DEMO_JAR
                + " demo --fresh");
    }

    @Test
    void helpListsNoDemo() {
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.out()).contains("migrate").doesNotContainPattern("(?m)^  demo\\b");
    }

    private static void assertRefused(CliRun result, String line) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err().lines().toList()).as(result.toString()).containsExactly(line);
        assertThat(result.out()).isEmpty();
    }
}
