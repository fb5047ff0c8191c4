package com.reportresumer.faults;

import static com.reportresumer.testsupport.PartnerCenterStandIn.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.FaultReport;
import com.reportresumer.testsupport.PartnerCenterStandIn;
import com.reportresumer.testsupport.Requests;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rows typed by hand into {@code resume_request}: none may reach any URL but a resume call for a valid ID, each
 * gets {@code INVALID_ID} or its correct outcome, and the run goes on. What the API says back is bounded and
 * stripped of control characters before it reaches the audit.
 */
class HostileInputTest {

    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment().withApi(api -> api.resumesEverything(0));

    @Test
    void hostileReportIdsNeverReachAUrlAndTheRunContinues() {
        Requests requests = env.requests();
        PartnerCenterStandIn api = env.api();
        String valid = UUID.randomUUID().toString();
        String upper = UUID.randomUUID().toString().toUpperCase();
        String padded = UUID.randomUUID().toString();
        List<String> hostile = List.of(
                "not-a-uuid",
                "{" + UUID.randomUUID() + "}",
                "urn:uuid:" + UUID.randomUUID(),
                "../../ScheduledReport/pause/" + UUID.randomUUID(),
                valid + "/../../pause/" + valid,
                "..%2F..%2Fadmin",
                UUID.randomUUID() + "%2F..",
                "'; DROP TABLE resume_audit; --",
                "\" OR 1=1 --",
                "abc\u0007\u001b[31mred\u001b[0m",
                "line\nbreak",
                "x".repeat(10_240),
                // Cyrillic а and fullwidth ３ look like a UUID's hex digits
                "3f2504e0-4f89-11d3-9a0c-0305e82c330\u0430",
                "\uff13f2504e0-4f89-11d3-9a0c-0305e82c3301",
                UUID.randomUUID().toString().replace("-", ""),
                "",
                // blanks with a no-break space between them, which is not whitespace to trim (a lone blank row is
                // above: all blank IDs are one report, so a second one could not be pending)
                " \u00a0 ");
        UUID refusing = UUID.randomUUID();
        // the sandbox writes the message into its JSON envelope, escaped: the application reads these characters
        String noisy = "bad\u0000request\r\n\t" + "\u0007".repeat(50) + "z".repeat(5_000);
        api.answers(refusing, status(400, noisy));
        List<String> flags = new ArrayList<>(hostile);
        flags.addAll(List.of(valid, upper, "  " + padded + "\t", refusing.toString()));
        requests.flag(flags.toArray(String[]::new));

        CliRun run = env.cli("run");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(requests.count("SELECT count(*) FROM resume_audit WHERE outcome = 'INVALID_ID'"))
                .isEqualTo(hostile.size());
        Map<String, Map<String, Object>> audit = requests.latestAudit();
        assertThat(audit.get(valid)).containsEntry("outcome", "RESUMED");
        assertThat(audit.get(upper)).containsEntry("outcome", "RESUMED");
        assertThat(audit.get("  " + padded + "\t")).containsEntry("outcome", "RESUMED");
        assertThat(audit.get(refusing.toString())).containsEntry("outcome", "REJECTED");
        String message = (String) audit.get(refusing.toString()).get("message");
        assertThat(message.length()).isLessThanOrEqualTo(500);
        assertThat(message).doesNotContainPattern("\\p{Cntrl}");
        assertThat(requests.count("SELECT count(*) FROM resume_audit WHERE message ~ '[[:cntrl:]]' "
                + "OR length(message) > 500")).isZero();

        // the server saw the token request and exactly four resume calls, each for a canonical UUID
        assertThat(api.allUrls()).allMatch(url -> url.equals(api.tokenPath())
                || url.matches(PartnerCenterStandIn.RESUME.replace("/", "\\/")
                        + "[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}"));
        assertThat(api.callsPerReport().keySet()).containsExactlyInAnyOrder(valid, upper.toLowerCase(), padded,
                refusing.toString());
        requests.assertConsistent();
        FaultReport.record("Hostile report IDs", hostile.size() + " malformed rows (traversal, %2F, SQL, control "
                + "characters, 10 kB, look-alike digits, blanks) + 4 valid, one answering a 5 kB control-laden "
                + "message", "only 4 resume URLs for canonical UUIDs reached the server; " + hostile.size()
                + " INVALID_ID, run completed (exit 3); audit messages ≤ 500 characters, no control characters");
    }

