package com.reportresumer.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Report IDs from a file: one per line (blank lines and {@code #} comments ignored), or a CSV whose header has a
 * {@code report_id} column (RFC 4180 quoting). Read as they are consumed, line by line or row by row, so a file
 * of any length is never held in memory; closing the stream closes the file.
 */
final class ReportIdFile {

    private ReportIdFile() {
    }

    static Stream<String> open(Path file) throws IOException {
        String header = firstLine(file);
        if (header != null && (header.contains(",") || unquoted(header).equalsIgnoreCase("report_id"))) {
            boolean hasColumn = false;
            for (String column : header.split(",")) {
                hasColumn |= unquoted(column).equalsIgnoreCase("report_id");
            }
            if (!hasColumn) {
                throw new UsageException(file + " looks like a CSV but has no report_id column");
            }
            return csvRows(file);
        }
        BufferedReader reader = reader(file);
        return reader.lines().map(String::strip).filter(id -> !id.isEmpty() && !id.startsWith("#"))
                .onClose(() -> close(reader));
    }

    /** Its first line that is neither blank nor a comment, or null. */
    private static String firstLine(Path file) throws IOException {
        try (BufferedReader reader = reader(file)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.strip().startsWith("#")) {
                    return line;
                }
            }
            return null;
        }
    }

    private static String unquoted(String cell) {
        return cell.strip().replace("\"", "").strip();
    }

    /**
     * The file as UTF-8 text without a leading byte-order mark, which Excel's "CSV UTF-8" and Notepad write and
     * which would otherwise stick to the first ID or the first column's name.
     */
    private static BufferedReader reader(Path file) throws IOException {
        BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    private static void close(Reader reader) {
        try {
            reader.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> csvRows(Path file) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withComments();
        Reader reader = reader(file);
        MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class).with(schema)
                .readValues(reader);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED), false)
                .map(row -> row.entrySet().stream()
                        .filter(e -> e.getKey() != null && e.getKey().strip().equalsIgnoreCase("report_id"))
                        .map(Map.Entry::getValue).findFirst()
                        .orElseThrow(() -> new UsageException(file + " looks like a CSV but has no report_id column")))
                .filter(id -> id != null && !id.isBlank())
                .map(String::strip)
                .onClose(() -> {
                    try {
                        rows.close();
                        reader.close();
                    }
                    catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }
}
