package com.reportresumer.resume;

import com.reportresumer.partnercenter.ApiResponse;
import com.reportresumer.partnercenter.PartnerCenterClient;
import com.reportresumer.partnercenter.PartnerCenterException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Resumes one report: validates its ID, calls the API, retries transient failures with exponential back-off (a
 * {@code Retry-After} wins; {@link TransientRetry}) up to {@code max-attempts} tries, and always answers with a
 * {@link ResumeResult},
 * except when the credentials are rejected ({@link PartnerCenterException.CredentialsRejected}), which must stop
 * the job. This is the only retry layer: Feign and the step never retry.
 */
@Component
class RetryingResumer {

    private final PartnerCenterClient client;
    private final TransientRetry retry;
    private final CallPacer pacer;
    private final ResumeMetrics metrics;
    private final RunLock runLock;

    RetryingResumer(PartnerCenterClient client, TransientRetry retry, CallPacer pacer, ResumeMetrics metrics,
            RunLock runLock) {
        this.client = client;
        this.retry = retry;
        this.pacer = pacer;
        this.metrics = metrics;
        this.runLock = runLock;
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
        try {
            return retry.call(attempt -> call(request, reportId.get(), attempt, started),
                    runLock::requireNotLost); // no retry once another run may be calling
        }
        catch (PartnerCenterException.Transient last) {
            return new ResumeResult(request, ResumeOutcome.FAILED, last.httpStatus(), null, retry.maxAttempts(),
                    "still failing after " + retry.maxAttempts() + " tries: " + last.getMessage(), null,
                    millisSince(started));
        }
    }

    /** One paced call: a result when the API answered for good, a {@code Transient} to try again. */
    private ResumeResult call(ResumeRequest request, UUID reportId, int attempt, long started)
            throws InterruptedException {
        long[] sent = { System.nanoTime() };
        try {
            // paced as the request goes out, after any token request
            ApiResponse answer = client.resume(reportId, () -> {
                pacer.awaitTurn();
                sent[0] = System.nanoTime();
            });
            metrics.apiCall(String.valueOf(answer.httpStatus()), Duration.ofNanos(System.nanoTime() - sent[0]));
            return new ResumeResult(request, ResumeOutcome.RESUMED, answer.httpStatus(),
                    answer.envelope().statusCode(), attempt, answer.envelope().message(),
                    answer.envelope().firstReportStatus(), millisSince(started));
        }
        catch (PartnerCenterException.Permanent refused) {
            metrics.apiCall(String.valueOf(refused.httpStatus()), Duration.ofNanos(System.nanoTime() - sent[0]));
            return new ResumeResult(request, ResumeOutcome.ofRefusal(refused.httpStatus()), refused.httpStatus(),
                    refused.apiStatusCode(), attempt, refused.getMessage(), null, millisSince(started));
        }
        catch (PartnerCenterException.Transient failure) {
            metrics.apiCall(failure.httpStatus() == null ? "io" : failure.httpStatus().toString(),
                    Duration.ofNanos(System.nanoTime() - sent[0]));
            throw failure;
        }
    }

    private static long millisSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }
}
