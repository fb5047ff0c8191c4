package com.reportresumer.cli;

import com.reportresumer.flag.FlagReport;
import com.reportresumer.flag.PausedFlagger;
import com.reportresumer.flag.ReportFlagger;
import com.reportresumer.text.UntrustedText;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "flag", mixinStandardHelpOptions = true,
        header = "Adds PENDING requests for the next run.",
        description = { "Malformed IDs are listed and not inserted; IDs already pending are not flagged twice.",
                "--all-paused --dry-run lists the Paused reports it would flag and flags nothing." })
class FlagCommand extends Subcommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static class Source {

        @Parameters(paramLabel = "REPORT_ID", arity = "1..*", description = "report IDs (UUIDs)")
        List<String> reportIds;

        @Option(names = "--file", paramLabel = "PATH",
                description = "one ID per line (blank lines and # comments ignored), or a CSV with a report_id column")
        Path file;

        @Option(names = "--all-paused", description = "asks the API for the tenant's reports and flags the Paused ones")
        boolean allPaused;
    }

    @Option(names = "--dry-run", description = "with --all-paused: lists the Paused reports it would flag, flags "
            + "nothing")
    boolean dryRun;

    @Mixin
    WhoAndWhy asker;

    @Override
    public Integer call() throws Exception {
        if (dryRun && !source.allPaused) {
            throw new UsageException("--dry-run goes with --all-paused only: the IDs of a list or a file are flagged "
                    + "as given (`pending` shows the queue)");
        }
        if (dryRun) {
            return inContext(ContextSpec.batch().requiringCredentials(), context -> preview(
                    context.getBean(PausedFlagger.class)));
        }
        if (source.file != null && Files.isDirectory(source.file)) {
            throw new UsageException(source.file + " is a directory: give a file of report IDs, one per line");
        }
        if (source.file != null && !Files.isReadable(source.file)) {
            throw new UsageException("cannot read " + source.file);
        }
        // only --all-paused asks the API: IDs of the line or a file need the database only
        ContextSpec spec = source.allPaused ? ContextSpec.batch().requiringCredentials() : ContextSpec.database();
        return inContext(spec, context -> {
            FlagReport report;
            if (source.allPaused) {
                report = context.getBean(PausedFlagger.class).flagAllPaused(asker.by, asker.reason);
            }
            else {
                ReportFlagger flagger = context.getBean(ReportFlagger.class);
                try (Stream<String> ids = source.file != null ? ReportIdFile.open(source.file)
                        : source.reportIds.stream()) {
                    report = flagger.flag(ids, asker.by, asker.reason);
                }
                catch (CharacterCodingException notText) {
                    throw notUtf8();
                }
                catch (UncheckedIOException unreadable) {
                    if (unreadable.getCause() instanceof CharacterCodingException) {
                        throw notUtf8();
                    }
                    throw unreadable.getCause();
                }
                if (source.file != null && report.added() + report.alreadyPending() + report.malformed().size() == 0) {
                    tell(source.file + " holds no report IDs (only blank lines or # comments): nothing to flag");
                }
            }
            var out = out();
            out.println(report.counts());
            for (String malformed : report.malformed()) {
                out.println("  malformed (not a UUID): " + UntrustedText.printable(malformed));
            }
            out.flush();
            if (report.malformed().isEmpty()) {
                return ExitCodes.OK;
            }
            int malformed = report.malformed().size();
            tell(malformed + " of the IDs " + (malformed == 1 ? "is" : "are") + " malformed (not a UUID: listed above) "
                    + "and " + (malformed == 1 ? "was" : "were") + " not flagged"
                    + (report.added() + report.alreadyPending() > 0 ? "; the others were" : ""));
            return ExitCodes.USAGE;
        });
    }

    /**
     * The dry run of {@code --all-paused}: each Paused report as its page arrives (ID, name, and whether it is
     * already pending), then the counts {@code flag --all-paused} would print. Exit 0: nothing was asked to change.
     */
    private int preview(PausedFlagger flagger) throws InterruptedException {
        PrintWriter out = out();
        out.printf("%-36s  %s%n", "REPORT ID", "NAME");
        FlagReport report = flagger.previewAllPaused(paused -> {
            String note = switch (paused.wouldBe()) {
                case ADDED -> "";
                case ALREADY_PENDING -> "  (already pending)";
                case MALFORMED -> "  (malformed: not a UUID, would not be flagged)";
            };
            String id = UntrustedText.printable(paused.reportId());
            String name = paused.reportName() == null ? "" : UntrustedText.printable(paused.reportName());
            out.println(String.format("%-36s  %s%s", id.length() > 36 ? UntrustedText.cut(id, 35) + "…" : id,
                    name.length() > 60 ? UntrustedText.cut(name, 59) + "…" : name, note).stripTrailing());
        });
        out.printf("%d would be added, %d already pending, %d malformed (dry run: nothing was flagged)%n",
                report.added(), report.alreadyPending(), report.malformed().size());
        out.flush();
        return ExitCodes.OK;
    }

    /** Found on opening or half-way through: nothing was flagged either way, the whole file is one transaction. */
    private UsageException notUtf8() {
        return new UsageException(source.file + " is not UTF-8 text: nothing was flagged");
    }
}
