package com.reportresumer.notify;

import com.reportresumer.partnercenter.InvalidConfigurationException;
import com.reportresumer.secrets.Secrets;
import com.reportresumer.transport.PlainHttp;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how runs are told to people ({@code resumer.notify.*}).
 * <p>
 * {@code webhook-url} is a secret: a Teams workflow's or a Slack incoming webhook's URL is its own key, so whoever
 * reads it can post to the channel. It comes from the environment or a file ({@code RESUMER_NOTIFY_WEBHOOKURL},
 * {@code RESUMER_NOTIFY_WEBHOOKURL_FILE}), never the command line, and no message of this class quotes it, not even
 * the part that is wrong: a bad URL is reported by what is wrong with it. Only https, or plain http to a literal
 * loopback address (a test's or a local relay's), as for the Partner Center URLs: a key never crosses a network in
 * clear text. Unset, nothing is ever sent.
 *
 * @param webhookUrl where each notification is posted as JSON; none: no notifications
 * @param consoleUrl the ops console's base URL as people reach it (a run's link is {@code {console-url}/runs/{id}});
 *        none: the notifications carry no link
 * @param noSuccessAfter {@code schedule} tells the webhook once when no execution has {@code COMPLETED} for this
 *        long; none: it does not watch
 * @param attempts tries per notification
 * @param timeout for connecting and for the answer, per try
 * @param backoff the pause before the second try, doubled before each further one
 * @param exitWait how long the end of a command waits for a notification still on its way
 */
@Validated
@ConfigurationProperties("resumer.notify")
public record NotifyProperties(String webhookUrl, String consoleUrl, Duration noSuccessAfter,
        @DefaultValue("3") @Min(1) @Max(10) int attempts,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("1s") Duration backoff,
        @DefaultValue("5s") Duration exitWait) {

    /** The longest {@code timeout}, {@code backoff} and {@code exit-wait} may be: a notification is no run. */
    static final Duration LONGEST = Duration.ofMinutes(1);

    public NotifyProperties {
        webhookUrl = blankToNull(webhookUrl);
        consoleUrl = blankToNull(consoleUrl);
        if (webhookUrl != null) {
            URI webhook = requireWebhookUrl(webhookUrl);
            // the forms a library could print it in besides the whole: the path with the query, and the query
            Secrets.register(webhookUrl);
            Secrets.register(webhook.getRawPath() + (webhook.getRawQuery() == null ? "" : "?" + webhook.getRawQuery()));
            Secrets.register(webhook.getRawQuery());
        }
        if (consoleUrl != null) {
            requireConsoleUrl(consoleUrl);
            consoleUrl = consoleUrl.replaceAll("/+$", "");
        }
        requireWithin("timeout", timeout, Duration.ofMillis(1));
        requireWithin("backoff", backoff, Duration.ZERO);
        requireWithin("exit-wait", exitWait, Duration.ZERO);
        if (noSuccessAfter != null && noSuccessAfter.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidConfigurationException("resumer.notify.no-success-after must be at least 1s (was "
                    + noSuccessAfter + "), e.g. 26h");
        }
    }

    /** The webhook, when one is configured. */
    Optional<URI> webhook() {
        return Optional.ofNullable(webhookUrl).map(URI::create);
    }

    /** The console's page of execution {@code id}; empty without a console URL. */
    Optional<String> runLink(long id) {
        return Optional.ofNullable(consoleUrl).map(base -> base + "/runs/" + id);
    }

    /** The console's list of runs; empty without a console URL. */
    Optional<String> runsLink() {
        return Optional.ofNullable(consoleUrl).map(base -> base + "/");
    }

    @Override
    public String toString() {
        return "NotifyProperties[webhookUrl=" + (webhookUrl == null ? "[none]" : "[redacted]") + ", consoleUrl="
                + consoleUrl + ", noSuccessAfter=" + noSuccessAfter + ", attempts=" + attempts + ", timeout="
                + timeout + ", backoff=" + backoff + ", exitWait=" + exitWait + "]";
    }

    /**
     * An absolute https URL (plain http only to a loopback literal), without user info or fragment. Every message
     * says what is wrong and never what was given; the parser's own exception, which quotes its input, is dropped.
     */
    private static URI requireWebhookUrl(String value) {
        String property = "resumer.notify.webhook-url (RESUMER_NOTIFY_WEBHOOKURL)";
        URI url;
        try {
            url = new URI(value.strip());
        }
        catch (URISyntaxException malformed) {
            throw new InvalidConfigurationException(property + " is not a URL (a character at position "
                    + malformed.getIndex() + " is not allowed there; the value is not shown: it is a secret)");
        }
        if (url.getRawUserInfo() != null) {
            throw new InvalidConfigurationException(property + " must not contain user info (user:password@)");
        }
        if (url.getScheme() == null || url.getHost() == null) {
            throw new InvalidConfigurationException(property + " must be an absolute https URL such as "
                    + "https://hooks.slack.com/services/… (the value is not shown: it is a secret)");
        }
        if (url.getRawFragment() != null) {
            throw new InvalidConfigurationException(property + " must not have a fragment (#…)");
        }
        PlainHttp.requireHttpsOrLoopback(property, url, false); // the URL is the webhook's key: not even its host
        return url;
    }

    /** The console's base: an absolute http(s) URL without user info, query or fragment. Not a secret. */
    private static void requireConsoleUrl(String value) {
        URI url;
        try {
            url = new URI(value.strip());
        }
        catch (URISyntaxException malformed) {
            throw new InvalidConfigurationException("resumer.notify.console-url is not a URL (was '" + value + "')");
        }
        if (url.getScheme() == null || url.getHost() == null
                || !("https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme()))) {
            throw new InvalidConfigurationException("resumer.notify.console-url must be an absolute http(s) URL such "
                    + "as https://resumer.example.internal (was '" + value + "')");
        }
        if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new InvalidConfigurationException("resumer.notify.console-url must be the console's base URL, "
                    + "without user info, query or fragment");
        }
    }

    private static void requireWithin(String name, Duration value, Duration least) {
        if (value == null || value.compareTo(least) < 0 || value.compareTo(LONGEST) > 0) {
            throw new InvalidConfigurationException("resumer.notify." + name + " must be between " + least.toMillis()
                    + "ms and " + LONGEST.toSeconds() + "s (was " + value + ")");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
