package com.reportresumer.sandbox;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An answer a test scripts for an API call with {@link SandboxScript}: what to send (a status and body of its own,
 * the API's envelope, or the sandbox's usual handling), after which delay, and how (whole, dribbled, cut short, or
 * not at all). Immutable: the {@code with…} methods return a copy.
 *
 * <p>Except for {@link #asUsual()}, a scripted answer is sent as it is and changes nothing in the sandbox: no report
 * is resumed, no fault is drawn. The token check, the rate limit and {@code latency} still come first, as for any
 * API call.
 *
 * @param content  where the body comes from
 * @param status   the HTTP status (ignored by {@link Content#AS_USUAL} and {@link Delivery#NO_ANSWER})
 * @param body     the raw body ({@link Content#RAW}) or the envelope's message ({@link Content#ENVELOPE},
 *                 {@link Content#RESUMED})
 * @param headers  headers added to the answer, in order; a {@code Content-Type} here replaces the default one
 * @param delay    how long to wait before answering; null: the default of {@link SandboxScript#delayEveryResume}
 *                 for resume calls, none otherwise
 * @param delivery how the answer is written
 * @param dribble  the pieces and pace of a {@link Delivery#DRIBBLED} body; null otherwise
 */
public record ScriptedAnswer(
        Content content,
        int status,
        String body,
        Map<String, String> headers,
        Duration delay,
        Delivery delivery,
        Dribble dribble) {

    private static final String JSON_TYPE = "application/json; charset=utf-8";

    /** Where the body of a scripted answer comes from. */
    public enum Content {
        /** {@code body} exactly as given, with only the headers given (no {@code Content-Type} unless set). */
        RAW,
        /** The API's envelope with an empty {@code Value}, {@code body} as its message, in the configured casing. */
        ENVELOPE,
        /** The API's envelope holding the report named in the path, {@code Active}; {@code body} is its message. */
        RESUMED,
        /** What the sandbox would answer without a script: the operation runs, faults are drawn as configured. */
        AS_USUAL
    }

    /** How an answer reaches the client. */
    public enum Delivery {
        /** Status, headers and the whole body. */
        WHOLE,
        /** Status and headers at once, then the body in chunks (chunked encoding) spread over a duration. */
        DRIBBLED,
        /** Status and headers with the full {@code Content-Length}, half the body, then the connection is closed. */
        CUT_SHORT,
        /** Nothing: the connection is closed before any byte of an answer. */
        NO_ANSWER
    }

    /** A body sent in {@code chunks} pieces with pauses adding up to {@code over}. */
    public record Dribble(int chunks, Duration over) {
        public Dribble {
            if (chunks < 1) {
                throw new IllegalArgumentException("chunks must be >= 1");
            }
            Objects.requireNonNull(over, "over");
            if (over.isNegative()) {
                throw new IllegalArgumentException("over must not be negative");
            }
        }
    }

    public ScriptedAnswer {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(delivery, "delivery");
        if (delivery != Delivery.NO_ANSWER && content != Content.AS_USUAL && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("status must be 100..599, not " + status);
        }
        body = body == null ? "" : body;
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        if (delay != null && delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        if ((delivery == Delivery.DRIBBLED) != (dribble != null)) {
            throw new IllegalArgumentException("a dribble goes with Delivery.DRIBBLED, and only with it");
        }
    }

    /** The API's error envelope: empty {@code Value}, this message and {@code StatusCode}, e.g. 503 "Service unavailable". */
    public static ScriptedAnswer envelope(int status, String message) {
        return new ScriptedAnswer(Content.ENVELOPE, status, message, Map.of(), null, Delivery.WHOLE, null);
    }

    /** 200 with the envelope of the report named in the path, {@code Active}, message "Report resumed successfully". */
    public static ScriptedAnswer resumed() {
        return new ScriptedAnswer(Content.RESUMED, 200, "Report resumed successfully", Map.of(), null, Delivery.WHOLE,
                null);
    }

    /** This status and JSON text as the body, {@code Content-Type: application/json; charset=utf-8}. */
    public static ScriptedAnswer json(int status, String json) {
        return raw(status, json).withHeader("Content-Type", JSON_TYPE);
    }

    /** This status and text as the body, with no {@code Content-Type} (add one with {@link #withHeader}). */
    public static ScriptedAnswer raw(int status, String body) {
        return new ScriptedAnswer(Content.RAW, status, body, Map.of(), null, Delivery.WHOLE, null);
    }

    /** The sandbox's own handling, e.g. as the answer after scripted failures, or with a delay or delivery of its own. */
    public static ScriptedAnswer asUsual() {
        return new ScriptedAnswer(Content.AS_USUAL, 200, "", Map.of(), null, Delivery.WHOLE, null);
    }

    /** The connection is closed without any answer and nothing changes (what a client sees of a reset connection). */
    public static ScriptedAnswer noAnswer() {
        return new ScriptedAnswer(Content.RAW, 0, "", Map.of(), null, Delivery.NO_ANSWER, null);
    }

    /** This answer with one more header, e.g. {@code withHeader("Retry-After", "1")}. */
    public ScriptedAnswer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new ScriptedAnswer(content, status, body, more, delay, delivery, dribble);
    }

    /** This answer after a fixed delay (cut short by {@link Sandbox#close()}, which drops the connection). */
    public ScriptedAnswer withDelay(Duration delay) {
        return new ScriptedAnswer(content, status, body, headers, Objects.requireNonNull(delay, "delay"), delivery,
                dribble);
    }

    /** This answer's headers at once, its body in {@code chunks} pieces spread over {@code over}. */
    public ScriptedAnswer dribbled(int chunks, Duration over) {
        return new ScriptedAnswer(content, status, body, headers, delay, Delivery.DRIBBLED, new Dribble(chunks, over));
    }

    /** This answer's headers with its full length, then half its body, then the connection is closed. */
    public ScriptedAnswer cutShort() {
        return new ScriptedAnswer(content, status, body, headers, delay, Delivery.CUT_SHORT, null);
    }

    /**
     * Nothing is sent, the connection is closed; with {@link #asUsual()} the operation still happens (the answer is
     * lost on the way, the report is Active).
     */
    public ScriptedAnswer dropConnection() {
        return new ScriptedAnswer(content, status, body, headers, delay, Delivery.NO_ANSWER, null);
    }
}
