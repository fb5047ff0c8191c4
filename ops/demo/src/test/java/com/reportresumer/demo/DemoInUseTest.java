package com.reportresumer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/** The demo database running for something that is not a served demo: {@code --demo} says so, and touches nothing. */
class DemoInUseTest {

    @AfterEach
    void removeTheDemoDatabase() throws Exception {
        FileSystemUtils.deleteRecursively(DemoDatabase.DEFAULT_DIRECTORY);
    }

    @Test
    void aCommandWithDemoWhileAnotherDemoCommandHoldsTheDatabaseExits2InOneLineThatAdvisesNothingHarmful()
            throws Exception {
        try (DemoDatabase running = DemoDatabase.start(DemoDatabase.DEFAULT_DIRECTORY, true)) {
            DemoCliRun runs = DemoCliRun.of("runs", "--demo");
            DemoCliRun fresh = DemoCliRun.of("demo", "--fresh", "--reports", "5");

            for (DemoCliRun refused : new DemoCliRun[] { runs, fresh }) {
                assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
                assertThat(refused.err().lines().toList()).as(refused.toString()).singleElement().asString()
                        .startsWith("report-resumer: ").contains("in use").doesNotContain("postmaster.pid")
                        .doesNotContain("Unexpected").doesNotContain("remove");
            }
            try (Connection c = DemoDatabaseTest.connect(running.jdbcUrl(), running.user(), running.password())) {
                assertThat(c.isValid(5)).as("the running database is untouched").isTrue();
            }
        }
    }
}
