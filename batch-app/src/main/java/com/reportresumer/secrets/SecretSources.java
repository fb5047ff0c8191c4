package com.reportresumer.secrets;

import com.reportresumer.partnercenter.InvalidConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where secrets may come from: the environment, a file named by a {@code *_FILE} variable (a Kubernetes secret
 * volume, a systemd credential: {@code RESUMER_PARTNERCENTER_CLIENTSECRET_FILE=%d/client-secret}), or Spring
 * Boot's {@code spring.config.import=configtree:DIR/}. Never the command line: a process's arguments, system
 * properties included, are readable by every local user ({@code ps}, {@code /proc/PID/cmdline}).
 */
public final class SecretSources {

    /** A secret property and the environment variable that carries it. */
    public record SecretProperty(String name, String variable) {

        String canonical() {
            return SecretSources.canonical(name);
        }
    }

    public static final List<SecretProperty> PROPERTIES = List.of(
            new SecretProperty("resumer.partner-center.client-secret", "RESUMER_PARTNERCENTER_CLIENTSECRET"),
            new SecretProperty("resumer.partner-center.password", "RESUMER_PARTNERCENTER_PASSWORD"),
            new SecretProperty("resumer.partner-center.access-token", "RESUMER_PARTNERCENTER_ACCESSTOKEN"),
            new SecretProperty("spring.datasource.password", "SPRING_DATASOURCE_PASSWORD"),
            new SecretProperty("spring.flyway.password", "SPRING_FLYWAY_PASSWORD"),
            // a Teams or Slack webhook's URL is its own key
            new SecretProperty("resumer.notify.webhook-url", "RESUMER_NOTIFY_WEBHOOKURL"));

