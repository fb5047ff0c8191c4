package com.reportresumer.cli;

import com.reportresumer.resume.RunReport;

/** The exit codes of every command, as the README documents them (Exit codes). */
public final class ExitCodes {

    /** The run completed and every request it processed was RESUMED (or the command did what was asked). */
    public static final int OK = RunReport.ALL_RESUMED;
    /** The job failed or was stopped and can be restarted; or an unexpected failure. */
    public static final int FAILED = RunReport.FAILED_RESTARTABLE;
    /** Usage or configuration error: one line says what is wrong. */
    public static final int USAGE = 2;
    /** The run completed but some requests ended otherwise than RESUMED. */
    public static final int NOT_ALL_RESUMED = RunReport.SOME_NOT_RESUMED;
    /** Another execution is running. */
    public static final int ALREADY_RUNNING = 4;

    private ExitCodes() {
    }
}
