package com.reportresumer.cli;

/** The command line asks for something that cannot be done; exits 2 with the message. */
class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
