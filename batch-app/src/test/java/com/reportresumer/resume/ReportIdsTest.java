package com.reportresumer.resume;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.UnitTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ReportIds}: only a canonical 8-4-4-4-12 UUID, with the whitespace {@code String.strip()} trims around it. */
@UnitTest
class ReportIdsTest {

    private static final String ID = "3f25a0c1-7b2e-4d3a-9c1f-0123456789ab";

    @ParameterizedTest
    @ValueSource(strings = { ID, "3F25A0C1-7B2E-4D3A-9C1F-0123456789AB", "3f25A0c1-7B2e-4d3A-9C1f-0123456789aB" })
    void aCanonicalUuidInAnyCaseIsTheSameReport(String raw) {
        assertThat(ReportIds.parse(raw)).contains(UUID.fromString(ID));
    }

    /** Exactly the characters V5's normalised_report_id() trims too (Character.isWhitespace). */
    @ParameterizedTest
    @ValueSource(strings = { " ", "  ", "\t", "\n", "\u000B", "\f", "\r", "\r\n", "\u001C", "\u001F", "\u1680",
            "\u2000", "\u2003", "\u200A", "\u2028", "\u2029", "\u205F", "\u3000" })
    void whitespaceAroundIsTrimmed(String space) {
        assertThat(ReportIds.parse(space + ID)).contains(UUID.fromString(ID));
        assertThat(ReportIds.parse(ID + space)).contains(UUID.fromString(ID));
        assertThat(ReportIds.parse(space + ID + space)).contains(UUID.fromString(ID));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "   ", "not-a-uuid", "{" + ID + "}", "urn:uuid:" + ID, "3f25a0c17b2e4d3a9c1f0123456789ab",
            "3f25a0c1-7b2e-4d3a-9c1f-0123456789a", "3f25a0c1-7b2e-4d3a-9c1f-0123456789abc", "1-1-1-1-1",
            "3f25a0c1_7b2e_4d3a_9c1f_0123456789ab", "3f25a0c1-7b2e-4d3a-9c1f-0123456789ag",
            // look-alike digits: fullwidth, Arabic-Indic, Devanagari
            "\uFF13f25a0c1-7b2e-4d3a-9c1f-0123456789ab", "3f25a0c1-7b2e-4d3a-9c1f-\u0660123456789ab",
            "3f25a0c1-7b2e-4d3a-9c1f-\u0966123456789ab",
            // a look-alike hyphen (U+2010) and a minus sign (U+2212)
            "3f25a0c1\u20107b2e-4d3a-9c1f-0123456789ab", "3f25a0c1\u22127b2e-4d3a-9c1f-0123456789ab",
            // control and format characters inside or around are not whitespace to trim
            "3f25a0c1-7b2e-4d3a-9c1f-01234567\u000089ab", "\u0000" + ID, ID + "\u0000", "\u200B" + ID,
            ID + "\u200B", "\uFEFF" + ID, "\u202E" + ID, "\u0085" + ID, ID + "\u001B[0m",
            // the no-break spaces are not trimmed by strip(), nor by the database
            "\u00A0" + ID, ID + "\u2007", ID + "\u202F",
            "3f25a0c1 -7b2e-4d3a-9c1f-0123456789ab", ID + "/../../other", ID + "?x=1", ID + "," + ID })
    void anythingElseIsRefused(String raw) {
        assertThat(ReportIds.parse(raw)).isEmpty();
    }

    @Test
    void previewQuotesAShortIdAndMarksUnsafeCharacters() {
        assertThat(ReportIds.preview(null)).isEqualTo("null");
        assertThat(ReportIds.preview("")).isEqualTo("''");
        assertThat(ReportIds.preview("{" + ID + "}")).isEqualTo("'{" + ID + "}'");
        assertThat(ReportIds.preview("a\u001B[31mb\r\nc\u202Ed")).isEqualTo("'a?[31mb??c?d'");
    }

    @Test
    void previewIsBoundedToSixtyCharactersAndSaysHowLongTheIdWas() {
        String sixty = "x".repeat(60);
        assertThat(ReportIds.preview(sixty)).isEqualTo("'" + sixty + "'");
        String long_ = "y".repeat(59) + "\u0007" + "z".repeat(10_000);
        assertThat(ReportIds.preview(long_)).isEqualTo("'" + "y".repeat(59) + "?…' (10060 characters)");
    }
}
