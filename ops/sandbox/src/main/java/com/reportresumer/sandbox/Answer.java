package com.reportresumer.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP answer as a handler decided it, before {@link AnswerWriter} writes it. Handlers return answers instead of
 * writing to the exchange themselves, so that the decision (what to answer) is testable apart from the delivery.
 *
 * @param contentType the {@code Content-Type}; null: none
 * @param headers     further headers, set after the content type (so one of them may replace it)
 */
record Answer(int status, byte[] body, String contentType, Map<String, String> headers) {

    static final String JSON_TYPE = "application/json; charset=utf-8";

    /** This answer with more headers (later ones win). */
    Answer withHeaders(Map<String, String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new Answer(status, body, contentType, all);
    }
}
