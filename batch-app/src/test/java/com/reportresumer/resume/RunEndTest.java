package com.reportresumer.resume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.reportresumer.partnercenter.PartnerCenterException;
import com.reportresumer.secrets.Secrets;
import com.reportresumer.testsupport.UnitTest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParameters;

/** The one reading of why an execution ended, which the summary, the console and the webhook all print. */
@UnitTest
class RunEndTest {

    private static JobExecution ended(BatchStatus status, Throwable... failures) {
        JobExecution execution = new JobExecution(7L, new JobInstance(7L, "resumeReportsJob"), new JobParameters());
        execution.setStatus(status);
        for (Throwable failure : failures) {
            execution.addFailureException(failure);
        }
        return execution;
    }

    @Test
    void aCompletedExecutionNeedsNoReason() {
        assertThat(RunEnd.reasonOf(ended(BatchStatus.COMPLETED))).isNull();
    }

    @Test
    void ourOwnSentenceIsTakenWhereverItIsInTheFailures() {
        RuntimeException wrapped = new IllegalStateException("Encountered an error executing step resumeStep",
                new OutageGuard.OutageException("Partner Center outage: 20 reports in a row still failed"));
        assertThat(RunEnd.reasonOf(ended(BatchStatus.FAILED, wrapped)))
                .isEqualTo("Partner Center outage: 20 reports in a row still failed");

        assertThat(RunEnd.reasonOf(ended(BatchStatus.FAILED, new RuntimeException("step failed",
                new PartnerCenterException.CredentialsRejected(401, "Entra ID refused the credentials")))))
                .isEqualTo("Entra ID refused the credentials");
        assertThat(RunEnd.reasonOf(ended(BatchStatus.FAILED, new RunLock.LostException("The run lock was lost"))))
                .isEqualTo("The run lock was lost");
        assertThat(RunEnd.reasonOf(ended(BatchStatus.STOPPED, new JobInterruptedException("interrupted"),
                new RuntimeException(new OutageGuard.OutageException("outage")))))
                .as("an interruption beside it changes nothing").isEqualTo("outage");
    }

    @Test
    void otherwiseTheRootCauseWithItsClassOnOneLine() {
        RuntimeException failure = new IllegalStateException("could not write the chunk",
                new SQLException("connection refused\n\tat the server"));

        assertThat(RunEnd.reasonOf(ended(BatchStatus.FAILED, failure)))
                .isEqualTo("SQLException: connection refused at the server");
        assertThat(RunEnd.reasonOf(ended(BatchStatus.FAILED, new IllegalStateException((String) null))))
                .isEqualTo("IllegalStateException");
    }

    @Test
    void aSecretInAFailureIsNeverPrinted() {
        String secret = "pw-" + UUID.randomUUID();
        Secrets.register(secret);

        String reason = RunEnd.reasonOf(ended(BatchStatus.FAILED,
                new IllegalStateException("login failed for password " + secret)));

        assertThat(reason).doesNotContain(secret).contains("[redacted]");
    }

    @Test
    void withoutAFailureTheStatusSaysWhy() {
        assertThat(RunEnd.reasonOf(ended(BatchStatus.STOPPED)))
                .isEqualTo("stopped on request after its last committed chunk").doesNotContain("SIGTERM");
        assertThat(RunEnd.reasonOf(ended(BatchStatus.STOPPED, new JobInterruptedException("stop"))))
                .as("an interruption is the stop itself").isEqualTo("stopped on request after its last committed chunk");
        assertThat(RunEnd.reasonOf(ended(BatchStatus.UNKNOWN)))
                .isEqualTo("its end could not be saved (the database went away)");
        JobExecution failed = ended(BatchStatus.FAILED);
        failed.setExitStatus(ExitStatus.FAILED.addExitDescription("the step was abandoned"));
        assertThat(RunEnd.reasonOf(failed)).isEqualTo("the step was abandoned");
    }

    /** Two exceptions each the other's cause (initCause allows it): the reading ends, at the loop's last new one. */
    @Test
    void causesThatLoopAreReadOnceEach() {
        SQLException inner = new SQLException("the server closed the connection");
        IllegalStateException outer = new IllegalStateException("could not write the chunk", inner);
        inner.initCause(outer);

        String reason = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> RunEnd.reasonOf(ended(BatchStatus.FAILED, outer)));
        assertThat(reason).isEqualTo("SQLException: the server closed the connection");
    }
}
