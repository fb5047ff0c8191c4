package com.reportresumer.sandbox;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every request the sandbox received, from {@link Sandbox#journal()}, for tests to verify what a client sent: in
 * arrival order, with its headers and body, when it arrived and what was answered. Bounded, so that a long run
 * cannot exhaust the heap: beyond {@link #capacity()} the oldest requests are dropped (and counted). Thread-safe.
 */
public final class RequestJournal {

    /** Requests kept unless told otherwise. */
    public static final int DEFAULT_CAPACITY = 10_000;

    /** A request being recorded: its arrival is fixed, its answer is filled in as it is sent. */
    static final class Entry {
        private final RecordedRequest arrival;
        private int status;          // guarded by this
        private Instant answeredAt;  // guarded by this

        private Entry(RecordedRequest arrival) {
            this.arrival = arrival;
        }

        /** Marks the exchange answered with this status (0: the connection closes without one); the first mark wins. */
        synchronized void answered(int sentStatus) {
            if (answeredAt == null) {
                status = sentStatus;
                answeredAt = Instant.now();
            }
        }

        synchronized RecordedRequest snapshot() {
            RecordedRequest a = arrival;
            return new RecordedRequest(a.method(), a.path(), a.rawQuery(), a.headers(), a.body(), a.receivedAt(),
                    a.receivedNanos(), status, answeredAt);
        }
    }

    private final String apiPath;
    private final Deque<Entry> entries = new ArrayDeque<>(); // guarded by this
    private int capacity = DEFAULT_CAPACITY;                 // guarded by this
    private long dropped;                                    // guarded by this

    RequestJournal(String apiPath) {
        this.apiPath = apiPath;
    }

    /** Records an arriving request; the caller marks it {@link Entry#answered answered}. */
    Entry record(RecordedRequest arrival) {
        Entry e = new Entry(arrival);
        synchronized (this) {
            entries.addLast(e);
            while (entries.size() > capacity) {
                entries.removeFirst();
                dropped++;
            }
        }
        return e;
    }

    /** Every request kept, in arrival order. */
    public List<RecordedRequest> requests() {
        List<Entry> copy;
        synchronized (this) {
            copy = new ArrayList<>(entries);
        }
        List<RecordedRequest> out = new ArrayList<>(copy.size());
        copy.forEach(e -> out.add(e.snapshot()));
        out.sort(Comparator.comparingLong(RecordedRequest::receivedNanos));
        return out;
    }

    /** The resume calls ({@code PUT {apiPath}/ScheduledReport/resume/{id}}), in arrival order. */
    public List<RecordedRequest> resumeCalls() {
        return requests().stream().filter(this::isResume).toList();
    }

    /** Resume calls per report id, the last path segment as sent, in order of each id's first call. */
    public Map<String, Long> resumeCallsPerReport() {
        Map<String, Long> out = new LinkedHashMap<>();
        resumeCalls().forEach(r -> out.merge(r.lastPathSegment(), 1L, Long::sum));
        return out;
    }

    /** The requests to either token endpoint, in arrival order. */
    public List<RecordedRequest> tokenRequests() {
        return requests().stream().filter(r -> TokenEndpoint.TOKEN_PATH.matcher(r.path()).matches()).toList();
    }

    /** How many requests to either token endpoint were received (and kept). */
    public long tokenRequestCount() {
        return tokenRequests().size();
    }

    /** Every request's {@link RecordedRequest#url() URL} (path and query), in arrival order. */
    public List<String> urls() {
        return requests().stream().map(RecordedRequest::url).toList();
    }

    /** Forgets every request (and the count of dropped ones). */
    public synchronized void clear() {
        entries.clear();
        dropped = 0;
    }

    /** How many requests are kept at most. */
    public synchronized int capacity() {
        return capacity;
    }

    /** Keeps at most this many requests from now on, dropping the oldest beyond it; 0 records nothing. */
    public synchronized void capacity(int maxRequests) {
        if (maxRequests < 0) {
            throw new IllegalArgumentException("capacity must be >= 0");
        }
        capacity = maxRequests;
        while (entries.size() > capacity) {
            entries.removeFirst();
            dropped++;
        }
    }

    /** Requests dropped because the journal was full, since start or the last {@link #clear()}. */
    public synchronized long dropped() {
        return dropped;
    }

    private boolean isResume(RecordedRequest r) {
        String path = r.path();
        return path.length() > apiPath.length() && path.startsWith(apiPath)
                && path.charAt(apiPath.length()) == '/'
                && ApiRoute.of(r.method().toUpperCase(Locale.ROOT), path.substring(apiPath.length())).kind()
                        == ApiRoute.Kind.RESUME;
    }
}
