package com.reportresumer.testsupport;

import com.reportresumer.sandbox.RecordedRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How many calls a server had in flight at once, from its journal: each recorded request is in flight from its
 * arrival to its answer, and a sweep over those intervals finds the largest number open at one moment. An interval
 * ends before another one starting at the same instant begins, so calls that merely follow each other never count
 * as overlapping.
 */
public final class CallsInFlight {

    private CallsInFlight() {
    }

    /** One end of a call's interval: {@code +1} when it arrives, {@code -1} when it is answered. */
    private record Edge(Instant at, int change) {
    }

    /** The largest number of {@code calls} in flight at one moment; every call must have been answered. */
    public static int most(List<RecordedRequest> calls) {
        List<Edge> edges = new ArrayList<>(2 * calls.size());
        for (RecordedRequest call : calls) {
            if (!call.answered()) {
                throw new IllegalArgumentException("a call still in flight: " + call.method() + " " + call.url());
            }
            edges.add(new Edge(call.receivedAt(), +1));
            edges.add(new Edge(call.answeredAt(), -1));
        }
        edges.sort(Comparator.comparing(Edge::at).thenComparingInt(Edge::change));
        int open = 0;
        int most = 0;
        for (Edge edge : edges) {
            open += edge.change();
            most = Math.max(most, open);
        }
        return most;
    }
}
