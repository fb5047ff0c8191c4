package com.reportresumer.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.reportresumer.testsupport.UnitTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader against the data binding it replaced ({@code PartnerCenterJson.MAPPER} reading the records):
 * the same envelope, or both refusing, for envelopes as the API sends them and for what a broken or hostile one may.
 */
@UnitTest
class EnvelopeReaderTest {

    private static final String REPORT = """
            {"ReportId":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","ReportName":"Nightly","Description":"d","QueryId":"q",
             "Query":"SELECT 1","User":"u","CreatedTime":"2026-11-01T00:00:00Z","ModifiedTime":"2026-11-02T00:00:00Z",
             "ExecuteNow":false,"StartTime":"2026-11-03T00:00:00Z","ReportStatus":"Active","RecurrenceInterval":24,
             "RecurrenceCount":10,"CallbackUrl":null,"CallbackMethod":null,"Format":"csv"}""";

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"Value\":[" + REPORT + "],\"TotalCount\":1,\"Message\":\"Resumed\",\"StatusCode\":200}",
            "{\"value\":[{\"reportId\":\"a\",\"reportStatus\":\"Paused\"}],\"totalCount\":1,\"message\":\"ok\","
                    + "\"statusCode\":200,\"nextLink\":\"https://x/ScheduledReport?skip=1\",\"dataRedacted\":false}",
            "{\"VALUE\":[{\"REPORTSTATUS\":\"Active\",\"recurrenceinterval\":\"12\"}],\"statuscode\":\"200\"}",
            "{}", "null", "{\"Value\":null}", "{\"Value\":[]}", "{\"Value\":[null," + REPORT + ",null]}",
            "{\"Value\":{}}", "{\"Value\":\"x\"}", "{\"Value\":[\"x\"]}", "{\"Value\":[[]]}", "{\"Value\":1}",
            "{\"StatusCode\":200.0}", "{\"StatusCode\":200.7}", "{\"StatusCode\":\"\"}", "{\"StatusCode\":\" 201 \"}",
            "{\"StatusCode\":\"abc\"}", "{\"StatusCode\":true}", "{\"StatusCode\":{}}", "{\"StatusCode\":[]}",
            "{\"StatusCode\":3000000000}", "{\"StatusCode\":-1}", "{\"StatusCode\":\"2.5\"}", "{\"StatusCode\":1e2}",
            "{\"Message\":42}", "{\"Message\":4.5}", "{\"Message\":true}", "{\"Message\":{}}", "{\"Message\":[]}",
            "{\"Message\":[\"a\"]}", "{\"Message\":null}", "{\"Message\":\"a\",\"message\":\"b\"}",
            "{\"Unknown\":{\"deep\":[1,{\"x\":[2]}]},\"Message\":\"after\"}", "{\"NextLink\":7}",
            "[]", "[{}]", "\"text\"", "42", "true", "{} {}", "{} x", "<html>502 Bad Gateway</html>", "{\"Value\":[",
            "{\"Value\":[{\"RecurrenceCount\":1.9,\"ReportId\":12,\"Format\":false}]}", "{\"Value\":[{\"User\":{}}]}",
            "{\"TotalCount\":\"7\"}", "  {\"Message\":\"spaced\"}  ", "{\"Message\":\"\\u0000\\u001b[31m\"}",
            "{\"StatusCode\":\"null\",\"Message\":\"ok\"}", "{\"StatusCode\":\" null \"}", "{\"Message\":\"null\"}",
            "{\"Value\":[{\"ReportStatus\":\"Paused\",\"ReportStatu\u017f\":\"Active\"}]}",
            "{\"NextLin\u212a\":\"https://x/ScheduledReport?skip=1\"}", "{\"\u0130d\":1,\"Message\":\"dotted\"}"
    })
    void readsWhatTheDataBindingRead(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        assertThat(outcome(() -> EnvelopeReader.read(body))).as(json)
                .isEqualTo(outcome(() -> PartnerCenterJson.MAPPER.readValue(body, ReportEnvelope.class)));
    }

    @Test
    void readsAResumeAnswerField() {
        ReportEnvelope envelope = EnvelopeReader.read(("{\"Value\":[" + REPORT + "],\"TotalCount\":1,"
                + "\"Message\":\"Resumed\",\"StatusCode\":200}").getBytes(StandardCharsets.UTF_8));
        assertThat(envelope.statusCode()).isEqualTo(200);
        assertThat(envelope.message()).isEqualTo("Resumed");
        assertThat(envelope.firstReportStatus()).isEqualTo("Active");
        assertThat(envelope.value()).extracting(ScheduledReport::recurrenceInterval).isEqualTo(List.of(24));
        assertThatThrownBy(() -> EnvelopeReader.read("{\"Value\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EnvelopeReader.NotAnEnvelopeException.class).hasMessage("Value is not an array");
    }

    /** A component added to either record but not to the reader would read as null: each must be read. */
    @Test
    void readsEveryComponentOfTheRecords() throws Exception {
        for (java.lang.reflect.RecordComponent component : ScheduledReport.class.getRecordComponents()) {
            String json = "{\"Value\":[{\"" + component.getName() + "\":" + sample(component) + "}]}";
            ScheduledReport report = EnvelopeReader.read(json.getBytes(StandardCharsets.UTF_8)).value().get(0);
            assertThat(component.getAccessor().invoke(report)).as(json).isNotNull();
        }
        for (java.lang.reflect.RecordComponent component : ReportEnvelope.class.getRecordComponents()) {
            if (component.getType() != List.class) {
                String json = "{\"" + component.getName() + "\":" + sample(component) + "}";
                ReportEnvelope envelope = EnvelopeReader.read(json.getBytes(StandardCharsets.UTF_8));
                assertThat(component.getAccessor().invoke(envelope)).as(json).isNotNull();
            }
        }
    }

    private static String sample(java.lang.reflect.RecordComponent component) {
        return component.getType() == Integer.class ? "7" : "\"x\"";
    }

    private static String outcome(java.util.function.Supplier<ReportEnvelope> read) {
        try {
            return String.valueOf(read.get());
        }
        catch (RuntimeException refused) {
            return "refused";
        }
    }
}
