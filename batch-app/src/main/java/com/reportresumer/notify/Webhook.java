package com.reportresumer.notify;

import com.reportresumer.secrets.Secrets;
import com.reportresumer.text.Durations;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts notifications to {@code resumer.notify.webhook-url}, one at a time, on a thread of its own: whoever submits
 * one goes on at once, so a webhook that is down or hangs never delays a run, changes its exit code or fails it.
 * Each notification gets {@code attempts} tries of at most {@code timeout} each, {@code backoff} apart (doubled
 * each time); a 2xx answer is success, a 4xx other than 408 and 429 is final (a wrong or revoked URL: trying again
 * gives the same answer). One INFO line when it is delivered, one WARN line when it is given up; neither, nor any
 * exception message, holds the URL (it is the webhook's key): a failure is said by its kind, never by the HTTP
 * client's message, which may quote where it was going.
 * <p>
 * When the context closes (the command ends, the process exits), a notification still on its way gets
 * {@code exit-wait} more, then it is given up with one WARN line and its thread is interrupted. The thread is a
 * daemon: nothing of this keeps a JVM alive.
 */
@Component
public class Webhook implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Webhook.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NotifyProperties properties;
    private final Optional<URI> url;
    private ExecutorService sender;
    /** Used on the sender's thread only. */
    private HttpClient http;
    private volatile String inFlight;
    /** The context is closing: nothing new is sent. */
    private boolean closed;
    /** What was on its way has been given up (and said so): its thread, interrupted, says nothing more. */
    private volatile boolean givenUp;

    Webhook(NotifyProperties properties) {
        this.properties = properties;
        this.url = properties.webhook();
    }

    /** Whether a webhook is configured: without one, nothing is ever sent. */
    public boolean configured() {
        return url.isPresent();
    }

    /**
     * Puts a notification on its way and returns at once. {@code notification} is made on the sender's thread, so
     * reading what it says (the run's counts from the database) costs the caller nothing either. Nothing happens
     * without a webhook, or once the context is closing.
     */
    void submit(Supplier<? extends Notification> notification) {
        if (url.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            if (sender == null) {
                sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "notify");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            sender.execute(() -> deliver(notification));
        }
    }

    private void deliver(Supplier<? extends Notification> made) {
        Notification notification;
        try {
            notification = made.get();
        }
        catch (RuntimeException e) {
            log.warn("Could not put a notification together, nothing was sent: {}", describe(e));
            return;
        }
        inFlight = notification.subject();
        try {
            send(notification);
        }
        catch (RuntimeException e) {
            // never to the thread's default handler: it would print the trace, whose messages may quote the URL
            log.warn("Could not notify the webhook of {}: {}", notification.subject(), describe(e));
        }
        finally {
            inFlight = null;
        }
    }

    private void send(Notification notification) {
        if (http == null) { // made on the sender's thread, as everything else a notification costs
            http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        HttpRequest request = HttpRequest.newBuilder(url.get()).timeout(properties.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "report-resumer")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(notification.body())))
                .build();
        int attempts = properties.attempts();
        String last = null;
        int tries = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1 && !pause(properties.backoff().multipliedBy(1L << Math.min(attempt - 2, 20)))) {
                return; // interrupted: the context is closing, and said so
            }
            tries = attempt;
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300) {
                    log.info("Notified the webhook: {} (HTTP {}, try {} of {})", notification.subject(), status,
                            attempt, attempts);
                    return;
                }
                last = "HTTP " + status;
                if (status >= 400 && status < 500 && status != 408 && status != 429) {
                    last += ", which trying again would not change (a wrong or revoked webhook URL?)";
                    break;
                }
            }
            catch (InterruptedException givenUpAtExit) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (IOException e) {
                last = describe(e);
            }
            log.debug("Notifying the webhook of {}: try {} of {} failed: {}", notification.subject(), attempt,
                    attempts, last);
        }
        if (!givenUp) {
            log.warn("Gave up notifying the webhook of {} after {} {}: {}", notification.subject(), tries,
                    tries == 1 ? "try" : "tries", last);
        }
    }

    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A failure by its kind: the HTTP client's messages are not quoted, they may name where it was going. */
    private String describe(Throwable e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + Durations.elapsed(properties.timeout().toMillis());
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + Durations.elapsed(properties.timeout().toMillis());
        }
        if (e instanceof ConnectException) {
            return "could not connect (refused, or no route to the host)";
        }
        if (e instanceof IOException) {
            return "no answer (" + e.getClass().getSimpleName() + ")";
        }
        return e.getClass().getSimpleName() + ": " + Secrets.oneLine(e.getMessage());
    }

    /**
     * Waits {@code exit-wait} for what is on its way, then gives it up with one WARN line: a command's end, and so
     * the JVM's exit, is delayed that long at most.
     */
    @Override
    public void destroy() throws InterruptedException {
        ExecutorService running;
        synchronized (this) {
            closed = true;
            running = sender;
        }
        if (running == null) {
            return;
        }
        running.shutdown();
        if (running.awaitTermination(properties.exitWait().toMillis(), TimeUnit.MILLISECONDS)) {
            return;
        }
        givenUp = true;
        String subject = inFlight;
        List<Runnable> queued = running.shutdownNow();
        log.warn("Gave up notifying the webhook of {}{}: still on its way after {}, and the process is ending",
                subject == null ? "a run" : subject, queued.isEmpty() ? "" : " and " + queued.size() + " more",
                Durations.elapsed(properties.exitWait().toMillis()));
    }
}
