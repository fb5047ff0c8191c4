package com.reportresumer.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a test's {@link ScriptedAnswer} into the {@link Answer} to write: a raw body as given, or the API's
 * envelope rendered in the configured casing, so a scripted envelope looks like a real one. The sandbox's own
 * answer ({@link ScriptedAnswer.Content#AS_USUAL}) is made elsewhere; here it only gets the script's headers and
 * delivery.
 */
record ScriptedResponses(ReportStore store, Envelopes envelopes) {

    /** The answer of a script that is not {@code AS_USUAL}; {@code reportId} is the path's report, or null. */
    Answer render(ScriptedAnswer scripted, UUID reportId) {
        Answer body = switch (scripted.content()) {
            case RAW -> new Answer(scripted.status(), scripted.body().getBytes(StandardCharsets.UTF_8), null,
                    Map.of());
            case ENVELOPE -> envelopes.error(scripted.status(), scripted.body());
            case RESUMED -> envelopes.envelope(scripted.status(),
                    reportId == null ? List.of() : List.of(activeReport(reportId)), scripted.body());
            case AS_USUAL -> throw new IllegalArgumentException("the usual answer is not rendered from a script");
        };
        return dressed(body, scripted);
    }

    /** An answer with the script's headers and delivery. */
    static Answer dressed(Answer answer, ScriptedAnswer scripted) {
        return answer.withHeaders(scripted.headers()).deliveredAs(scripted.delivery(), scripted.dribble());
    }

    /** The report as the store has it, or a plausible one for an id the store does not know; Active either way. */
    private Report activeReport(UUID id) {
        return store.get(id).map(r -> r.withStatus(ReportStatus.ACTIVE, r.modifiedTime()))
                .orElseGet(() -> Report.of(id, "Scripted report " + id, ReportStatus.ACTIVE));
    }
}
