package com.reportresumer.text;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.PropertyNamingStrategies;
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
        out.println(JSON_MAPPER.writeValueAsString(rows));
    }

    /** {@code rows} of {@code type} as RFC 4180 CSV with a header, its columns in the type's property order. */
    public static void csv(List<?> rows, Class<?> type, PrintWriter out) {
        CsvSchema schema = CSV_MAPPER.schemaFor(type).withHeader();
        out.print(CSV_MAPPER.writer(schema).writeValueAsString(rows));
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
