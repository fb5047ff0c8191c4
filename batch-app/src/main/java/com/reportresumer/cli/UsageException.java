package com.reportresumer.cli;

/** The command line asks for something that cannot be done; exits 2 with the message. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }

    /** {@code --limit}'s rule, the same for every command that has one. */
    static int positiveLimit(int limit) {
        if (limit < 1) {
            throw new UsageException("--limit must be at least 1");
        }
        return limit;
    }
}
