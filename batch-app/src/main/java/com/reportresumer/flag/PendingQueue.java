package com.reportresumer.flag;

import java.util.List;

/**
 * The queue as one read sees it: how many requests are {@code PENDING}, how many of them are stale, and the first
 * of them in the order the next run takes them.
 *
 * @param oldest at most the limit asked for, by request ID: the order the job reads them in, which is the order
 *        they were flagged in
 */
public record PendingQueue(long total, long stale, List<PendingRequest> oldest) {

    public PendingQueue {
        oldest = List.copyOf(oldest);
    }
}
