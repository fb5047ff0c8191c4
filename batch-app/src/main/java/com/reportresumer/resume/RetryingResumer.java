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
        this.runLock = runLock;
        this.client = client;
        this.retry = retry;
        this.pacer = pacer;
        this.metrics = metrics;
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
        PartnerCenterException.Transient last = null;
        int maxAttempts = retry.maxAttempts();
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (last != null) {
                Thread.sleep(retry.pauseBefore(attempt, last).toMillis());
                runLock.requireNotLost(); // no retry once another run may be calling
            }
            pacer.awaitTurn();
            long callStarted = System.nanoTime();
            try {
                ApiResponse answer = client.resume(reportId.get());
                metrics.apiCall(String.valueOf(answer.httpStatus()), Duration.ofNanos(System.nanoTime() - callStarted));
                return new ResumeResult(request, ResumeOutcome.RESUMED, answer.httpStatus(),
                        answer.envelope().statusCode(), attempt, answer.envelope().message(),
                        answer.envelope().firstReportStatus(), millisSince(started));
            }
            catch (PartnerCenterException.Permanent refused) {
                metrics.apiCall(String.valueOf(refused.httpStatus()), Duration.ofNanos(System.nanoTime() - callStarted));
                return new ResumeResult(request, ResumeOutcome.ofRefusal(refused.httpStatus()), refused.httpStatus(),
                        refused.apiStatusCode(), attempt, refused.getMessage(), null, millisSince(started));
            }
            catch (PartnerCenterException.Transient failure) {
                metrics.apiCall(failure.httpStatus() == null ? "io" : failure.httpStatus().toString(),
                        Duration.ofNanos(System.nanoTime() - callStarted));
                last = failure;
            }
        }
        return new ResumeResult(request, ResumeOutcome.FAILED, last.httpStatus(), null, maxAttempts,
                "still failing after " + maxAttempts + " tries: " + last.getMessage(), null, millisSince(started));
    }

    private static long millisSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }
}