    @Test
    void anAnswerLargerThanTheCapIsUnreadableNeverReadToItsEnd() {
        Requests requests = env.requests();
        UUID huge = UUID.randomUUID(), fine = UUID.randomUUID();
        // a well-formed envelope, only 2 MiB big: a resume answer is a few kB
        String envelope = PartnerCenterStandIn.envelope(huge.toString(), "Active", 200)
                .replace("Report resumed successfully", "x".repeat(2 * 1024 * 1024));
        env.api().answers(huge, PartnerCenterStandIn.okJson(envelope));
        requests.flag(huge.toString(), fine.toString());

        CliRun run = env.cli("run", "--resumer.job.max-attempts=2", "--resumer.job.backoff.initial=5ms");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        Map<String, Map<String, Object>> audit = requests.latestAudit();
        assertThat(audit.get(fine.toString())).containsEntry("outcome", "RESUMED");
        assertThat(audit.get(huge.toString())).containsEntry("outcome", "FAILED").containsEntry("attempts", 2)
                .containsEntry("http_status", 200);
        assertThat((String) audit.get(huge.toString()).get("message"))
                .isEqualTo("still failing after 2 tries: HTTP 200 with an unreadable answer: larger than 1 MiB"
                        + "; a read says the report is unknown to the API");
        requests.assertConsistent();
    }

    /** C1 controls (8-bit CSI, NEL), bidi overrides and isolates, line and paragraph separators. */
    private static final String INVISIBLE_TROUBLE = "\u009b\u0085\u0080\u009f\u202a\u202b\u202c\u202d\u202e"
            + "\u2066\u2067\u2068\u2069\u2028\u2029";

    @Test
    void c1ControlsBidiOverridesAndLineSeparatorsReachNeitherTheAuditNorTheTerminal() {
        Requests requests = env.requests();
        UUID refusing = UUID.randomUUID(), down = UUID.randomUUID();
        String hostileId = "invoice\u202eexe.pdf\u009b2J\u2028\u0085" + UUID.randomUUID();
        String hostileMessage = "Report \u009b31mrefused\u0085next\u2028line\u2029para \u202egnp.exe\u202c "
                + "\u2066isolated\u2069 \u0080\u009f";
        env.api().answers(refusing, status(400, hostileMessage)).answers(down, status(503, hostileMessage));
        requests.flag(refusing.toString(), hostileId);
        String[] oneTryAndAnOutage = { "--resumer.job.max-attempts=1", "--resumer.job.outage-after=1" };

        CliRun first = env.cli("run", oneTryAndAnOutage);
        requests.flag(down.toString());
        CliRun outage = env.cli("run", oneTryAndAnOutage);
        CliRun audit = env.cli("audit", oneTryAndAnOutage);
        CliRun runs = env.cli("runs", oneTryAndAnOutage);

        assertThat(first.exitCode()).as(first.toString()).isEqualTo(3);
        assertThat(outage.exitCode()).as(outage.toString()).isEqualTo(1);
        assertThat(outage.out()).contains("outage").contains("refused next line para").contains("gnp.exe");
        assertThat(audit.out()).contains("REJECTED", "INVALID_ID", "FAILED").contains("invoice?exe.pdf?2J??");
        for (CliRun result : List.of(first, outage, audit, runs)) {
            assertThat(result.out() + result.err()).as(result.toString())
                    .doesNotContainPattern("[" + INVISIBLE_TROUBLE + "]");
        }
        List<Object> messages = requests.query("SELECT message FROM resume_audit").stream()
                .map(row -> row.get("message")).toList();
        assertThat(messages).hasSize(3).allSatisfy(message -> assertThat((String) message)
                .doesNotContainPattern("[" + INVISIBLE_TROUBLE + "]"));
        assertThat(requests.query("SELECT exit_message FROM batch_job_execution")).allSatisfy(row ->
                assertThat((String) row.get("exit_message")).doesNotContainPattern("[" + INVISIBLE_TROUBLE + "]"));
    }
}
