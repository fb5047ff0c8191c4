package com.reportresumer.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Report IDs from a file: one per line (blank lines and {@code #} comments ignored), or a CSV whose header has a
 * {@code report_id} column (RFC 4180 quoting).
 */
final class ReportIdFile {

    private ReportIdFile() {
    }

    static List<String> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String header = lines.stream().filter(l -> !l.isBlank() && !l.strip().startsWith("#")).findFirst()
                .orElse("");
        if (header.contains(",") || header.strip().replace("\"", "").equalsIgnoreCase("report_id")) {
            return readCsv(file);
        }
        List<String> ids = new ArrayList<>();
        for (String line : lines) {
            String id = line.strip();
            if (!id.isEmpty() && !id.startsWith("#")) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static List<String> readCsv(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withComments();
        List<String> ids = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class).with(schema)
                        .readValues(reader)) {
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                String id = row.entrySet().stream()
                        .filter(e -> e.getKey() != null && e.getKey().strip().equalsIgnoreCase("report_id"))
                        .map(Map.Entry::getValue).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(
                                file + " looks like a CSV but has no report_id column"));
                if (id != null && !id.isBlank()) {
                    ids.add(id.strip());
                }
            }
        }
        return ids;
    }
}
