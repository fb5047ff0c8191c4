package com.reportresumer.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.EnvVar;
import com.reportresumer.testsupport.ResumerEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A wrong {@code resumer.notify.*} is one line at start-up and exit 2, and a wrong webhook URL is told by what is
 * wrong with it: neither that line nor the stack traces of {@code --debug} quote the URL, which is the webhook's key.
 * On the command line the URL is refused like every secret.
 */
class NotifyConfigurationTest {

    private static final String SLACK = "hooks.slack.com/services/T0R3S/B0M3R/" + WebhookReceiver.KEY;

    @RegisterExtension
    static final ResumerEnvironment env = ResumerEnvironment.forCommands();

    private static CliRun runWithWebhook(String url, String... more) {
        String[] args = new String[more.length + 1];
        args[0] = EnvVar.of("RESUMER_NOTIFY_WEBHOOKURL", url);
        System.arraycopy(more, 0, args, 1, more.length);
        return env.cli("run", args);
    }

    private static void assertRefusedInOneLine(CliRun result, String saying) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err().lines().toList()).as(result.toString()).hasSize(1);
        assertThat(result.err()).startsWith("report-resumer: Configuration error: " + saying);
        assertThat(result.out() + result.err()).doesNotContain(WebhookReceiver.KEY);
    }

    @Test
    void plainHttpToAHostThatIsNotLoopbackIsRefusedWithoutQuotingTheUrl() {
        assertRefusedInOneLine(runWithWebhook("http://" + SLACK), "resumer.notify.webhook-url "
                + "(RESUMER_NOTIFY_WEBHOOKURL) uses plain http to a host that is not loopback: use https");
    }

    @Test
    void aMalformedUrlIsRefusedWithoutQuotingItEvenInTheStackTracesOfDebug() {
        CliRun plain = runWithWebhook("https://" + SLACK + " and more");
        assertRefusedInOneLine(plain, "resumer.notify.webhook-url (RESUMER_NOTIFY_WEBHOOKURL) is not a URL");

        CliRun debug = runWithWebhook("https://" + SLACK + " and more", "--debug");
        assertThat(debug.exitCode()).isEqualTo(2);
        assertThat(debug.err()).as("--debug prints the stack trace").contains("\tat ").contains("is not a URL")
                .doesNotContain(WebhookReceiver.KEY);
        assertThat(debug.out()).doesNotContain(WebhookReceiver.KEY);
    }

    @Test
    void aUrlWithoutSchemeIsRefused() {
        assertRefusedInOneLine(runWithWebhook(SLACK), "resumer.notify.webhook-url (RESUMER_NOTIFY_WEBHOOKURL) must be "
                + "an absolute https URL");
    }

    @Test
    void theUrlOnTheCommandLineIsRefusedAndNotEchoed() {
        CliRun result = env.cli("run", "--resumer.notify.webhook-url=https://" + SLACK);
        assertRefusedInOneLine(result, "resumer.notify.webhook-url must not be given as an argument");
        assertThat(result.err()).contains("RESUMER_NOTIFY_WEBHOOKURL_FILE");
    }

    @Test
    void otherNotifyPropertiesAreCheckedToo() {
        assertRefusedInOneLine(runWithWebhook("https://" + SLACK, "--resumer.notify.no-success-after=500ms"),
                "resumer.notify.no-success-after must be at least 1s");
        assertRefusedInOneLine(runWithWebhook("https://" + SLACK, "--resumer.notify.timeout=5m"),
                "resumer.notify.timeout must be between");
        assertRefusedInOneLine(runWithWebhook("https://" + SLACK, "--resumer.notify.console-url=console.internal"),
                "resumer.notify.console-url must be an absolute http(s) URL");
    }

    @Test
    void anHttpsUrlIsAccepted() {
        CliRun result = runWithWebhook("https://" + SLACK, "--dry-run");
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }
}
