package com.reportresumer.cli;

import com.reportresumer.flag.RequestQueue;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pending}: the queue without SQL. Read-only, so it also runs as {@code resumer_ops}. Stale flags are the
 * ones no run took although one should have: a completed run leaves nothing behind that was flagged before it.
 */
@Command(name = "pending", mixinStandardHelpOptions = true,
        header = "Lists the queue: every PENDING request, oldest first.",
        description = { "Lists the queue: every PENDING request, oldest first (the order the next run takes them).",
                "Flags older than --stale are marked stale: no run has taken them since they were made." })
class PendingCommand extends RowsCommand {

    @Option(names = "--limit", defaultValue = "1000",
            description = "at most this many requests, the oldest (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--stale", paramLabel = "AGE", defaultValue = "1d",
            description = "flags older than this are stale: relative (12h, 2d) or a time, ISO-8601 "
                    + "(default: ${DEFAULT-VALUE})")
    String stale;

    private Instant staleBefore;

    @Override
    int limit() {
        return limit;
    }

    @Override
    void check() {
        staleBefore = TimeArgument.parse("--stale", stale, Clock.systemUTC());
    }

    @Override
    int print(ConfigurableApplicationContext context) {
        output.format.printPending(context.getBean(RequestQueue.class).pending(limit, staleBefore), staleBefore,
                out(), terminalWidth());
        return ExitCodes.OK;
    }
}
