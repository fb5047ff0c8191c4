/**
 * Secrets — the client secret, the password grant's password, bearer tokens, the database password — never reach
 * an output, whatever the configuration. Two mechanisms, both by construction rather than by a logging property
 * someone must remember to set:
 * <ul>
 * <li>{@link com.reportresumer.secrets.SecretsNeverLogged} sits in front of every Logback logger: it silences the
 * HTTP client's wire and header dumps at any level, and replaces every known secret in any other log line before
 * an appender sees it. {@link com.reportresumer.secrets.Secrets} is the registry it checks: configured secrets are
 * registered when the environment is ready, tokens the moment they are received.</li>
 * <li>{@link com.reportresumer.secrets.SecretSources} refuses secrets on the command line (any local user can read
 * a process's arguments) and reads them from the environment or from files ({@code *_FILE} variables), as
 * Kubernetes secret volumes and systemd credentials provide them.</li>
 * </ul>
 */
package com.reportresumer.secrets;
