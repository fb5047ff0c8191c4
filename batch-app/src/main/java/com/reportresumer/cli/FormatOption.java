package com.reportresumer.cli;

import picocli.CommandLine.Option;

/** {@code --format}, for the commands that print rows ({@code audit}, {@code runs}). */
class FormatOption {

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE})")
    OutputFormat format;
}
