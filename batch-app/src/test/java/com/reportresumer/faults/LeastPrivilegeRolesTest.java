package com.reportresumer.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.reportresumer.testsupport.FaultReport;
import com.reportresumer.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The least-privilege roles of {@code ops/sql/roles.sql} (applied with psql, as the runbook says): a flagger can
 * only add requests, ops staff can only read, and nobody but the owner can touch the audit trail.
 */
class LeastPrivilegeRolesTest {

    @Test
    void flaggersOnlyInsertAndOpsOnlyRead() throws Exception {
        Path psql = Path.of("/usr/bin/psql");
        Assumptions.assumeTrue(Files.isExecutable(psql), "psql is not installed");
        Path roles = Path.of("..", "ops", "sql", "roles.sql");
        TestDatabases.Database db = TestDatabases.fresh();
        Process process = new ProcessBuilder(psql.toString(), "-X", "-q", "-d",
                db.url().replace("jdbc:", "") + "?user=" + db.user() + "&password=" + db.password(), "-f",
                roles.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        try (Connection admin = db.connect(); Statement st = admin.createStatement()) {
            for (String role : List.of("resumer_flagger", "resumer_ops")) {
                st.execute("ALTER ROLE " + role + " LOGIN PASSWORD 'test'");
            }
        }

        try (Connection flagger = DriverManager.getConnection(db.url(), "resumer_flagger", "test");
                Statement st = flagger.createStatement()) {
            st.execute("INSERT INTO resume_request(report_id) VALUES ('3f2504e0-4f89-11d3-9a0c-0305e82c3301')");
            assertThat(catchThrowable(() -> st.executeQuery("SELECT * FROM resume_audit")))
                    .hasMessageContaining("permission denied");
            assertThat(catchThrowable(() -> st.execute("UPDATE resume_request SET status = 'DONE'")))
                    .hasMessageContaining("permission denied");
        }
        try (Connection ops = DriverManager.getConnection(db.url(), "resumer_ops", "test");
                Statement st = ops.createStatement()) {
            st.executeQuery("SELECT * FROM audit_run_summary").close();
            st.executeQuery("SELECT * FROM audit_latest").close();
            assertThat(catchThrowable(() -> st.execute("INSERT INTO resume_request(report_id) VALUES ('x')")))
                    .hasMessageContaining("permission denied");
            assertThat(catchThrowable(() -> st.execute("DELETE FROM resume_request")))
                    .hasMessageContaining("permission denied");
        }
        FaultReport.record("Least privilege", "ops/sql/roles.sql applied; forbidden statements tried as "
                + "resumer_flagger and resumer_ops", "flagger: INSERT only, audit unreadable; ops: SELECT only");
    }
}
