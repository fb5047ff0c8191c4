package com.reportresumer.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.UnitTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The envelope keeps the reports it is given, without null elements, whatever kind of list holds them. */
@UnitTest
class ReportEnvelopeTest {

    private static final ScheduledReport REPORT = new ScheduledReport("3f2504e0-4f89-11d3-9a0c-0305e82c3301", null,
            null, null, null, null, null, null, "Active", null, null, null);

    @Test
    void anImmutableListIsTakenAsItIs() {
        // List.of refuses contains(null): asking it whether it holds a null throws
        assertThat(new ReportEnvelope(List.of(REPORT), 1, "ok", 200, null).value()).containsExactly(REPORT);
        assertThat(new ReportEnvelope(null, 0, "ok", 200, null).value()).isEmpty();
    }

    @Test
    void nullElementsAreLeftOutAndTheListIsACopy() {
        List<ScheduledReport> given = new ArrayList<>(Arrays.asList(null, REPORT, null));
        ReportEnvelope envelope = new ReportEnvelope(given, 1, "ok", 200, null);
        given.clear();
        assertThat(envelope.value()).containsExactly(REPORT);
    }
}
