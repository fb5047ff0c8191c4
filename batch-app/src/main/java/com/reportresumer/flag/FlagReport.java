package com.reportresumer.flag;

import java.util.List;

/** What {@code flag} did: requests added, IDs already pending (not added again), malformed IDs (not inserted). */
public record FlagReport(int added, int alreadyPending, List<String> malformed) {

    public FlagReport {
        malformed = List.copyOf(malformed);
    }
}
