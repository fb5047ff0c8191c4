package com.reportresumer.cli;

import com.reportresumer.notify.NoSuccessWatch;
import com.reportresumer.schedule.NightlyRuns;
import picocli.CommandLine.Command;

@Command(name = "schedule", mixinStandardHelpOptions = true,
        header = "Stays up and runs the job every night (cron).",
        description = { "Stays up and runs the job by resumer.schedule.cron (default 0 0 2 * * *, nightly) in",
                "resumer.schedule.zone (default UTC), never two runs at once, even across instances.",
                "Serves /actuator/health and /actuator/prometheus on server.port (default 8081, 127.0.0.1),",
                "and the ops console as `console` does (resumer.console.enabled=false: not).",
                "SIGTERM lets a running chunk finish and leaves the execution restartable." })
class ScheduleCommand extends Subcommand implements Subcommand.RunsTheJob {

    @Override
    public Integer call() throws Exception {
        ContextSpec spec = ContextSpec.batch().servingHttp().requiringCredentials();
        return inContext(spec, context -> {
            // the process that is up anyway tells when no run has succeeded for resumer.notify.no-success-after
            try (NoSuccessWatch.Watching watching = context.getBean(NoSuccessWatch.class).watch()) {
                return context.getBean(NightlyRuns.class).serve();
            }
        });
    }
}
