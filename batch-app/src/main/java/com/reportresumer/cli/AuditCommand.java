package com.reportresumer.cli;

import com.reportresumer.audit.AuditExport;
import com.reportresumer.audit.AuditQuery;
import com.reportresumer.audit.AuditRow;
import com.reportresumer.audit.AuditTrail;
import com.reportresumer.flag.RequestQueue;
import com.reportresumer.flag.RequestRow;
import com.reportresumer.resume.ReportIds;
import com.reportresumer.text.Plural;
import com.reportresumer.text.UntrustedText;
import com.reportresumer.resume.ResumeOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true,
        header = "Prints the audit trail, or one report's history.",
        description = { "Prints the audit trail: one row per request per execution that processed it.",
                "`audit --report ID` shows that report's whole history across runs: its calls, then (as a table) "
                        + "its flags; `--flags` prints only the flags, in any format." })
class AuditCommand extends RowsCommand {

    @Mixin
    ExecutionOption execution;

    @Option(names = "--report", paramLabel = "REPORT_ID", description = "only this report")
    String report;

    @Option(names = "--outcome", paramLabel = "OUTCOME",
            description = "only these outcomes (repeatable): ${COMPLETION-CANDIDATES}")
    List<ResumeOutcome> outcomes;

    @Option(names = "--since", paramLabel = "TIME", description = "rows from this time: ISO-8601 or relative (24h, 7d)")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "rows before this time: ISO-8601 or relative")
    String until;

    @Option(names = "--latest", description = "only each report's latest row: with --outcome FAILED, what is "
            + "failing now (not what failed and was resumed since)")
    boolean latest;

    @Option(names = "--wide", description = "never cut a message, even on a terminal (output to a pipe or a file is "
            + "never cut)")
    boolean wide;

    @Option(names = "--flags", description = "with --report: only the report's flags (every request: status, who, "
            + "when, why, outcome or withdrawal), in any format")
    boolean flagsOnly;

    @Option(names = "--limit", defaultValue = "1000", description = "at most this many rows, the latest (default: ${DEFAULT-VALUE})")
    int limit;

    private Instant from;
    private Instant to;

    @Override
    int limit() {
        return limit;
    }

    @Override
    void check() {
        Clock clock = Clock.systemUTC();
        from = since == null ? null : TimeArgument.parse("--since", since, clock);
        to = until == null ? null : TimeArgument.parse("--until", until, clock);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new UsageException("--since " + since + " (" + from + ") is not before --until " + until + " (" + to
                    + "): no row can match; did you swap them?");
        }
        if (flagsOnly && report == null) {
            throw new UsageException("--flags shows one report's flags: give --report REPORT_ID (`pending` shows the "
                    + "queue)");
        }
        if (flagsOnly && (execution.run != null || outcomes != null || since != null || until != null || latest)) {
            throw new UsageException("--flags shows every flag of the report: --run, --outcome, --since, --until "
                    + "and --latest choose calls, not flags");
        }
    }

    @Override
    int print(ConfigurableApplicationContext context) {
        if (flagsOnly) {
            List<RequestRow> flags = context.getBean(RequestQueue.class).flagsOf(report);
            if (flags.isEmpty() && ReportIds.parse(report).isEmpty()) {
                throw notAReportId();
            }
            output.format.printFlags(flags, out(), wide ? OptionalInt.empty() : terminalWidth());
            return ExitCodes.OK;
        }
        AuditTrail trail = context.getBean(AuditTrail.class);
        Long run = execution.existing(trail);
        AuditQuery query = new AuditQuery(run, report,
                outcomes == null ? EnumSet.noneOf(ResumeOutcome.class) : EnumSet.copyOf(outcomes), from, to, limit,
                latest);
        // the flags block is a table's: CSV and JSON stay one array of audit rows (--flags gives the flags)
        boolean table = output.format == OutputFormat.TABLE;
        boolean notAnId = report != null && ReportIds.parse(report).isEmpty();
        if (!table) {
            // streamed as the console's exports are, by the same code: any limit, a fetch of rows in memory
            if (notAnId && trail.window(query, null).isEmpty()
                    && context.getBean(RequestQueue.class).flagsOf(report).isEmpty()) {
                throw notAReportId();
            }
            AuditTrail.Handed written = (output.format == OutputFormat.CSV ? AuditExport.CSV : AuditExport.JSON)
                    .write(trail, query, out());
            if (written.more()) {
                tell("the latest " + Plural.of(written.rows(), "row") + " written: more match (--limit "
                        + limit + "); raise it or narrow the search");
            }
            return ExitCodes.OK;
        }
        // one row past the limit, the oldest: there, it says more match
        List<AuditRow> found = trail.find(query.oneMore());
        boolean more = found.size() > limit;
        List<AuditRow> rows = more ? found.subList(1, found.size()) : found;
        List<RequestRow> flags = report != null ? context.getBean(RequestQueue.class).flagsOf(report) : List.of();
        if (rows.isEmpty() && flags.isEmpty() && notAnId) {
            // an INVALID_ID row keeps the text as flagged, so such a report is still looked up as typed
            throw notAReportId();
        }
        OutputFormat.printAuditTable(rows, more, out(), wide ? OptionalInt.empty() : terminalWidth());
        if (report != null) {
            out().println();
            output.format.printFlags(flags, out(), wide ? OptionalInt.empty() : terminalWidth());
        }
        return ExitCodes.OK;
    }

    private UsageException notAReportId() {
        return new UsageException("not a report ID: '" + UntrustedText.printable(report)
                + "' (expected a UUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301), and no audit row or flag has it");
    }
}
