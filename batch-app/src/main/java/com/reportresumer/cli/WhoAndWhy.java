package com.reportresumer.cli;

import picocli.CommandLine.Option;

/**
 * {@code --by} and {@code --reason}: who asks and why, stored with each flag ({@code flag}) or withdrawal
 * ({@code unflag}) so that the audit trail can answer "who wanted this, and why?".
 */
class WhoAndWhy {

    @Option(names = "--reason", description = "why, stored with each request or withdrawal")
    String reason;

    @Option(names = "--by", description = "who asks, stored with each request or withdrawal (default: the OS user)")
    String by = System.getProperty("user.name");
}
