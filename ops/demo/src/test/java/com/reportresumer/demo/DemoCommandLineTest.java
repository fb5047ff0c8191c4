package com.reportresumer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The demo jar's command line is the production one plus {@code demo} (and {@code --demo}, see {@link DemoTest}). */
class DemoCommandLineTest {

    private static final Pattern COMMAND = Pattern.compile("^  ([a-z][\\w-]*)(\\s|$)", Pattern.MULTILINE);

    @Test
    void theDemoJarHasEveryProductionCommandPlusDemo() {
        DemoCliRun production = DemoCliRun.production("--help");
        DemoCliRun demo = DemoCliRun.of("--help");
        assertThat(production.exitCode()).as(production.toString()).isZero();
        assertThat(demo.exitCode()).as(demo.toString()).isZero();

        List<String> productionCommands = commands(production.out());
        assertThat(productionCommands).as(production.out())
                .contains("run", "restart", "rerun-failed", "flag", "audit", "runs", "schedule", "migrate")
                .doesNotContain("demo");
        List<String> expected = new ArrayList<>(productionCommands);
        expected.add("demo");
        assertThat(commands(demo.out())).as(demo.out()).containsExactlyElementsOf(expected);

        for (String command : productionCommands) {
            DemoCliRun inDemoJar = DemoCliRun.of(command, "--help");
            assertThat(inDemoJar.exitCode()).as(command + "\n" + inDemoJar).isZero();
            // the same help, and the one more option the demo jar adds to every command
            assertThat(inDemoJar.out()).as(command).contains("  --demo ");
            assertThat(inDemoJar.out().replaceAll("(?m)^  --demo .*\\R^ {19}.*\\R", "")).as(command)
                    .isEqualTo(DemoCliRun.production(command, "--help").out());
        }
        DemoCliRun demoHelp = DemoCliRun.of("demo", "--help");
        assertThat(demoHelp.exitCode()).as(demoHelp.toString()).isZero();
        assertThat(demoHelp.out()).contains("--fresh", "--reports", "--serve", "--seed", "--demo");
        assertThat(demo.out().lines().filter(line -> line.startsWith("  demo ")).findFirst().orElseThrow())
                .as("one whole sentence in the list of commands").endsWith(".");
    }

    /** The command names of a {@code --help}'s "Commands:" list, in order. */
    private static List<String> commands(String help) {
        int start = help.indexOf("Commands:");
        assertThat(start).as(help).isNotNegative();
        String list = help.substring(start).split("\\R\\R", 2)[0];
        List<String> names = new ArrayList<>();
        Matcher m = COMMAND.matcher(list);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
