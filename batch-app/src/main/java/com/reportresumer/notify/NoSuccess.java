package com.reportresumer.notify;

import com.reportresumer.text.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * No execution has {@code COMPLETED} for {@code after} (the threshold, {@code resumer.notify.no-success-after}):
 * since {@code since}, the end of execution {@code lastSuccessId}, or, when none ever completed, since the first
 * execution started or the watch began ({@code lastSuccessId} null).
 *
 * @param latestId the latest execution, whatever its status; null when there is none
 * @param latestStatus its batch status
 * @param link the console's page of the latest execution (or its list of runs); null without a console URL
 */
record NoSuccess(Duration after, Instant since, Long lastSuccessId, Long latestId, String latestStatus, Instant now,
        String link) implements Notification {

    Duration age() {
        return Duration.between(since, now);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "no_success");
        body.put("no_success_after_seconds", after.toSeconds());
        body.put("since", since.toString());
        body.put("age_seconds", age().toSeconds());
        body.put("last_success_execution_id", lastSuccessId);
        body.put("latest_execution_id", latestId);
        body.put("latest_status", latestStatus);
        return body;
    }

    /** {@code no successful run for 26 h 05 min (last: execution 41, …); latest: execution 44 FAILED}. */
    @Override
    public String line() {
        StringBuilder text = new StringBuilder(subject()).append(" (");
        text.append(lastSuccessId == null ? "none ever completed; counted from " + since
                : "last: execution " + lastSuccessId + ", ended " + since);
        text.append(')');
        text.append(latestId == null ? "; no execution at all" : "; latest: execution " + latestId + " " + latestStatus);
        return text.toString();
    }

    @Override
    public String subject() {
        return "no successful run for " + Durations.age(age().toSeconds());
    }
}
