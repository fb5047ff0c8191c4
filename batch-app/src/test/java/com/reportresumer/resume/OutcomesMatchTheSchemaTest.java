package com.reportresumer.resume;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link ResumeOutcome} and the migrations of {@code db/} agree: a new outcome without the migration that allows it
 * in {@code resume_audit} and counts it in {@code audit_run_summary} fails the build here, not in production; so does
 * a request status that {@link ResumeOutcome.RequestStatus} and {@code resume_request}'s CHECK constraint disagree on.
 */
class OutcomesMatchTheSchemaTest {

    /** The columns of audit_run_summary that describe the execution rather than count one outcome (V4). */
    private static final Set<String> RUN_COLUMNS = Set.of("job_execution_id", "start_time", "end_time", "status",
            "exit_code", "total");

    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private static Set<String> enumNames() {
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(ResumeOutcome.values()).forEach(o -> names.add(o.name()));
        return names;
    }

    @Test
    void theCheckConstraintAllowsExactlyTheOutcomes() throws Exception {
        TestDatabases.Database db = TestDatabases.fresh();
        String definition;
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'resume_audit_outcome_check' "
                        + "AND conrelid = 'resume_audit'::regclass")) {
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("resume_audit_outcome_check exists").isTrue();
                definition = rs.getString(1);
            }
        }
        // PostgreSQL prints IN (...) as = ANY (ARRAY['RESUMED'::text, ...])
        assertThat(definition).containsPattern("outcome.*(ANY|IN)");
        List<String> allowed = new ArrayList<>();
        Matcher m = QUOTED.matcher(definition);
        while (m.find()) {
            allowed.add(m.group(1));
        }
        assertThat(allowed).as(definition).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(enumNames());
    }

    @Test
    void theRequestStatusesAreExactlyThoseTheCheckConstraintAllows() throws Exception {
        TestDatabases.Database db = TestDatabases.fresh();
        String definition = constraint(db, "resume_request_status_check", "resume_request");
        assertThat(definition).containsPattern("status.*(ANY|IN)");
        List<String> allowed = new ArrayList<>();
        Matcher m = QUOTED.matcher(definition);
        while (m.find()) {
            allowed.add(m.group(1));
        }
        assertThat(allowed).as(definition).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ResumeOutcome.RequestStatus.values()).map(Enum::name).toList());
    }

    private static String constraint(TestDatabases.Database db, String name, String table) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = ? AND conrelid = ?::regclass")) {
            s.setString(1, name);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as(name + " exists").isTrue();
                return rs.getString(1);
            }
        }
    }

    @Test
    void theRunSummaryHasOneColumnPerOutcome() throws Exception {
        TestDatabases.Database db = TestDatabases.fresh();
        List<String> columns = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                        + "AND table_name = 'audit_run_summary' ORDER BY ordinal_position")) {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        assertThat(columns).as("audit_run_summary exists").isNotEmpty();
        Set<String> expected = new LinkedHashSet<>();
        enumNames().forEach(n -> expected.add(n.toLowerCase(Locale.ROOT)));
        assertThat(columns).as("audit_run_summary's columns").containsAll(expected);
        // and the columns are exactly the outcomes besides the run's own: no stale outcome lingers in the view
        List<String> outcomeLike = columns.stream().filter(col -> !RUN_COLUMNS.contains(col)).toList();
        assertThat(outcomeLike).as("columns of audit_run_summary that are neither an outcome nor a known run column")
                .containsExactlyInAnyOrderElementsOf(expected);
    }
}
