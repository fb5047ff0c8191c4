package com.reportresumer.cli;

import com.reportresumer.failure.Causes;
import com.reportresumer.partnercenter.InvalidConfigurationException;
import com.reportresumer.partnercenter.PartnerCenterException;
import com.reportresumer.resume.ResumeRuns;
import com.reportresumer.text.UntrustedText;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Turns any failure of a command into one line a person understands, and the exit code the README documents (Exit codes). Messages
 * quote exceptions, which may quote the API or the database, so the line is made safe for a terminal here.
 */
record CliFailure(int exitCode, String message) {

    /** The advice of a database failure to a command that does not run the job. */
    private static final String CHECK_THE_DATABASE = "check that PostgreSQL is up and that spring.datasource.url "
            + "(SPRING_DATASOURCE_URL) points at it, then try again";

    CliFailure {
        message = UntrustedText.oneLine(message);
    }

    /** {@code failure} of a command that runs the job ({@code run}, {@code restart}, ...). */
    static CliFailure of(Throwable failure) {
        return of(failure, true);
    }

    /**
     * {@code failure} as one line and its exit code. {@code runsTheJob} says whose failure it is: a command that runs
     * the job is told how to continue the interrupted run; any other is told what to check.
     */
    static CliFailure of(Throwable failure, boolean runsTheJob) {
        List<Throwable> chain = Causes.of(failure);
        for (Throwable t : chain) {
            if (t instanceof ResumeRuns.AlreadyRunningException) {
                return new CliFailure(ExitCodes.ALREADY_RUNNING, t.getMessage());
            }
            if (t instanceof ResumeRuns.NotRestartableException || t instanceof UsageException) {
                return new CliFailure(ExitCodes.USAGE, t.getMessage());
            }
            if (t instanceof InvalidConfigurationException) {
                return new CliFailure(ExitCodes.USAGE, "Configuration error: " + t.getMessage());
            }
            if (t instanceof BindValidationException bve) {
                return new CliFailure(ExitCodes.USAGE, "Configuration error: " + describe(bve));
            }
            if (t instanceof PartnerCenterException pce) {
                return new CliFailure(ExitCodes.FAILED, "Partner Center: " + pce.getMessage());
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SQLException sql) {
                return database(sql, runsTheJob);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof BindException bind) {
                return new CliFailure(ExitCodes.USAGE, "Configuration error: cannot read "
                        + bind.getName() + ": " + Causes.root(t).getMessage());
            }
            if (t.getMessage() != null && t.getMessage().contains("Failed to determine a suitable driver class")) {
                return noDatabase();
            }
            if (t instanceof IllegalArgumentException && t.getMessage() != null
                    && t.getMessage().contains("'url' must start with \"jdbc\"")) {
                // never the URL itself: it may hold a password
                return new CliFailure(ExitCodes.USAGE, "Configuration error: spring.datasource.url must be a JDBC URL "
                        + "such as jdbc:postgresql://db.example:5432/resumer (postgresql://... is psql's form)");
            }
        }
        Throwable root = Causes.root(failure);
        return new CliFailure(ExitCodes.FAILED, "Unexpected error: " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()));
    }

    private static CliFailure noDatabase() {
        return new CliFailure(ExitCodes.USAGE, "Configuration error: no database configured: set "
                + "spring.datasource.url (SPRING_DATASOURCE_URL), .username and .password");
    }

    /** Wrong credentials or database name are configuration errors (2); a database that does not answer is 1. */
    private static CliFailure database(SQLException e, boolean runsTheJob) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String detail = e.getMessage();
        if (state.startsWith("28") || state.equals("3D000")) {
            return new CliFailure(ExitCodes.USAGE, "Configuration error: the database refused the connection: "
                    + detail);
        }
        ConnectException refused = (ConnectException) Causes.of(e).stream().filter(ConnectException.class::isInstance)
                .findFirst().orElse(null);
        if (refused != null) {
            return new CliFailure(ExitCodes.FAILED, "Cannot reach the database (" + UntrustedText.oneLine(
                    refused.getMessage()) + "): " + (runsTheJob ? "nothing half-written is kept; once it is back, "
                    + "`restart` continues an interrupted run" : CHECK_THE_DATABASE));
        }
        if (state.startsWith("08") || state.startsWith("57P") || (detail != null && detail.contains("onnection"))) {
            return new CliFailure(ExitCodes.FAILED, "Lost the database connection (" + detail + "): "
                    + (runsTheJob ? "nothing half-written is kept; `restart` continues once the database is back"
                            : CHECK_THE_DATABASE));
        }
        return new CliFailure(ExitCodes.FAILED, "Database error: " + detail);
    }

    private static String describe(BindValidationException e) {
        List<String> problems = new ArrayList<>();
        for (ObjectError error : e.getValidationErrors().getAllErrors()) {
            if (error instanceof FieldError field) {
                problems.add(e.getValidationErrors().getName() + "." + toKebab(field.getField()) + " "
                        + field.getDefaultMessage() + " (was " + field.getRejectedValue() + ")");
            }
            else {
                problems.add(error.getDefaultMessage());
            }
        }
        return String.join("; ", problems);
    }

    static String toKebab(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

}
