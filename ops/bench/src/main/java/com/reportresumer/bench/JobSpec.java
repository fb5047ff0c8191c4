package com.reportresumer.bench;

/**
 * How the app is started for one run: the settings the bench varies, passed as {@code RESUMER_JOB_*} variables and
 * {@code -Xmx}. A null {@code chunk} or {@code rateLimit} leaves the app's own default.
 */
record JobSpec(int concurrency, Integer chunk, Integer rateLimit, String xmx) {

    /** The app's {@code resumer.job.chunk-size} when none is given, shown in the chunk column. */
    static final int APP_DEFAULT_CHUNK = 50;

    int chunkShown() {
        return chunk == null ? APP_DEFAULT_CHUNK : chunk;
    }
}
