package com.reportresumer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The printed and written format: committed runs under {@code results/} are rebuilt from their CSV and must come out
 * as the very {@code .txt} and {@code .csv} that were committed, so new runs stay comparable with them. Only runs
 * whose figures survive the CSV's rounding are used: in 20261124-132400 and -133831 some CSV values end in 5 at the
 * table's last decimal (0.975 for an x ideal printed 0.97), so rows rebuilt from the CSV round the other way.
 */
class BenchReportTest {

    private static final Path RESULTS = Path.of("results");

    @ParameterizedTest
    @ValueSource(strings = {"20261124-133223", "20261124-134251", "20261201-143542", "20261201-152044",
            "20261201-224154"})
    void aCommittedRunIsRenderedAsCommitted(String stamp) throws IOException {
        List<String> csv = Files.readAllLines(RESULTS.resolve(stamp + ".csv"), StandardCharsets.UTF_8);
        String txt = Files.readString(RESULTS.resolve(stamp + ".txt"), StandardCharsets.UTF_8);
        List<Row> rows = new ArrayList<>();
        for (String line : csv.subList(1, csv.size())) {
            rows.add(rowOf(cells(line)));
        }
        List<String> header = List.of(txt.substring(0, txt.indexOf("\n\n")).split("\n"));

        assertThat(BenchReport.text(header, rows)).isEqualTo(txt);
        assertThat(BenchReport.csvLines(rows)).containsExactlyElementsOf(csv);
    }

    @Test
    void theProgressLineOfARunAndItsNote() {
        Row row = new Row("overhead", "plain curl+psql loop", 50);
        row.wall(2.2083, 50);
        row.apiCalls = 50L;
        row.exitCode = 0;
        row.check("job/plain 17x >= 50x", false);
        row.note = "50 reports in 2.2 s (process time, 1 curl + 1 psql each); scaled to 300: 13 s";
        String nl = System.lineSeparator();
        assertThat(BenchReport.progress(row)).isEqualTo("   -> overhead/plain curl+psql loop: 2.21 s, 23 reports/s,"
                + " API calls 50, heap -/- MB, RSS - MB, exit 0 job/plain 17x >= 50x  FAIL" + nl
                + "      50 reports in 2.2 s (process time, 1 curl + 1 psql each); scaled to 300: 13 s" + nl);

        row.ideal(1.104);
        row.note = "";
        assertThat(BenchReport.progress(row)).contains("23 reports/s, x ideal 0.50, API calls").endsWith("FAIL" + nl);
    }

    /** A row as {@link Row#csvCells()} wrote it. */
    private static Row rowOf(List<String> c) {
        Row r = new Row(c.get(0), c.get(1), Integer.parseInt(c.get(2)));
        r.concurrency = integer(c.get(3));
        r.chunk = integer(c.get(4));
        r.latency = c.get(5);
        r.wallSeconds = decimal(c.get(6));
        r.reportsPerSecond = decimal(c.get(7));
        r.idealSeconds = decimal(c.get(8));
        r.ratioToIdeal = decimal(c.get(9));
        r.apiCalls = whole(c.get(10));
        r.tokenRequests = whole(c.get(11));
        r.throttled = whole(c.get(12));
        r.peakHeapMb = decimal(c.get(13));
        r.liveHeapMb = decimal(c.get(14));
        r.xmx = c.get(15);
        r.peakRssMb = decimal(c.get(16));
        r.processSeconds = decimal(c.get(17));
        r.exitCode = c.get(18).isEmpty() ? null : Integer.valueOf(c.get(18));
        r.outcomes = c.get(19);
        r.check = c.get(20);
        r.pass = c.get(21).isEmpty() ? null : Boolean.valueOf(c.get(21));
        r.note = c.get(22);
        return r;
    }

    private static Integer integer(String s) {
        return s.equals("-") ? null : Integer.valueOf(s);
    }

    private static Long whole(String s) {
        return s.isEmpty() ? null : Long.valueOf(s);
    }

    private static double decimal(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    /** One CSV line: commas outside quotes separate, {@code ""} inside quotes is a quote. */
    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        out.add(cell.toString());
        return out;
    }
}
