package com.reportresumer.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.EnvVar;
import com.reportresumer.testsupport.FaultReport;
import com.reportresumer.testsupport.Psql;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The least-privilege roles of {@code ops/sql/roles.sql}, applied with psql as the runbook says (psql is required:
 * {@code .ci/run} installs it): a flagger can only add plain requests, never forge one; ops staff can only read; the
 * application's own role runs the job but cannot change the audit or the schema; only it withdraws a flag.
 */
class LeastPrivilegeRolesTest {

    private static final String REPORT = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment().withApi(api -> api.resumesEverything(0));

    @BeforeEach
    void applyRoles() throws Exception {
        Psql.Result roles = Psql.run(env.db(), Psql.opsFile("roles.sql"));
        assertThat(roles.exitCode()).as(roles.output()).isZero();
        String output = roles.output();
        assertThat(output).contains("resumer_flagger | resume_request | INSERT    | report_id, reason");
        try (Connection admin = env.db().connect(); Statement st = admin.createStatement()) {
            for (String role : List.of("resumer_app", "resumer_flagger", "resumer_ops")) {
                st.execute("ALTER ROLE " + role + " LOGIN PASSWORD 'test'");
            }
        }
    }

    private Connection as(String role) throws Exception {
        return DriverManager.getConnection(env.db().url(), role, "test");
    }

