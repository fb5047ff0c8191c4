package com.reportresumer.resume;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import com.reportresumer.partnercenter.PartnerCenterProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Starts and restarts executions of the resume job, one at a time ({@link RunLock}), and reports how they ended.
 * Executions left {@code STARTED} by a process that died are recovered (marked {@code FAILED}) first — but only
 * once their owner is provably gone: holding the lock is not proof enough, since a lock whose connection dropped
 * is released while its owner may still be calling. So the owner's lease decides: no lease, a lease not renewed
 * within {@code resumer.job.lease}, or an owner process on this host that no longer exists. Until then the run
 * waits (at most one lease plus the longest call), and an owner that ends its execution meanwhile leaves nothing to
 * recover.
 */
@Component
public class ResumeRuns {

    private static final Logger log = LoggerFactory.getLogger(ResumeRuns.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job resumeReportsJob;
    private final RunLock runLock;
    private final JdbcTemplate jdbc;
    private final ResumeMetrics metrics;
    private final Duration longestCall;
    private final JobPace pace;

    ResumeRuns(JobOperator jobOperator, JobRepository jobRepository, Job resumeReportsJob, RunLock runLock,
            JdbcTemplate jdbc, ResumeMetrics metrics, PartnerCenterProperties partnerCenter, JobPace pace) {
        this.longestCall = partnerCenter.longestCall();
        this.pace = pace;
        this.metrics = metrics;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.resumeReportsJob = resumeReportsJob;
        this.runLock = runLock;
        this.jdbc = jdbc;
    }

    /** The start of the exit description of an execution found left running by a process that is gone. */
    public static final String RECOVERED = "Recovered: its process was gone";

    /** How the exit description of an execution a standby took over goes on: {@code <this> <successor> from <owner>}. */
    public static final String TAKEN_OVER = "taken over by";

    /** Another execution holds the run lock. */
    public static class AlreadyRunningException extends RuntimeException {

        AlreadyRunningException() {
            super("another execution is running (the run lock is held); try again when it has finished");
        }

        AlreadyRunningException(String message) {
            super(message);
        }
    }

    /** The execution asked for cannot be restarted; the message says why. */
    public static class NotRestartableException extends RuntimeException {

        NotRestartableException(String message) {
            super(message);
        }
    }

    /** One new execution: resumes every request that is {@code PENDING} now. */
    public RunReport run() {
        try (RunLock.Held lock = runLock.tryAcquire().orElseThrow(AlreadyRunningException::new)) {
            recoverAbandoned();
            JobExecution execution = jobOperator.startNextInstance(resumeReportsJob);
            return report(execution);
        }
    }

    /** Continues a failed, stopped or crashed execution (the latest when {@code executionId} is null). */
    public RunReport restart(Long executionId) {
        return restart(executionId, RECOVERED);
    }

    /** An execution taken over from an owner that stopped renewing its lease, and how that went. */
    public record Takeover(long executionId, String from, RunReport report) {
    }

    /**
     * Takes over an execution whose owner has not renewed its lease for {@code after}: cuts the owner's database
     * sessions (a frozen owner must find its lock and any open chunk transaction gone when it wakes), then continues
     * the execution as {@link #restart} does. Empty when no execution is abandoned so long, when its owner is alive
     * and running another execution, or when another instance takes it over first (the run lock decides: exactly
     * one does).
     * <p>
     * Why the lease and not the lock alone: a session lock is released when its owner's connection closes, which a
     * killed process does at once, but a frozen one (a long GC pause, a stopped container) keeps its connection and
     * its lock; the lease stops being renewed in both cases. The owner stops by itself once its lease is older than
     * {@code resumer.job.lease} ({@link RunLock}), so with {@code after} at least that, the owner has stopped before
     * any successor starts.
     */
    public Optional<Takeover> takeOverAbandoned(Duration after) {
        for (JobExecution running : jobRepository.findRunningJobExecutions(ResumeJobConfiguration.JOB_NAME)) {
            Optional<RunLock.Lease> lease = runLock.leaseOf(running.getId());
            if (lease.isEmpty() || lease.get().ageMillis() < after.toMillis()) {
                // no lease: its owner holds the run lock between creating the execution and owning it, or has
                // ended without saving its end (the next `run` recovers it); a young lease: its owner is alive
                continue;
            }
            RunLock.Owner from = lease.get().owner();
            if (runLock.ownerActive(from)) {
                continue; // alive and running another execution: the next `run` recovers this one
            }
            int cut = runLock.cutSessionsOf(from);
            log.warn("Execution {} was last renewed by {} {} ms ago: taking it over ({} of its database sessions "
                    + "ended)", running.getId(), from, lease.get().ageMillis(), cut);
            try {
                RunReport report = restart(running.getId(), RECOVERED + "; " + TAKEN_OVER + " " + RunLock.Owner.THIS_PROCESS
                        + " from " + from);
                metrics.takeover();
                return Optional.of(new Takeover(running.getId(), from.toString(), report));
            }
            catch (AlreadyRunningException | NotRestartableException another) {
                log.info("Execution {} is taken over elsewhere: {}", running.getId(), another.getMessage());
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private RunReport restart(Long executionId, String recoveredAs) {
        try (RunLock.Held lock = runLock.tryAcquire().orElseThrow(AlreadyRunningException::new)) {
            JobExecution execution = find(executionId);
            if (execution == null) {
                throw new NotRestartableException(executionId == null ? "there is no execution to restart yet"
                        : "there is no execution " + executionId);
            }
            // left STARTED, or without an end time, by a process that died or lost its database
            if (isRunning(execution)) {
                execution = whenOwnerGone(execution);
                if (isRunning(execution)) {
                    log.warn("Execution {} was left {} by a process that is gone; recovering it", execution.getId(),
                            execution.getStatus());
                    execution = recover(execution, recoveredAs);
                }
            }
            if (execution.getStatus() == BatchStatus.UNKNOWN) {
                // its metadata could not be saved (the database went away); Spring Batch will not restart such an
                // execution, but nothing is lost: the requests it did not finish are still PENDING
                log.warn("Execution {} is UNKNOWN (its metadata could not be saved); abandoning it and starting a "
                        + "new execution for the requests still PENDING", execution.getId());
                try {
                    jobOperator.abandon(execution);
                }
                catch (JobExecutionAlreadyRunningException impossible) {
                    throw new NotRestartableException("execution " + execution.getId() + " is still running");
                }
                return report(jobOperator.startNextInstance(resumeReportsJob));
            }
            if (isOver(execution)) {
                throw new NotRestartableException("execution " + execution.getId() + nothingToRestart(execution));
            }
            JobInstance instance = execution.getJobInstance();
            JobExecution last = jobRepository.getLastJobExecution(instance);
            if (last != null && last.getId() != execution.getId()) {
                throw new NotRestartableException("execution " + execution.getId() + " was already restarted as "
                        + "execution " + last.getId() + (isOver(last) ? ", which" + nothingToRestart(last)
                                : "; restart that one instead"));
            }
            closeStepsLeftRunning(execution);
            try {
                return report(jobOperator.restart(execution));
            }
            catch (JobRestartException e) {
                throw new NotRestartableException("execution " + execution.getId() + " cannot be restarted: "
                        + e.getMessage());
            }
        }
    }

    /** The execution with this ID, or the latest one when the ID is null; null when there is none. */
    private JobExecution find(Long executionId) {
        try {
            if (executionId != null) {
                return jobRepository.getJobExecution(executionId);
            }
            JobInstance instance = jobRepository.getLastJobInstance(ResumeJobConfiguration.JOB_NAME);
            return instance == null ? null : jobRepository.getLastJobExecution(instance);
        }
        catch (EmptyResultDataAccessException none) {
            return null;
        }
    }

    private void recoverAbandoned() {
        for (JobExecution running : jobRepository.findRunningJobExecutions(ResumeJobConfiguration.JOB_NAME)) {
            JobExecution execution = whenOwnerGone(running);
            if (isRunning(execution)) {
                log.warn("Execution {} was left {} by a process that is gone; marking it FAILED (restartable)",
                        execution.getId(), execution.getStatus());
                recover(execution, RECOVERED);
            }
        }
    }

    /**
     * Marks an execution whose process is gone {@code FAILED}, saying so in its exit description
     * ({@link #RECOVERED}): its end time is when it was found, not when it stopped, and {@code runs} says so.
     */
    private JobExecution recover(JobExecution execution, String how) {
        JobExecution recovered = jobOperator.recover(execution);
        recovered.setExitStatus(recovered.getExitStatus().addExitDescription(how));
        jobRepository.update(recovered);
        runLock.disown(recovered.getId()); // its owner's lease, if one is left: nobody runs it any more
        return recovered;
    }

    /**
     * Ends the steps of an ended execution that still read running. That happens when the database went away while a
     * step was saving how it ended and came back in time for the job's own update: the execution is FAILED but its step
     * STARTED, and Spring Batch refuses to restart an execution with a running step ("job execution already running").
     * The execution's owner has ended it, so nothing runs that step: it is marked FAILED, as its job is.
     */
    private void closeStepsLeftRunning(JobExecution execution) {
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus().isRunning()) {
                log.warn("Step {} of execution {} still read {} although its execution ended {}: its last update was "
                        + "lost; marking it FAILED", step.getStepName(), execution.getId(), step.getStatus(),
                        execution.getStatus());
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(step.getExitStatus().and(ExitStatus.FAILED));
                step.setEndTime(LocalDateTime.now());
                jobRepository.update(step);
            }
        }
    }

    private static boolean isRunning(JobExecution execution) {
        return execution.getStatus().isRunning() || execution.isRunning();
    }

    /**
     * {@code execution} as it is once its owner is provably gone (still running: abandoned) or has ended it itself.
     *
     * @throws AlreadyRunningException when its owner still renews its lease after one lease and the longest call
     */
    private JobExecution whenOwnerGone(JobExecution execution) {
        // an owner that lost its lock renews its lease until its last call has returned
        long deadline = System.nanoTime() + runLock.lease().plus(longestCall).plusSeconds(2).toNanos();
        boolean told = false;
        while (true) {
            JobExecution now = jobRepository.getJobExecution(execution.getId());
            if (now == null || !isRunning(now)) {
                return now == null ? execution : now;
            }
            Optional<RunLock.Lease> lease = runLock.leaseOf(execution.getId());
            if (lease.isEmpty() || !lease.get().fresh()
                    || runLock.ownerGone(lease.get().owner(), execution.getId())) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                throw new AlreadyRunningException("execution " + execution.getId() + " is still running on "
                        + lease.get().owner() + ", which keeps renewing its lease; try again when it has finished");
            }
            if (!told) {
                log.warn("Execution {} is owned by {}, whose lease was renewed {} ms ago: waiting for it to end or "
                        + "for its lease to expire ({} s without renewal)", execution.getId(), lease.get().owner(),
                        lease.get().ageMillis(), runLock.lease().toSeconds());
                told = true;
            }
            try {
                Thread.sleep(200);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AlreadyRunningException("interrupted while waiting for execution " + execution.getId()
                        + " to end");
            }
        }
    }

    RunReport report(JobExecution execution) {
        if (execution.getStatus() == BatchStatus.UNKNOWN) {
            // Spring Batch could not save how the execution ended: the database is gone, so are its counts
            throw new DataAccessResourceFailureException("execution " + execution.getId() + " lost its database",
                    execution.getAllFailureExceptions().stream().findFirst().orElse(null));
        }
        Map<ResumeOutcome, Long> counts = RunEnd.countsOf(jdbc, execution.getId());
        LocalDateTime start = execution.getStartTime();
        LocalDateTime end = execution.getEndTime() == null ? LocalDateTime.now() : execution.getEndTime();
        Duration duration = start == null ? Duration.ZERO : Duration.between(start, end);
        String failure = RunEnd.reasonOf(execution);
        RunReport report = new RunReport(execution.getId(), execution.getStatus(), failure, duration, counts,
                pace.summary().describe().orElse(null));
        log.info("Execution {} ended {} in {} ms: {}", report.executionId(), report.status(), duration.toMillis(),
                report.counts());
        metrics.runEnded(report);
        return report;
    }

    /** Whether nothing of {@code execution} is left to restart: it completed, or was abandoned. */
    private static boolean isOver(JobExecution execution) {
        return execution.getStatus() == BatchStatus.COMPLETED || execution.getStatus() == BatchStatus.ABANDONED;
    }

    private static String nothingToRestart(JobExecution over) {
        return " is " + over.getStatus() + ": nothing to restart (use `run` for the requests pending now)";
    }
}
