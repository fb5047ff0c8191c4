package com.reportresumer.resume;

import com.reportresumer.partnercenter.PartnerCenterProperties;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.RunIdIncrementer;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The resume job: read {@code PENDING} requests in keyset pages, resume each through the API with
 * {@code concurrency} calls in flight ({@link ResumePipeline}), write each chunk's audit rows and status changes in
 * the chunk's transaction ({@link AuditWriter}).
 * <p>
 * The reader keeps no position in the execution context: a committed chunk's requests are no longer
 * {@code PENDING}, so a restart (or the next run) simply reads what is still pending, and a rolled-back chunk is
 * read again.
 */
@Configuration
class ResumeJobConfiguration {

    static final String JOB_NAME = "resumeReports";
    static final String STEP_NAME = "resume";

    /**
     * The job, with the run's lease around each execution ({@link RunOwnership}) and then every other job listener
     * of the application: those that want to know when an execution ends (the webhook's notification), without this
     * package knowing them.
     */
    @Bean
    Job resumeReportsJob(JobRepository jobRepository, Step resumeStep, RunOwnership runOwnership,
            ObjectProvider<JobExecutionListener> listeners) {
        JobBuilder job = new JobBuilder(JOB_NAME, jobRepository)
                .incrementer(new RunIdIncrementer())
                .listener(runOwnership);
        listeners.orderedStream().filter(listener -> listener != runOwnership).forEach(job::listener);
        return job.start(resumeStep).build();
    }

    @Bean
    Step resumeStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            ResumePipeline resumePipeline, AuditWriter auditWriter, OutageGuard outageGuard, GracefulStop gracefulStop,
            RunProgress runProgress, JobPace jobPace, ResumeJobProperties properties) {
        return new StepBuilder(STEP_NAME, jobRepository)
                .<ResumeResult, ResumeResult>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(resumePipeline)
                .writer(auditWriter)
                .listener(jobPace)
                .listener(outageGuard)
                .listener(gracefulStop)
                .listener(runProgress)
                .build();
    }

    @Bean
    ResumePipeline resumePipeline(JdbcPagingItemReader<ResumeRequest> pendingRequests, RetryingResumer resumer,
            OutageGuard outageGuard, GracefulStop gracefulStop, ThreadPoolTaskExecutor resumeCallExecutor,
            RunLock runLock, ResumeJobProperties properties, PartnerCenterProperties partnerCenter) {
        return new ResumePipeline(pendingRequests, resumer, outageGuard, gracefulStop, resumeCallExecutor,
                properties.concurrency(), runLock, partnerCenter.longestCall());
    }

    @Bean
    JdbcPagingItemReader<ResumeRequest> pendingRequests(DataSource dataSource, ResumeJobProperties properties)
            throws Exception {
        return new JdbcPagingItemReaderBuilder<ResumeRequest>()
                .name("pendingRequests")
                .dataSource(dataSource)
                .selectClause("id, report_id")
                .fromClause("resume_request")
                .whereClause("status = 'PENDING'")
                .sortKeys(Map.of("id", Order.ASCENDING))
                .pageSize(properties.chunkSize())
                .fetchSize(properties.chunkSize())
                .saveState(false)
                .rowMapper((rs, row) -> new ResumeRequest(rs.getLong("id"), rs.getString("report_id")))
                .build();
    }

    /** The threads that make API calls: exactly {@code resumer.job.concurrency} of them. */
    @Bean
    ThreadPoolTaskExecutor resumeCallExecutor(ResumeJobProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(properties.concurrency());
        executor.setMaxPoolSize(properties.concurrency());
        executor.setThreadNamePrefix("resume-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(60);
        return executor;
    }
}
