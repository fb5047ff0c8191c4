package com.reportresumer.secrets;

import static com.reportresumer.testsupport.PartnerCenterStandIn.TOKEN;
import static com.reportresumer.testsupport.PartnerCenterStandIn.okJson;
import static com.reportresumer.testsupport.PartnerCenterStandIn.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.EnvVar;
import com.reportresumer.testsupport.PartnerCenterStandIn;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An answer that quotes the request's bearer token (an API, a gateway or a proxy echoing the {@code Authorization}
 * header in an error, or in a success's message) leaves it in no record the job writes: not in the audit, which
 * viewers, exports and the read-only ops role read, nor in Spring Batch's execution records, nor in any output.
 */
class QuotedSecretsTest {

    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment().withApi(PartnerCenterStandIn::issuesTokens);

    @Test
    void aTokenAnAnswerQuotesIsInNoAuditRowExportOrOutput() {
        UUID refused = UUID.randomUUID();
        UUID resumed = UUID.randomUUID();
        env.api().answers(refused, status(400, "Header 'Authorization: Bearer " + TOKEN + "' is not valid here"))
                .answers(resumed, okJson("{\"Value\":[{\"ReportId\":\"" + resumed + "\",\"ReportStatus\":\"Active\"}],"
                        + "\"Message\":\"resumed for Bearer " + TOKEN + "\",\"StatusCode\":200}"));
        env.requests().flag(refused.toString(), resumed.toString());

        CliRun run = env.cli("run");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        List<Map<String, Object>> audit = env.requests().query(
                "SELECT report_id, outcome, message FROM resume_audit ORDER BY report_id = ?", resumed.toString());
        assertThat(audit).extracting(row -> row.get("outcome")).containsExactly("REJECTED", "RESUMED");
        assertThat(audit).extracting(row -> (String) row.get("message")).containsExactly(
                "Header 'Authorization: Bearer [redacted]' is not valid here", "resumed for Bearer [redacted]");
        CliRun csv = env.cli("audit", "--format", "csv");
        CliRun json = env.cli("audit", "--format", "json");
        assertThat(csv.out()).contains("[redacted]");
        assertThat(run.out() + run.err() + csv + json).doesNotContain(TOKEN);
    }

    @Test
    void aRefusalThatQuotesTheTokenIsInNoExecutionRecord() {
        env.api().answersEveryResume(status(401, "token " + TOKEN + " is expired"));
        env.requests().flag(UUID.randomUUID().toString());

        CliRun run = env.cli("run");
        CliRun runs = env.cli("runs", "--format", "json");

        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.out() + run.err()).contains("[redacted]");
        List<Map<String, Object>> records = env.requests().query("SELECT exit_message FROM batch_job_execution "
                + "UNION ALL SELECT exit_message FROM batch_step_execution UNION ALL SELECT message FROM resume_audit");
        assertThat(records).isNotEmpty().allSatisfy(row -> assertThat(String.valueOf(row.values()))
                .doesNotContain(TOKEN));
        assertThat(run.toString() + runs).doesNotContain(TOKEN);
    }

    /**
     * Another program's variable whose name ends as a secret's does (a {@code POSTGRES_PASSWORD=postgres} beside the
     * application's) is not taken for one: redacting its value would blank that word in every line and audit row.
     */
    @Test
    void anotherProgramsPasswordInTheEnvironmentIsNoSecretOfTheApplication() {
        UUID report = UUID.randomUUID();
        env.api().resumesEverything(0);
        env.requests().flag(report.toString());

        CliRun run = env.cli("run", EnvVar.of("OTHER_TOOL_PASSWORD", "resumed successfully"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(env.requests().query("SELECT message FROM resume_audit")).extracting(row -> row.get("message"))
                .containsExactly("Report resumed successfully");
    }
}
