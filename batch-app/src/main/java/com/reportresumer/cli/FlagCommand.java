package com.reportresumer.cli;

import com.reportresumer.flag.FlagReport;
import com.reportresumer.flag.ReportFlagger;
import com.reportresumer.text.UntrustedText;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "flag", mixinStandardHelpOptions = true, header = "Adds PENDING requests for the next run.",
        description = { "Adds PENDING requests for the next run.",
                "Malformed IDs are listed and not inserted; IDs already pending are not flagged twice." })
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

    @Option(names = "--reason", description = "why, stored with each request")
    String reason;

    @Option(names = "--by", description = "who asks, stored with each request (default: the OS user)")
    String by = System.getProperty("user.name");

    @Override
    public Integer call() throws Exception {
        if (source.file != null && Files.isDirectory(source.file)) {
            throw new UsageException(source.file + " is a directory: give a file of report IDs, one per line");
        }
        if (source.file != null && !Files.isReadable(source.file)) {
            throw new UsageException("cannot read " + source.file);
        }
        // only --all-paused asks the API
        ContextSpec spec = source.allPaused ? ContextSpec.batch().requiringCredentials() : ContextSpec.batch();
        return inContext(spec, context -> {
            ReportFlagger flagger = context.getBean(ReportFlagger.class);
            FlagReport report;
            if (source.allPaused) {
                report = flagger.flagAllPaused(by, reason);
            }
            else {
                try (Stream<String> ids = source.file != null ? ReportIdFile.open(source.file)
                        : source.reportIds.stream()) {
                    report = flagger.flag(ids, by, reason);
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
            out.printf("%d added, %d already pending, %d malformed%n", report.added(), report.alreadyPending(),
                    report.malformed().size());
            for (String malformed : report.malformed()) {
                out.println("  malformed (not a UUID): " + UntrustedText.printable(malformed));
            }
            out.flush();
            return report.malformed().isEmpty() ? ExitCodes.OK : ExitCodes.USAGE;
        });
    }

    /** Found on opening or half-way through: nothing was flagged either way, the whole file is one transaction. */
    private UsageException notUtf8() {
        return new UsageException(source.file + " is not UTF-8 text: nothing was flagged");
    }
}
