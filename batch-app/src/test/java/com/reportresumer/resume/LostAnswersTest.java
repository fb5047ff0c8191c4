package com.reportresumer.resume;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.sandbox.ReportStatus;
import com.reportresumer.sandbox.Sandbox;
import com.reportresumer.sandbox.ScriptedAnswer;
import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The answer to a resume is lost on its last try, after the request went out: a read of the report decides, and the
 * audit says so ({@code confirmed_by_read}).
 */
class LostAnswersTest {

    @RegisterExtension
    final ResumerEnvironment env = new ResumerEnvironment()
            .withSandbox(options -> options.reports(5).pausedShare(1.0).inactiveShare(0.0))
            .withProperties("--resumer.job.max-attempts=2", "--resumer.job.backoff.initial=10ms",
                    "--resumer.partner-center.read-timeout=1s");

    @Test
    void aLostAnswerIsSettledByAReadOfTheReport() {
        Sandbox sandbox = env.api().sandbox();
        List<UUID> ids = sandbox.reports(ReportStatus.PAUSED).stream().map(r -> r.reportId()).toList();
        UUID resumedThenDropped = ids.get(0);
        UUID resumedThenTooSlow = ids.get(1);
        UUID neverArrived = ids.get(2);
        UUID unreadable = ids.get(3);
        UUID usual = ids.get(4);
        // the sandbox resumes the report, then drops the connection or answers after the client's read timeout
        sandbox.script().answerResume(resumedThenDropped, ScriptedAnswer.asUsual().dropConnection());
        sandbox.script().answerResume(resumedThenTooSlow, ScriptedAnswer.asUsual().withDelay(Duration.ofSeconds(3)));
        // the connection drops before anything happened; for the last, the read is lost too
        sandbox.script().answerResume(neverArrived, ScriptedAnswer.noAnswer());
        sandbox.script().answerResume(unreadable, ScriptedAnswer.noAnswer());
        sandbox.script().answerListWhere("reportId", unreadable.toString(), ScriptedAnswer.noAnswer());
        env.requests().flag(ids.stream().map(UUID::toString).toArray(String[]::new));

        CliRun run = env.cli("run");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        Map<String, Map<String, Object>> audit = env.requests().latestAudit();
        assertThat(audit.get(resumedThenDropped.toString())).containsEntry("outcome", "RESUMED")
                .containsEntry("confirmed_by_read", true).containsEntry("attempts", 2)
                .containsEntry("report_status", "Active");
        assertThat((String) audit.get(resumedThenDropped.toString()).get("message"))
                .startsWith("confirmed by a read: the report is Active (the answer to its resume was lost: ");
        assertThat(audit.get(resumedThenTooSlow.toString())).containsEntry("outcome", "RESUMED")
                .containsEntry("confirmed_by_read", true);
        assertThat(audit.get(neverArrived.toString())).containsEntry("outcome", "FAILED")
                .containsEntry("confirmed_by_read", true).containsEntry("report_status", "Paused");
        assertThat((String) audit.get(neverArrived.toString()).get("message"))
                .startsWith("still failing after 2 tries: ").endsWith("; a read says the report is Paused");
        assertThat(audit.get(unreadable.toString())).containsEntry("outcome", "FAILED")
                .containsEntry("confirmed_by_read", true);
        assertThat((String) audit.get(unreadable.toString()).get("message"))
                .contains("; a read to confirm got no answer either: ");
        assertThat(audit.get(usual.toString())).containsEntry("outcome", "RESUMED")
                .containsEntry("confirmed_by_read", false);
        // the tries are the resume calls the API saw: no hidden retry below the job's own
        assertThat(sandbox.counters().callsFor(resumedThenDropped)).isEqualTo(2);
        assertThat(sandbox.report(resumedThenDropped).orElseThrow().reportStatus()).isEqualTo(ReportStatus.ACTIVE);

        CliRun csv = env.cli("audit", "--format", "csv", "--outcome", "RESUMED");
        assertThat(csv.out().lines().findFirst().orElse("")).contains("confirmed_by_read");
        assertThat(csv.out()).contains(resumedThenDropped.toString());
        CliRun table = env.cli("audit", "--report", resumedThenDropped.toString());
        assertThat(table.out().lines().filter(l -> l.contains("confirmed by a read")).findFirst().orElse(""))
                .contains(" RESUMED    read     2  ");
    }
}
