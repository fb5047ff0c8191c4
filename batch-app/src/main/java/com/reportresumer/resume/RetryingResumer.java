package com.reportresumer.resume;

import com.reportresumer.partnercenter.ApiResponse;
import com.reportresumer.partnercenter.PartnerCenterClient;
import com.reportresumer.partnercenter.PartnerCenterException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Resumes one report: validates its ID, calls the API at the job's pace ({@link JobPace}), retries transient
 * failures with exponential back-off (a {@code Retry-After} wins; {@link TransientRetry}) up to {@code max-attempts}
 * tries, and always answers with a {@link ResumeResult}, except when the credentials are rejected
 * ({@link PartnerCenterException.CredentialsRejected}), which must stop the job. This is the only retry layer: Feign
 * and the step never retry.
 * <p>
 * A 429 is not a failed try: the job's pace has already slowed the whole job down and paused it, and the call goes
 * again when the pace lets it, as often as needed, until the job has gone {@code throttle-patience} without a single
 * call getting through anywhere, or the run is stopping. The audit row counts every call, throttled ones included.
 */
@Component
class RetryingResumer {

    private final PartnerCenterClient client;
    private final TransientRetry retry;
    private final JobPace pace;
    private final ResumeMetrics metrics;
    private final RunLock runLock;
    private final GracefulStop gracefulStop;

    RetryingResumer(PartnerCenterClient client, TransientRetry retry, JobPace pace, ResumeMetrics metrics,
            RunLock runLock, GracefulStop gracefulStop) {
        this.client = client;
        this.retry = retry;
        this.pace = pace;
        this.metrics = metrics;
        this.runLock = runLock;
        this.gracefulStop = gracefulStop;
    }

    /** Why a throttled report is given up: the job's patience ran out, or the run is stopping. */
    private static final class GivenUp extends RuntimeException {

        GivenUp(String message) {
            super(message, null, false, false);
        }
    }

    ResumeResult resume(ResumeRequest request) throws InterruptedException {
        long started = System.nanoTime();
        Optional<UUID> reportId = ReportIds.parse(request.reportId());
        if (reportId.isEmpty()) {
            return new ResumeResult(request, ResumeOutcome.INVALID_ID, null, null, 0,
                    "not a report ID (expected a UUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301): "
                            + ReportIds.preview(request.reportId()),
                    null, 0);
        }
        int[] calls = { 0 };
        try {
            return retry.call(attempt -> untilNotThrottled(request, reportId.get(), calls, started),
                    runLock::requireNotLost); // no retry once another run may be calling
        }
        catch (PartnerCenterException.Transient last) {
            String stillFailing = "still failing after " + retry.maxAttempts() + " tries: " + last.getMessage();
            if (last.answerLost()) {
                return readBack(request, reportId.get(), last, stillFailing, calls[0], started);
            }
            return new ResumeResult(request, ResumeOutcome.FAILED, last.httpStatus(), null, calls[0], stillFailing,
                    null, millisSince(started));
        }
        catch (GivenUp throttled) {
            return new ResumeResult(request, ResumeOutcome.FAILED, 429, null, calls[0], throttled.getMessage(), null,
                    millisSince(started));
        }
    }

    /** One try: calls until the API answers something else than a 429 (throttled calls are no tries). */
    private ResumeResult untilNotThrottled(ResumeRequest request, UUID reportId, int[] calls, long started)
            throws InterruptedException {
        while (true) {
            try {
                return call(request, reportId, calls, started);
            }
            catch (PartnerCenterException.Transient failure) {
                if (!JobPace.isThrottling(failure)) {
                    throw failure;
                }
                if (pace.patienceExhausted()) {
                    throw new GivenUp("throttled: every call of the job was answered 429 for "
                            + pace.patience().toString().substring(2).toLowerCase() + " (last: " + failure.getMessage()
                            + ")");
                }
                if (gracefulStop.isRequested()) {
                    throw new GivenUp("throttled, and the run was stopped before the API let this call through (last: "
                            + failure.getMessage() + ")");
                }
                runLock.requireNotLost();
            }
        }
    }

    /**
     * The last try's request went out and its answer was lost: the API may well have resumed the report, and
     * recording it {@code FAILED} would be a guess. A read of the report ({@code GET ScheduledReport?reportId=}, paced
     * and retried as the resume was) tells: {@code Active} is {@code RESUMED}, confirmed by the read; anything else,
     * or no answer to the read either, stays {@code FAILED}, with what the read said.
     */
    private ResumeResult readBack(ResumeRequest request, UUID reportId, PartnerCenterException.Transient last,
            String stillFailing, int calls, long started) throws InterruptedException {
        Optional<String> status;
        try {
            status = retry.call(attempt -> {
                JobPace.Call paced = pace.newCall();
                return paced.send(() -> client.statusOf(reportId, fenced(paced)));
            }, runLock::requireNotLost);
        }
        catch (PartnerCenterException.Transient | PartnerCenterException.Permanent unanswered) {
            // refused credentials are not this report's: they stop the job, as in resume()
            return new ResumeResult(request, ResumeOutcome.FAILED, last.httpStatus(), null, calls, stillFailing
                    + "; a read to confirm got no answer either: " + unanswered.getMessage(), null,
                    millisSince(started), true);
        }
        if (status.isPresent() && status.get().equalsIgnoreCase("Active")) {
            return new ResumeResult(request, ResumeOutcome.RESUMED, last.httpStatus(), null, calls,
                    "confirmed by a read: the report is Active (the answer to its resume was lost: "
                            + last.getMessage() + ")", status.get(), millisSince(started), true);
        }
        return new ResumeResult(request, ResumeOutcome.FAILED, last.httpStatus(), null, calls, stillFailing
                + "; a read says the report is " + status.orElse("unknown to the API"), status.orElse(null),
                millisSince(started), true);
    }

    /** One paced call: a result when the API answered for good, a {@code Transient} to try again. */
    private ResumeResult call(ResumeRequest request, UUID reportId, int[] calls, long started)
            throws InterruptedException {
        JobPace.Call paced = pace.newCall();
        calls[0]++;
        try {
            // paced as the request goes out, after any token
            ApiResponse answer = paced.send(() -> client.resume(reportId, fenced(paced)));
            metrics.apiCall(String.valueOf(answer.httpStatus()), sinceSent(paced));
            return new ResumeResult(request, ResumeOutcome.RESUMED, answer.httpStatus(),
                    answer.envelope().statusCode(), calls[0], answer.envelope().message(),
                    answer.envelope().firstReportStatus(), millisSince(started));
        }
        catch (PartnerCenterException.Permanent refused) {
            metrics.apiCall(String.valueOf(refused.httpStatus()), sinceSent(paced));
            return new ResumeResult(request, ResumeOutcome.ofRefusal(refused.httpStatus()), refused.httpStatus(),
                    refused.apiStatusCode(), calls[0], refused.getMessage(), null, millisSince(started));
        }
        catch (PartnerCenterException.Transient failure) {
            metrics.apiCall(failure.httpStatus() == null ? "io" : failure.httpStatus().toString(), sinceSent(paced));
            throw failure;
        }
    }

    /** The call's turn, and then no request without a lease fresh by this process's own clock ({@link RunLock}). */
    private PartnerCenterClient.SendGate fenced(JobPace.Call paced) {
        return () -> {
            paced.awaitTurn();
            runLock.requireFreshLease();
        };
    }

    private static Duration sinceSent(JobPace.Call paced) {
        return Duration.ofNanos(System.nanoTime() - paced.sentAt());
    }

    private static long millisSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }
}
