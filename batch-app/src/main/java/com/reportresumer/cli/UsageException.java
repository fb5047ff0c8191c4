package com.reportresumer.cli;

/** The command line asks for something that cannot be done; exits 2 with the message. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
