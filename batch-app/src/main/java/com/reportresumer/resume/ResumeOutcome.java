package com.reportresumer.resume;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** How one request ended in one execution, and what its {@code resume_request.status} becomes. */
public enum ResumeOutcome {
    /** 2xx with a readable envelope. */
    RESUMED(RequestStatus.DONE),
    /** 400 (and other 4xx the API uses to refuse a request). */
    REJECTED(RequestStatus.DONE),
    /** 403. */
    FORBIDDEN(RequestStatus.DONE),
    /** 404. */
    NOT_FOUND(RequestStatus.DONE),
    /** The report ID is not a UUID: never sent. */
    INVALID_ID(RequestStatus.DONE),
    /**
     * Still failing transiently (5xx, 408, timeout, unreadable answer) after {@code max-attempts} tries, a lost answer
     * not confirmed by a read; or answered 429 on every call of the job for {@code throttle-patience}.
     */
    FAILED(RequestStatus.FAILED);

    private final RequestStatus requestStatus;

    ResumeOutcome(RequestStatus requestStatus) {
        this.requestStatus = requestStatus;
    }

    public RequestStatus requestStatus() {
        return requestStatus;
    }

    /**
     * {@code counts} with every outcome present, in the enum's order (a missing one counts 0), unmodifiable: how
     * every summary of a run holds its counts.
     */
    public static Map<ResumeOutcome, Long> everyOutcome(Map<ResumeOutcome, Long> counts) {
        EnumMap<ResumeOutcome, Long> all = new EnumMap<>(ResumeOutcome.class);
        for (ResumeOutcome outcome : values()) {
            all.put(outcome, counts.getOrDefault(outcome, 0L));
        }
        return Collections.unmodifiableMap(all);
    }

    /** Its column in {@code audit_run_summary} and the runs' exports: the name in lower case. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outcome of a permanent refusal with this HTTP status. */
    static ResumeOutcome ofRefusal(int httpStatus) {
        return switch (httpStatus) {
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            default -> REJECTED;
        };
    }

    /** Values of {@code resume_request.status}, exactly those its CHECK constraint allows. */
    public enum RequestStatus {
        /** Flagged, waiting for a run: the only status the job reads. */
        PENDING,
        /** A run answered it with a final outcome (any but {@code FAILED}). */
        DONE,
        /** Transient failures outlasted every try; {@code rerun-failed} flags the report again. */
        FAILED,
        /** Taken back before a run took it ({@code unflag}): final, never resumed; the report may be flagged again. */
        WITHDRAWN
    }
}
