package com.reportresumer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.audit.AuditRow;
import com.reportresumer.testsupport.UnitTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** {@code audit}'s table: messages fit the terminal, are whole elsewhere, and never repeat their own report's ID. */
@UnitTest
class AuditOutputTest {

    private static final String ID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
    private static final String FAILED = "still failing after 2 tries: HttpHostConnectException: Connect to "
            + "https://api.partnercenter.microsoft.com:443 failed: Connection refused";

    private static AuditRow row(String message) {
        return row(ID, message);
    }

    private static AuditRow row(String reportId, String message) {
        return new AuditRow(1, OffsetDateTime.of(2026, 12, 1, 2, 0, 0, 0, ZoneOffset.UTC), 6L, 10L, reportId,
                "FAILED", null, null, 2, false, null, 1200L, message);
    }

    private static List<String> table(OptionalInt width, AuditRow... rows) {
        return table(false, width, rows);
    }

    private static List<String> table(boolean more, OptionalInt width, AuditRow... rows) {
        StringWriter text = new StringWriter();
        OutputFormat.printAuditTable(List.of(rows), more, new PrintWriter(text), width);
        return text.toString().lines().toList();
    }

    @Test
    void theLastLineCountsTheRowsAndSaysWhenTheLimitLeftSomeOut() {
        assertThat(table(OptionalInt.empty(), row(FAILED))).last().isEqualTo("1 row");
        assertThat(table(OptionalInt.empty(), row(FAILED), row(FAILED))).last().isEqualTo("2 rows");
        assertThat(table(OptionalInt.empty())).last().isEqualTo("0 rows");
        assertThat(table(true, OptionalInt.empty(), row(FAILED), row(FAILED))).last()
                .isEqualTo("2 rows, the latest: more match (--limit 2); raise it or narrow the search");
    }

    @Test
    void toAPipeOrAFileAReportIdIsWholeWhateverItsLength() {
        String flaggedWithSpaces = "  " + ID + " ";
        assertThat(table(OptionalInt.empty(), row(flaggedWithSpaces, "not a UUID")).get(1)).contains(flaggedWithSpaces);
        assertThat(table(OptionalInt.of(120), row(flaggedWithSpaces, "not a UUID")).get(1))
                .doesNotContain(flaggedWithSpaces).contains("…");
    }

    @Test
    void toAPipeOrAFileTheMessageIsWhole() {
        assertThat(table(OptionalInt.empty(), row(FAILED)).get(1)).endsWith(FAILED);
    }

    @Test
    void onATerminalTheLineFitsItsWidth() {
        for (int width : new int[] { 120, 160, 200 }) {
            String line = table(OptionalInt.of(width), row(FAILED)).get(1);
            assertThat(line.length()).as("at " + width).isLessThanOrEqualTo(width);
            assertThat(line).contains("still failing after 2 tries");
        }
        assertThat(table(OptionalInt.of(250), row(FAILED)).get(1)).as("wide enough: whole").endsWith(FAILED);
    }

    @Test
    void aNarrowTerminalStillShowsTheStartOfTheMessage() {
        String line = table(OptionalInt.of(60), row(FAILED)).get(1);
        assertThat(line).contains("still failing after 2 t…");
    }

    @Test
    void aMessageNamesItsOwnReportAsIdSoWhatItSaysIsSeen() {
        String line = table(OptionalInt.of(120), row("Report " + ID.toUpperCase() + " has been resumed")).get(1);
        assertThat(line).endsWith("Report <id> has been resumed");
        assertThat(line.indexOf(ID)).as("the ID stays in its own column").isPositive();
    }
}
