package com.reportresumer.flag;

import java.util.ArrayList;
import java.util.List;

/** What {@code flag} did: requests added, IDs already pending (not added again), malformed IDs (not inserted). */
public record FlagReport(int added, int alreadyPending, List<String> malformed) {

    public FlagReport {
        malformed = List.copyOf(malformed);
    }

    /** {@code N added, M already pending, K malformed}: what {@code flag} prints, and the console records. */
    public String counts() {
        return added + " added, " + alreadyPending + " already pending, " + malformed.size() + " malformed";
    }

    /** Both together, as for the pages of one listing. */
    FlagReport plus(FlagReport other) {
        List<String> all = new ArrayList<>(malformed);
        all.addAll(other.malformed);
        return new FlagReport(added + other.added, alreadyPending + other.alreadyPending, all);
    }
}
