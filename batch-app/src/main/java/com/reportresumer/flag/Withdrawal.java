package com.reportresumer.flag;

import java.util.List;
import java.util.Optional;

/**
 * What {@code unflag} did, per report ID given: the flags it withdrew, the IDs it could not withdraw anything for
 * (with the report's latest flag, if it has one, to say why), and the malformed IDs (not looked up).
 */
public record Withdrawal(List<RequestRow> withdrawn, List<NotPending> notPending, List<String> malformed) {

    public Withdrawal {
        withdrawn = List.copyOf(withdrawn);
        notPending = List.copyOf(notPending);
        malformed = List.copyOf(malformed);
    }

    /**
     * A report with no {@code PENDING} flag: never flagged ({@code latest} empty), already withdrawn, or already
     * answered by a run (too late to withdraw).
     */
    public record NotPending(String reportId, Optional<RequestRow> latest) {

        /** Withdrawn before: what was asked holds already, so it is no error. */
        public boolean alreadyWithdrawn() {
            return latest.map(r -> "WITHDRAWN".equals(r.status())).orElse(false);
        }
    }

    /** IDs for which nothing is withdrawn and that was not so already: malformed, never flagged, or processed. */
    public int unmet() {
        return malformed.size() + (int) notPending.stream().filter(n -> !n.alreadyWithdrawn()).count();
    }
}
