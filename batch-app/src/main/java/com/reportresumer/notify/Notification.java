package com.reportresumer.notify;

import java.util.LinkedHashMap;
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

    /** What the notification says, field by field, before its {@code link} and {@code text}. */
    Map<String, Object> fields();

    /** The one line people see, without the prefix and the link. */
    String line();

    /** The console's page of what it is about; null without {@code resumer.notify.console-url}. */
    String link();

    /** The JSON object to post: the fields, then {@code link} (when there is one) and {@code text}. */
    default Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>(fields());
        if (link() != null) {
            body.put("link", link());
        }
        body.put("text", text());
        return body;
    }

    /** {@link #PREFIX}, the line, and the link when there is one. */
    default String text() {
        return PREFIX + line() + (link() == null ? "" : " " + link());
    }

    /** What the notification is about, for this process's own log lines: never the webhook, never a link. */
    String subject();
}