    /** A secret file larger than this is a mistake (a certificate bundle, a directory listing), not a secret. */
    static final int MAX_FILE_BYTES = 64 * 1024;

    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)[?&;]password=([^&;]*)");

    /**
     * How a secret's name ends, in the canonical form: whatever the property belongs to (a pool's password, a key
     * store's, another library's secret, an OpenID client's {@code …registration.<id>.client-secret}, a console
     * user's {@code …users[N].password-hash}, which can be cracked offline), a value so named is a secret: from the
     * environment, a file or a configtree, never the command line, and registered with {@link Secrets}.
     */
    private static final List<String> SECRET_NAME_ENDINGS = List.of("password", "secret", "passphrase",
            "accesstoken", "passwordhash");

    /** Spring Boot reads this from the arguments too, and it may carry any property: never on the command line. */
    private static final String APPLICATION_JSON = "spring.application.json";

    private SecretSources() {
    }

    /**
     * Refuses secrets given as {@code --name=value} arguments or {@code -Dname=value} system properties, in any of
     * Spring's relaxed spellings, and a JDBC URL that carries a password.
     *
     * @throws InvalidConfigurationException naming the environment variable and the file variable to use instead
     */
    public static void refuseOnCommandLine(List<String> propertyArguments, Properties systemProperties) {
        for (String argument : propertyArguments) {
            int eq = argument.indexOf('=');
            String name = argument.substring(argument.startsWith("--") ? 2 : 0, eq < 0 ? argument.length() : eq);
            refuse(name, eq < 0 ? "" : argument.substring(eq + 1), "an argument");
        }
        for (String name : systemProperties.stringPropertyNames()) {
            refuse(name, systemProperties.getProperty(name), "a system property (-D)");
        }
    }

    private static void refuse(String name, String value, String how) {
        String canonical = canonical(name);
        for (SecretProperty secret : PROPERTIES) {
            if (secret.canonical().equals(canonical)) {
                throw new InvalidConfigurationException(secret.name() + " must not be given as " + how
                        + ", where any local user can read it: set " + secret.variable() + ", or "
                        + secret.variable() + "_FILE to a file that holds it");
            }
        }
        if (isNamedAsASecret(name)) {
            throw new InvalidConfigurationException(name + " is named as a secret and must not be given as " + how
                    + ", where any local user can read it: set " + variableOf(name) + " in the environment, or "
                    + "import it from a file with spring.config.import=configtree:DIR/");
        }
        if (canonical.equals(canonical(APPLICATION_JSON))) {
            throw new InvalidConfigurationException(APPLICATION_JSON + " must not be given as " + how + ", where any "
                    + "local user can read it (it can carry any property, secrets among them): set "
                    + "SPRING_APPLICATION_JSON in the environment, or give the properties in a file");
        }
        if (isUrl(canonical) && PASSWORD_IN_URL.matcher(value).find()) {
            String password = canonical.equals(canonical("spring.datasource.url"))
                    ? "set SPRING_DATASOURCE_PASSWORD, or SPRING_DATASOURCE_PASSWORD_FILE to a file that holds it"
                    : "give the password in its own property, from the environment or a file";
            throw new InvalidConfigurationException(name + " must not carry a password when given as " + how + ": "
                    + password);
        }
    }

    /** Whether {@code name}, in any spelling, ends as a secret's name does ({@link #SECRET_NAME_ENDINGS}). */
    static boolean isNamedAsASecret(String name) {
        String canonical = canonical(name);
        // a logger's level names a logger (…crypto.password), and its value is a level
        return !canonical.startsWith("logginglevel") && SECRET_NAME_ENDINGS.stream().anyMatch(canonical::endsWith);
    }

    /**
     * The secret a configured property holds, to be registered with {@link Secrets}: the whole value of a property
     * named as a secret, the password of a URL that carries one; null otherwise.
     */
    public static String secretIn(String name, String value) {
        if (value == null) {
            return null;
        }
        if (isNamedAsASecret(name)) {
            return value;
        }
        Matcher password = PASSWORD_IN_URL.matcher(value);
        return isUrl(canonical(name)) && password.find() && !password.group(1).isEmpty() ? password.group(1) : null;
    }

    /** Whether the name, canonical, is one of a URL's ({@code …url}, {@code …uri}). */
    private static boolean isUrl(String canonical) {
        return canonical.endsWith("url") || canonical.endsWith("uri");
    }

    /**
     * Whether {@code name} is in the application's or Spring's own namespace ({@code resumer.…}, {@code spring.…},
     * in any spelling): of the process's environment and system properties only those are read as its settings, and
     * only those may be taken for its secrets by their names (a {@code POSTGRES_PASSWORD=postgres} beside them is
     * another program's, and redacting its value would blank every "postgres" in every line).
     */
    public static boolean isTheApplications(String name) {
        String canonical = canonical(name);
        return canonical.startsWith("resumer") || canonical.startsWith("spring");
    }

    /**
     * The secrets read from the files that {@code *_FILE} variables of {@code environment} name, as properties. A
     * trailing newline (what an editor or {@code echo} leaves) is not part of the secret.
     *
     * @throws InvalidConfigurationException when a file cannot be read, or a secret is set both ways
     */
    public static Map<String, Object> fromFiles(Map<String, String> environment) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (SecretProperty secret : PROPERTIES) {
            String fileVariable = secret.variable() + "_FILE";
            String file = environment.get(fileVariable);
            if (file == null || file.isBlank()) {
                continue;
            }
            if (environment.containsKey(secret.variable())) {
                throw new InvalidConfigurationException("both " + secret.variable() + " and " + fileVariable
                        + " are set: keep one");
            }
            properties.put(secret.name(), read(Path.of(file.strip()), fileVariable));
        }
        return properties;
    }

    private static String read(Path file, String variable) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new InvalidConfigurationException(variable + " names " + file + ", which is not a readable file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new InvalidConfigurationException(variable + " names " + file + ", which is larger than "
                        + MAX_FILE_BYTES / 1024 + " KiB: not a secret");
            }
            String value = Files.readString(file, StandardCharsets.UTF_8).replaceAll("[\r\n]+$", "");
            if (value.isBlank()) {
                throw new InvalidConfigurationException(variable + " names " + file + ", which is empty");
            }
            Secrets.register(value); // before the context even starts: nothing it logs can hold the value
            return value;
        }
        catch (IOException e) {
            throw new InvalidConfigurationException(variable + " names " + file + ", which cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** The environment variable Spring Boot binds to {@code name}: {@code users[0].password-hash} is {@code USERS_0_PASSWORDHASH}. */
    static String variableOf(String name) {
        return name.replaceAll("\\[([0-9]+)]", "_$1").replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * The name with case and every separator ignored, so that each of Spring's relaxed spellings
     * ({@code clientSecret}, {@code client_secret}, {@code RESUMER_PARTNERCENTER_CLIENTSECRET}) is recognised.
     */
    public static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
