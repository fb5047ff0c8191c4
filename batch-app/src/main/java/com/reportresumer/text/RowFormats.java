package com.reportresumer.text;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Rows as CSV and JSON, the one implementation behind the command line's {@code --format csv|json} and the console's
 * export links, so that both give the same bytes for the same rows. Column names are the database's (snake_case);
 * times are ISO-8601.
 * <p>
 * CSV is opened in spreadsheets, and its text cells hold what anyone who may flag (report IDs) or the API
 * (messages) chose: a text cell starting with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return
 * gets a leading {@code '}, as OWASP recommends, so it is shown as text and never run as a formula.
 * <p>
 * A class of its own, loaded on first use: a table needs no Jackson.
 */
public final class RowFormats {

    private static final JsonMapper JSON_MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private static final CsvMapper CSV_MAPPER = CsvMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new SimpleModule("formula-safe-cells").addSerializer(String.class, new FormulaSafeCell()))
            .build();

    private RowFormats() {
    }

    /** {@code rows} as one indented JSON array, then a line break. */
    public static void json(List<?> rows, PrintWriter out) {
        try (RowWriter writer = json(out)) {
            rows.forEach(writer::write);
        }
    }

    /** {@code rows} of {@code type} as RFC 4180 CSV with a header, its columns in the type's property order. */
    public static void csv(List<?> rows, Class<?> type, PrintWriter out) {
        try (RowWriter writer = csv(type, out)) {
            rows.forEach(writer::write);
        }
    }

    /**
     * Rows written one at a time as they come (an export of a million rows holds none of them), in the same bytes as
     * the list forms, which are written through it. {@link #close} ends the document, never {@code out}.
     */
    public static final class RowWriter implements AutoCloseable {

        private final SequenceWriter sequence;
        private final PrintWriter out;
        private final boolean lineAtEnd;

        private RowWriter(SequenceWriter sequence, PrintWriter out, boolean lineAtEnd) {
            this.sequence = sequence;
            this.out = out;
            this.lineAtEnd = lineAtEnd;
        }

        public void write(Object row) {
            sequence.write(row);
        }

        @Override
        public void close() {
            sequence.close();
            if (lineAtEnd) {
                out.println();
            }
        }
    }

    /** A JSON array written row by row: indented, then a line break, as {@link #json(List, PrintWriter)}. */
    public static RowWriter json(PrintWriter out) {
        return new RowWriter(JSON_MAPPER.writer().without(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .writeValuesAsArray(out), out, true);
    }

    /** CSV of {@code type} written row by row, header first, as {@link #csv(List, Class, PrintWriter)}. */
    public static RowWriter csv(Class<?> type, PrintWriter out) {
        CsvSchema schema = CSV_MAPPER.schemaFor(type).withHeader();
        return new RowWriter(CSV_MAPPER.writer(schema).without(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .writeValues(out), out, false);
    }

    /** Rows given as maps, as CSV with a header of {@code columns}, in that order. */
    public static void csv(List<? extends Map<String, ?>> rows, List<String> columns, PrintWriter out) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        out.print(CSV_MAPPER.writer(schema.build()).writeValueAsString(rows));
    }

    /** Writes a text cell, neutralised if a spreadsheet would take it for a formula. */
    private static final class FormulaSafeCell extends StdSerializer<String> {

        FormulaSafeCell() {
            super(String.class);
        }

        @Override
        public void serialize(String value, JsonGenerator gen, SerializationContext context) {
            gen.writeString(!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value);
        }
    }
}
