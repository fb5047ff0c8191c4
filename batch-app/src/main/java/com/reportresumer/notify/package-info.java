/**
 * Told, not only shown: ops staff learn that a night went wrong without opening the console. At the end of every
 * execution ({@link com.reportresumer.notify.RunEndNotifier}, a job listener) and when no execution has completed
 * for {@code resumer.notify.no-success-after} ({@link com.reportresumer.notify.NoSuccessWatch}, kept by
 * {@code schedule}), a JSON summary with a one-line {@code text} is posted to {@code resumer.notify.webhook-url}
 * (a Teams workflow, a Slack incoming webhook) by {@link com.reportresumer.notify.Webhook}: on a thread of its own,
 * with a few short tries, so that a webhook that is down or hangs never delays a run nor changes how it ends. The
 * URL is the webhook's key, so it is handled as the other secrets are: from the environment or a file, refused on
 * the command line, never in a log line or a message ({@link com.reportresumer.notify.NotifyProperties}).
 */
package com.reportresumer.notify;
