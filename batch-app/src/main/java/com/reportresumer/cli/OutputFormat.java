package com.reportresumer.cli;

import com.reportresumer.audit.AuditRow;
import com.reportresumer.audit.RunRow;
import com.reportresumer.flag.PendingQueue;
import com.reportresumer.flag.RunPlan;
import com.reportresumer.flag.PendingRequest;
import com.reportresumer.flag.RequestRow;
import com.reportresumer.resume.ResumeOutcome;
import com.reportresumer.text.Durations;
import com.reportresumer.text.Plural;
import com.reportresumer.text.RowFormats;
import com.reportresumer.text.UntrustedText;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * How {@code audit}, {@code runs} and {@code pending} print: an aligned table for people (on a terminal, as wide as
 * the terminal; to a pipe or a file, never cut), RFC 4180 CSV with a header, or one JSON array. Column names in CSV
 * and JSON are the database's (snake_case); times are ISO-8601 UTC.
 * <p>
 * CSV and JSON are {@link RowFormats}', which the console's exports share: formula-safe CSV cells among them.
 */
enum OutputFormat {
    TABLE, CSV, JSON;

    /** A message is never cut shorter than this, however narrow the terminal. */
    private static final int MIN_MESSAGE = 24;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'");

    /**
     * The audit rows as a table (CSV and JSON are streamed by {@code AuditExport}, the console's exports too): it fits
     * {@code width} by cutting messages (never anything else), and with no width (a pipe, a file, {@code --wide})
     * shows them whole. A message that names its own report shows {@code <id>} instead, so that what it says about it
     * is what is seen.
     */
    static void printAuditTable(List<AuditRow> rows, boolean more, PrintWriter out, OptionalInt width) {
        String header = String.format("%-20s %6s %-36s %-10s %4s %5s  %s", "TIME (UTC)", "RUN", "REPORT ID",
                "OUTCOME", "HTTP", "CALLS", "MESSAGE");
        out.println(header);
        for (AuditRow r : rows) {
            // HTTP "read": the outcome comes from a read of the report, the answer to its resume being lost
            String line = String.format("%-20s %6s %-36s %-10s %4s %5s  ", time(r.createdAt()),
                    blank(r.jobExecutionId()), width.isPresent() ? fit(printable(r.reportId()), 36)
                            : printable(r.reportId()), r.outcome(),
                    r.confirmedByRead() ? "read" : blank(r.httpStatus()), blank(r.attempts()));
            String message = withoutItsOwnId(printable(r.message()), r.reportId());
            out.println(line + (width.isPresent()
                    ? fit(message, Math.max(MIN_MESSAGE, width.getAsInt() - line.length())) : message));
        }
        // a cut search says so: the rows left out are the oldest, and a count of them would read the whole match
        out.println(Plural.of(rows.size(), "row") + (more ? ", the latest: more match (--limit " + rows.size()
                + "); raise it or narrow the search" : ""));
        out.flush();
    }

    /** {@code message} with every mention of {@code reportId} (any case) as {@code <id>}. */
    static String withoutItsOwnId(String message, String reportId) {
        String id = reportId == null ? "" : reportId.strip();
        if (id.isEmpty() || message.isEmpty()) {
            return message;
        }
        return Pattern.compile(Pattern.quote(id), Pattern.CASE_INSENSITIVE).matcher(message).replaceAll("<id>");
    }

    void printRuns(List<RunRow> rows, PrintWriter out) {
        switch (this) {
            case JSON -> json(rows.stream().map(RunRow::columns).toList(), out);
            case CSV -> {
                RowFormats.csv(rows.stream().map(RunRow::columns).toList(), RunRow.COLUMNS, out);
            }
            case TABLE -> {
                // one column per outcome, as wide as its name; EXIT is the command line's exit code; DURATION fits
                // "999 min 59 s"
                StringBuilder header = new StringBuilder(String.format("%6s  %-20s %12s  %-9s %4s %7s", "RUN",
                        "STARTED (UTC)", "DURATION", "STATUS", "EXIT", "TOTAL"));
                for (ResumeOutcome outcome : ResumeOutcome.values()) {
                    header.append(' ').append(outcome.name());
                }
                out.println(header.append("  NOTE"));
                for (RunRow r : rows) {
                    StringBuilder line = new StringBuilder(String.format("%6d  %-20s %12s  %-9s %4s %7d",
                            r.jobExecutionId(), time(r.startTime()),
                            r.durationMs() == null ? "" : Durations.elapsed(r.durationMs()), r.status(),
                            r.exitCode() == null ? "-" : r.exitCode().toString(), r.total()));
                    for (ResumeOutcome outcome : ResumeOutcome.values()) {
                        line.append(' ').append(String.format("%" + outcome.name().length() + "d",
                                r.count(outcome)));
                    }
                    out.println(line.append("  ").append(r.note()).toString().stripTrailing());
                }
            }
        }
        out.flush();
    }

