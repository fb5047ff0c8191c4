package com.reportresumer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.audit.RunRow;
import com.reportresumer.resume.ResumeOutcome;
import com.reportresumer.testsupport.UnitTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How {@code runs} prints, in every format: a column for every {@link ResumeOutcome}, and times in UTC with a Z. */
@UnitTest
class RunsOutputTest {

    private static final OffsetDateTime START = OffsetDateTime.of(2026, 12, 1, 2, 0, 0, 123_456_000, ZoneOffset.UTC);

    private static RunRow row() {
        Map<ResumeOutcome, Long> counts = new EnumMap<>(ResumeOutcome.class);
        ResumeOutcome[] outcomes = ResumeOutcome.values();
        for (int i = 0; i < outcomes.length; i++) {
            counts.put(outcomes[i], 10L + i); // every count different, to tell the columns apart
        }
        return new RunRow(7, START, START.plusSeconds(90), 90_000L, "COMPLETED", 3, false, 5L, null, 99, counts, null, null);
    }

    private static String print(OutputFormat format, List<RunRow> rows) {
        StringWriter text = new StringWriter();
        format.printRuns(rows, new PrintWriter(text));
        return text.toString();
    }

    @Test
    void theTableHasAColumnPerOutcomeWithItsCount() {
        List<String> lines = print(OutputFormat.TABLE, List.of(row())).lines().toList();
        String header = lines.get(0);
        String line = lines.get(1);
        for (ResumeOutcome outcome : ResumeOutcome.values()) {
            int at = header.indexOf(" " + outcome.name() + " ") + 1;
            assertThat(at).as(outcome + " has a column").isPositive();
            // right-aligned under its name
            assertThat(line.substring(at, at + outcome.name().length()).strip())
                    .isEqualTo(String.valueOf(10 + outcome.ordinal()));
        }
        int exit = header.indexOf("EXIT");
        assertThat(line.substring(exit, exit + 4).strip()).as("the exit code, not the batch status").isEqualTo("3");
        assertThat(line).contains("2026-12-01 02:00:00Z").contains("COMPLETED").endsWith("restart of 5");
    }

    @Test
    void csvHasTheDatabasesColumnsAndAnEmptyListStillHasItsHeader() {
        String csv = print(OutputFormat.CSV, List.of(row()));
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0).split(",")).containsExactlyElementsOf(RunRow.COLUMNS);
        assertThat(RunRow.COLUMNS).contains("not_found", "invalid_id", "exit_code", "restart_of", "pending_now",
                "taken_over").hasSize(12 + ResumeOutcome.values().length);
        StringBuilder counts = new StringBuilder(",99");
        for (ResumeOutcome outcome : ResumeOutcome.values()) {
            counts.append(',').append(10 + outcome.ordinal());
        }
        assertThat(lines.get(1).replace("\"", "")).startsWith("7,2026-12-01T02:00:00.123456Z,2026-12-01T02:01:30.123456Z,90000,"
                + "COMPLETED,3,false,5,,").endsWith(counts + ",,"); // nothing pending, not taken over
        assertThat(print(OutputFormat.CSV, List.of()).strip()).isEqualTo(String.join(",", RunRow.COLUMNS));
    }

    @Test
    void jsonHasEveryOutcomeAndTimesWithTheirOffset() {
        JsonNode runs = JsonMapper.builder().build().readTree(print(OutputFormat.JSON, List.of(row())));
        JsonNode run = runs.get(0);
        assertThat(run.propertyNames()).containsExactlyElementsOf(RunRow.COLUMNS);
        for (ResumeOutcome outcome : ResumeOutcome.values()) {
            assertThat(run.get(outcome.column()).asLong()).isEqualTo(10 + outcome.ordinal());
        }
        assertThat(run.get("start_time").asString()).isEqualTo("2026-12-01T02:00:00.123456Z");
        assertThat(OffsetDateTime.parse(run.get("end_time").asString())).isEqualTo(START.plusSeconds(90));
        assertThat(run.get("exit_code").asInt()).isEqualTo(3);
        assertThat(run.get("restart_of").asLong()).isEqualTo(5);
        assertThat(run.get("restarted_as").isNull()).isTrue();
    }
}
