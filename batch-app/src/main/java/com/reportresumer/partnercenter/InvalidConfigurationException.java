package com.reportresumer.partnercenter;

/** A configuration value is missing or wrong; the message is one line that says which and how to fix it. */
public class InvalidConfigurationException extends IllegalArgumentException {

    public InvalidConfigurationException(String message) {
        super(message);
    }
}
