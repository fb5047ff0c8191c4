package com.reportresumer.notify;

import java.util.Map;

/**
 * What is posted to the webhook: a JSON object ({@link #body()}) whose {@code text} field is one line that Slack's
 * incoming webhooks and a Teams workflow show as it is, and whose other fields say the same for a workflow that
 * wants to branch or format. The line starts {@code report-resumer:} so that a channel shared with other tools
 * shows whose it is.
 */
sealed interface Notification permits RunEnded, NoSuccess {

    /** The start of every {@link #text()}. */
    String PREFIX = "report-resumer: ";

    /** The JSON object to post, {@code text} among its fields; in the order a person reads it. */
    Map<String, Object> body();

    /** The one line people see. */
    String text();

    /** What the notification is about, for this process's own log lines: never the webhook, never a link. */
    String subject();
}
