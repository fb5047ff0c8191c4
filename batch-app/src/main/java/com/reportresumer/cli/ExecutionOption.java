package com.reportresumer.cli;

import com.reportresumer.audit.AuditTrail;
import picocli.CommandLine.Option;

/** {@code --run EXECUTION_ID}: narrows a command to one execution, which must exist. */
class ExecutionOption {

    @Option(names = "--run", paramLabel = "EXECUTION_ID", description = "only this execution (see `runs`)")
    Long run;

    /** The execution asked for, null when none was; refused (exit 2) when it names no execution. */
    Long existing(AuditTrail trail) {
        if (run != null && !trail.runExists(run)) {
            throw new UsageException("there is no execution " + run + " (see `runs`)");
        }
        return run;
    }
}