    @Test
    void aFlaggerAddsPlainRequestsAndCannotForgeOne() throws Exception {
        try (Connection flagger = as("resumer_flagger"); Statement st = flagger.createStatement()) {
            for (String forged : List.of("status", "last_outcome", "requested_by", "requested_at", "attempts",
                    "last_job_execution_id", "updated_at")) {
                String value = switch (forged) {
                    case "status" -> "'DONE'";
                    case "last_outcome" -> "'RESUMED'";
                    case "requested_by" -> "'someone-else'";
                    case "requested_at", "updated_at" -> "'2001-01-01'";
                    default -> "1";
                };
                assertThat(catchThrowable(() -> st.execute("INSERT INTO resume_request(report_id, " + forged
                        + ") VALUES ('" + REPORT + "', " + value + ")"))).as(forged)
                        .hasMessageContaining("permission denied");
            }
            st.execute("INSERT INTO resume_request(report_id, reason) VALUES ('" + REPORT + "', 'incident 42')");
            try (ResultSet rs = st.executeQuery("SELECT status, requested_by, reason, attempts, last_outcome, "
                    + "now() - requested_at < interval '1 minute' AS just_now FROM resume_request")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("status")).isEqualTo("PENDING");
                assertThat(rs.getString("requested_by")).isEqualTo("resumer_flagger");
                assertThat(rs.getString("reason")).isEqualTo("incident 42");
                assertThat(rs.getInt("attempts")).isZero();
                assertThat(rs.getString("last_outcome")).isNull();
                assertThat(rs.getBoolean("just_now")).isTrue();
                assertThat(rs.next()).isFalse();
            }
            assertThat(catchThrowable(() -> st.executeQuery("SELECT * FROM resume_audit")))
                    .hasMessageContaining("permission denied");
            assertThat(catchThrowable(() -> st.execute("UPDATE resume_request SET status = 'DONE'")))
                    .hasMessageContaining("permission denied");
        }
        FaultReport.record("Forged flag", "as resumer_flagger: INSERT with status DONE, outcome RESUMED, another "
                + "requested_by, requested_at 2001-01-01 (each alone)", "every forged column refused; a plain flag "
                + "is PENDING, requested_by = resumer_flagger, requested_at = now");
    }

    @Test
    void theApplicationRoleRunsTheJobButCannotChangeTheAuditOrTheSchema() throws Exception {
        env.requests().flag(REPORT);
        String[] asTheApplication = { "--spring.datasource.username=resumer_app",
                EnvVar.of("SPRING_DATASOURCE_PASSWORD", "test") };
        CliRun run = env.cli("run", asTheApplication);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> flagAsTheApplication = new ArrayList<>(List.of("--spring.datasource.url=" + env.db().url()));
        flagAsTheApplication.addAll(List.of(asTheApplication));
        flagAsTheApplication.add(UUID.randomUUID().toString());
        CliRun flag = CliRun.of(CliRun.line("flag", flagAsTheApplication));
        assertThat(flag.exitCode()).as(flag.toString()).isZero();
        try (Connection app = as("resumer_app"); Statement st = app.createStatement()) {
            for (String change : List.of("UPDATE resume_audit SET outcome = 'RESUMED'", "DELETE FROM resume_audit",
                    "TRUNCATE resume_audit", "ALTER TABLE resume_audit DISABLE TRIGGER resume_audit_append_only",
                    "DROP TABLE resume_audit", "CREATE TABLE resume_shadow (id int)",
                    "ALTER TABLE resume_request DROP CONSTRAINT resume_request_status_check",
                    "DELETE FROM resume_request", "DROP TRIGGER resume_request_insert_pending ON resume_request")) {
                assertThat(catchThrowable(() -> st.execute(change))).as(change)
                        .hasMessageMatching("(?s).*(permission denied|must be (the )?owner).*");
            }
            assertThat(catchThrowable(() -> st.execute("INSERT INTO resume_request(report_id, status) VALUES ('"
                    + UUID.randomUUID() + "', 'DONE')"))).hasMessageContaining("always PENDING");
        }
        FaultReport.record("Application role", "as resumer_app: run, flag, then UPDATE/DELETE/TRUNCATE on the audit, "
                + "DISABLE TRIGGER, DROP, CREATE TABLE, a DONE flag", "run and flag exit 0; every change to the audit "
                + "or the schema refused by privilege; a new request is always PENDING");
    }

    /**
     * A flag of a report is everyone's request that it be resumed (a second flag of it is "already pending"), so
     * taking it back is an operator's decision: {@code unflag}, as the application's role, or the owner with plain
     * SQL; a flagger only adds, ops staff only read. Whoever withdraws, the database records when, and refuses to
     * withdraw what a run has answered, to revive a withdrawn request or to rewrite a withdrawal.
     */
    @Test
    void onlyTheApplicationWithdrawsAFlagAndTheDatabaseKeepsTheWithdrawalHonest() throws Exception {
        String done = UUID.randomUUID().toString(), other = UUID.randomUUID().toString();
        try (Connection flagger = as("resumer_flagger"); Statement st = flagger.createStatement()) {
            st.execute("INSERT INTO resume_request(report_id, reason) VALUES ('" + REPORT + "', 'incident 42')");
            for (String withdraw : List.of("UPDATE resume_request SET status = 'WITHDRAWN'",
                    "UPDATE resume_request SET withdraw_reason = 'mine'", "DELETE FROM resume_request")) {
                assertThat(catchThrowable(() -> st.execute(withdraw))).as(withdraw)
                        .hasMessageContaining("permission denied");
            }
        }
        try (Connection ops = as("resumer_ops"); Statement st = ops.createStatement()) {
            assertThat(catchThrowable(() -> st.execute("UPDATE resume_request SET status = 'WITHDRAWN'")))
                    .hasMessageContaining("permission denied");
        }
        CliRun queueAsOps = cliAs("resumer_ops", "pending");
        assertThat(queueAsOps.exitCode()).as(queueAsOps.toString()).isZero();
        assertThat(queueAsOps.out()).contains(REPORT).contains("1 pending");
        CliRun unflagAsOps = cliAs("resumer_ops", "unflag", REPORT);
        assertThat(unflagAsOps.exitCode()).as(unflagAsOps.toString()).isEqualTo(1);
        assertThat(unflagAsOps.err().lines()).singleElement().asString().contains("permission denied");
        assertThat(env.requests().query("SELECT status FROM resume_request"))
                .containsExactly(Map.of("status", "PENDING"));

        CliRun unflag = cliAs("resumer_app", "unflag", REPORT, "--by", "alice", "--reason", "wrong tenant");

        assertThat(unflag.exitCode()).as(unflag.toString()).isZero();
        assertThat(env.requests().query("SELECT status, requested_by, withdrawn_by, withdraw_reason, "
                + "now() - withdrawn_at < interval '1 minute' AS just_now FROM resume_request"))
                .containsExactly(Map.of("status", "WITHDRAWN", "requested_by", "resumer_flagger",
                        "withdrawn_by", "alice", "withdraw_reason", "wrong tenant", "just_now", true));
        env.requests().flag(done, other);
        env.requests().update("UPDATE resume_request SET status = 'DONE', last_outcome = 'RESUMED' "
                + "WHERE report_id = ?", done);
        try (Connection app = as("resumer_app"); Statement st = app.createStatement()) {
            assertThat(catchThrowable(() -> st.execute("UPDATE resume_request SET status = 'WITHDRAWN' "
                    + "WHERE report_id = '" + done + "'"))).hasMessageContaining("only a PENDING request");
            assertThat(catchThrowable(() -> st.execute("UPDATE resume_request SET status = 'PENDING' "
                    + "WHERE report_id = '" + REPORT + "'"))).hasMessageContaining("flag the report again");
            for (String rewrite : List.of("withdrawn_at = '2001-01-01'", "withdrawn_by = 'someone-else'",
                    "withdraw_reason = 'another'")) {
                assertThat(catchThrowable(() -> st.execute("UPDATE resume_request SET " + rewrite
                        + " WHERE report_id = '" + REPORT + "'"))).as(rewrite)
                        .hasMessageContaining("set by a withdrawal alone");
            }
            assertThat(catchThrowable(() -> st.execute("UPDATE resume_request SET withdrawn_by = 'x' "
                    + "WHERE report_id = '" + other + "'"))).hasMessageContaining("set by a withdrawal alone");
            assertThat(catchThrowable(() -> st.execute("INSERT INTO resume_request(report_id, withdrawn_by) VALUES ('"
                    + UUID.randomUUID() + "', 'x')"))).hasMessageContaining("always PENDING");
            // a withdrawal with plain SQL: its time is the database's, its author the role when none is given
            st.execute("UPDATE resume_request SET status = 'WITHDRAWN', withdrawn_at = '2001-01-01' "
                    + "WHERE report_id = '" + other + "'");
        }
        assertThat(env.requests().query("SELECT withdrawn_by, now() - withdrawn_at < interval '1 minute' AS just_now "
                + "FROM resume_request WHERE report_id = ?", other))
                .containsExactly(Map.of("withdrawn_by", "resumer_app", "just_now", true));
        FaultReport.record("Withdrawn flag", "unflag as resumer_ops, UPDATE/DELETE as resumer_flagger and resumer_ops; "
                + "as resumer_app: withdraw a DONE request, revive a withdrawn one, rewrite or forge withdrawn_at/by/"
                + "reason, INSERT a withdrawn one", "only resumer_app (unflag) withdrew; every other attempt refused "
                + "by privilege or trigger; withdrawn_at is always the database's now");
    }

    /** The command line connected as {@code role}. */
    private CliRun cliAs(String role, String command, String... arguments) {
        List<String> line = new ArrayList<>(List.of(arguments));
        line.addAll(List.of("--spring.datasource.url=" + env.db().url(), "--spring.datasource.username=" + role,
                EnvVar.of("SPRING_DATASOURCE_PASSWORD", "test")));
        return CliRun.of(CliRun.line(command, line));
    }

    @Test
    void opsStaffOnlyRead() throws Exception {
        try (Connection ops = as("resumer_ops"); Statement st = ops.createStatement()) {
            st.executeQuery("SELECT * FROM audit_run_summary").close();
            st.executeQuery("SELECT * FROM audit_latest").close();
            st.executeQuery("SELECT * FROM resume_audit").close();
            for (String change : List.of("INSERT INTO resume_request(report_id) VALUES ('x')",
                    "DELETE FROM resume_request", "UPDATE resume_request SET reason = 'x'",
                    "INSERT INTO resume_audit(report_id, outcome) VALUES ('x', 'RESUMED')")) {
                assertThat(catchThrowable(() -> st.execute(change))).as(change)
                        .hasMessageContaining("permission denied");
            }
        }
        FaultReport.record("Least privilege", "ops/sql/roles.sql applied; forbidden statements tried as "
                + "resumer_flagger, resumer_ops and resumer_app", "flagger: plain INSERT only, audit unreadable; "
                + "ops: SELECT only; app: no change to the audit, no DDL");
    }
}
