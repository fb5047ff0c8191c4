package com.reportresumer.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP answer as a handler decided it, before {@link AnswerWriter} writes it. Handlers return answers instead of
 * writing to the exchange themselves, so that the decision (what to answer) is testable apart from the delivery
 * (how, and whether, it reaches the client).
 *
 * @param contentType the {@code Content-Type}; null: none
 * @param headers     further headers, set after the content type (so one of them may replace it)
 * @param dribble     the pace of a {@link ScriptedAnswer.Delivery#DRIBBLED} delivery; null otherwise
 */
record Answer(int status, byte[] body, String contentType, Map<String, String> headers,
        ScriptedAnswer.Delivery delivery, ScriptedAnswer.Dribble dribble) {

    static final String JSON_TYPE = "application/json; charset=utf-8";

    /** A whole answer. */
    Answer(int status, byte[] body, String contentType, Map<String, String> headers) {
        this(status, body, contentType, headers, ScriptedAnswer.Delivery.WHOLE, null);
    }

    /** This answer with more headers (later ones win). */
    Answer withHeaders(Map<String, String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new Answer(status, body, contentType, all, delivery, dribble);
    }

    /** This answer, delivered another way. */
    Answer deliveredAs(ScriptedAnswer.Delivery how, ScriptedAnswer.Dribble pace) {
        return new Answer(status, body, contentType, headers, how, pace);
    }

    /** Whether the client gets a status line at all. */
    boolean answers() {
        return delivery != ScriptedAnswer.Delivery.NO_ANSWER;
    }
}
