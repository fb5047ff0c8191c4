/**
 * The command line, for people and for scripts alike: data alone on standard output, messages and logs on standard
 * error, and the exit codes of the README for every command.
 * <p>
 * Each command is a picocli {@link com.reportresumer.cli.Subcommand} that states what it needs as a
 * {@link com.reportresumer.cli.ContextSpec} (a database, credentials, a web server) and does its work inside the
 * one application context {@link com.reportresumer.cli.ResumerCli} opens for it, so that no command boots more than
 * it uses and every failure, whichever command meets it, is mapped to one line and one exit code by
 * {@link com.reportresumer.cli.CliFailure}. {@link com.reportresumer.cli.Main} owns the process: streams, logging,
 * signals and the exit code.
 */
package com.reportresumer.cli;