    /**
     * The queue ({@code pending}): one row per {@code PENDING} request, oldest first; the table ends with the count
     * of the whole queue and of its stale flags (CSV and JSON hold the rows only, each with {@code stale}).
     */
    void printPending(PendingQueue queue, Instant staleBefore, PrintWriter out, OptionalInt width) {
        switch (this) {
            case JSON -> json(queue.oldest(), out);
            case CSV -> csv(queue.oldest(), PendingRequest.class, out);
            case TABLE -> {
                out.println(String.format("%7s  %-20s %10s %-5s  %-36s %-12s  %s", "REQUEST", "FLAGGED (UTC)", "AGE",
                        "STALE", "REPORT ID", "BY", "REASON").stripTrailing());
                for (PendingRequest r : queue.oldest()) {
                    String line = String.format("%7d  %-20s %10s %-5s  %-36s %-12s  ", r.id(), time(r.requestedAt()),
                            Durations.age(r.ageSeconds()), r.stale() ? "stale" : "", fit(printable(r.reportId()), 36),
                            fit(printable(r.requestedBy()), 12));
                    out.println((line + cut(printable(r.reason()), width, line.length())).stripTrailing());
                }
                String stale = queue.stale() + " stale (flagged before " + time(OffsetDateTime.ofInstant(staleBefore,
                        ZoneOffset.UTC)) + ")";
                out.printf("%d pending, %s%s%n", queue.total(), stale, queue.total() > queue.oldest().size()
                        ? "; the oldest " + queue.oldest().size() + " shown (--limit)" : "");
            }
        }
        out.flush();
    }

    /**
     * The next run's plan ({@code run --dry-run}), in the order the job takes the requests; the table ends with what
     * the run would do (CSV and JSON hold the rows only).
     */
    void printPlan(RunPlan.Plan plan, PrintWriter out) {
        switch (this) {
            case JSON -> json(plan.requests(), out);
            case CSV -> csv(plan.requests(), RunPlan.Planned.class, out);
            case TABLE -> {
                out.println(String.format("%7s  %-36s %-10s  %-10s %s", "REQUEST", "REPORT ID", "PLAN", "STATUS NOW",
                        "EXPECTED").stripTrailing());
                for (RunPlan.Planned r : plan.requests()) {
                    out.println(String.format("%7d  %-36s %-10s  %-10s %s", r.requestId(), fit(printable(r.reportId()),
                            36), r.plan(), r.reportStatus() == null ? "" : printable(r.reportStatus()),
                            r.expectedOutcome() == null ? "" : r.expectedOutcome()).stripTrailing());
                }
                long calls = plan.requests().size() - plan.malformed();
                out.printf("%s PENDING: %d would be resumed, %d malformed (INVALID_ID, no call)%s%n",
                        Plural.of(plan.requests().size(), "request"), calls, plan.malformed(), plan.checked()
                                ? "; the API lists them now as " + plan.byStatus().entrySet().stream()
                                        .map(e -> e.getValue() + " " + printable(e.getKey()))
                                        .collect(java.util.stream.Collectors.joining(", "))
                                : " (--check reads their status now)");
                out.println("Dry run: nothing was resumed or written.");
            }
        }
        out.flush();
    }

    /**
     * One report's flags, oldest first: every request, what became of it (outcome or withdrawal) and why. As a
     * table, a block of its own below {@code audit --report}'s calls: two lines per flag, a third for one withdrawn
     * too late (a run had already read it: its outcome stands).
     */
    void printFlags(List<RequestRow> flags, PrintWriter out, OptionalInt width) {
        switch (this) {
            case JSON -> json(flags, out);
            case CSV -> csv(flags, RequestRow.class, out);
            case TABLE -> {
                out.println(flags.isEmpty() ? "No flags: nobody flagged this report"
                        : "Flags (resume_request), oldest first:");
                for (RequestRow r : flags) {
                    out.println(cut("  request " + r.id() + "  flagged " + time(r.requestedAt()) + " by "
                            + printable(r.requestedBy()) + (r.reason() == null ? "" : ": " + printable(r.reason())),
                            width, 0));
                    String withdrawal = r.withdrawnAt() == null ? null : "withdrawn " + time(r.withdrawnAt()) + " by "
                            + printable(r.withdrawnBy())
                            + (r.withdrawReason() == null ? "" : ": " + printable(r.withdrawReason()));
                    switch (r.status()) {
                        case "PENDING" -> out.println("      PENDING: the next run takes it");
                        case "WITHDRAWN" -> out.println(cut("      WITHDRAWN: " + withdrawal + "; no run took it",
                                width, 0));
                        default -> {
                            out.println(cut("      " + r.status() + ": " + (r.lastOutcome() == null
                                    ? "closed without a call" : r.lastOutcome() + " in execution "
                                            + r.lastJobExecutionId() + ", " + time(r.updatedAt()) + " ("
                                            + Plural.of(r.attempts(), "call") + ")"), width, 0));
                            if (withdrawal != null) {
                                // withdrawn while a run had already read it: the run's outcome stands
                                out.println(cut("      and " + withdrawal + ", too late: that run had read it",
                                        width, 0));
                            }
                        }
                    }
                }
                out.println(Plural.of(flags.size(), "flag"));
            }
        }
        out.flush();
    }

    /** {@code text} cut to fit {@code width} after {@code used} columns; whole without a width (not a terminal). */
    private static String cut(String text, OptionalInt width, int used) {
        return width.isPresent() ? fit(text, Math.max(MIN_MESSAGE, width.getAsInt() - used)) : text;
    }

    private static void json(List<?> rows, PrintWriter out) {
        RowFormats.json(rows, out);
    }

    private static void csv(List<?> rows, Class<?> type, PrintWriter out) {
        RowFormats.csv(rows, type, out);
    }

    static String time(OffsetDateTime t) {
        return t == null ? "" : TIME.format(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
    }

    private static String blank(Object value) {
        return value == null ? "" : value.toString();
    }

    static String printable(String s) {
        return s == null ? "" : UntrustedText.printable(s);
    }

    private static String fit(String s, int width) {
        if (s == null) {
            return "";
        }
        if (width <= 1) {
            return "";
        }
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
