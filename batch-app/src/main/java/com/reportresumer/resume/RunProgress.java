package com.reportresumer.resume;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Logs done/total, rate and ETA while a run goes, at most every few seconds. */
@Component
class RunProgress implements StepExecutionListener, ChunkListener<ResumeRequest, ResumeResult> {

    private static final Logger log = LoggerFactory.getLogger(RunProgress.class);
    private static final long EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private final JdbcTemplate jdbc;
    private volatile StepExecution stepExecution;
    private long total;
    private long startedNanos;
    private long lastLogNanos;

    RunProgress(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.stepExecution = stepExecution;
        Long pending = jdbc.queryForObject("SELECT count(*) FROM resume_request WHERE status = 'PENDING'", Long.class);
        total = pending == null ? 0 : pending;
        startedNanos = System.nanoTime();
        lastLogNanos = startedNanos;
        log.info("Execution {}: {} requests PENDING", stepExecution.getJobExecutionId(), total);
    }

    @Override
    public void afterChunk(Chunk<ResumeResult> results) {
        long now = System.nanoTime();
        if (now - lastLogNanos < EVERY_NANOS) {
            return;
        }
        lastLogNanos = now;
        long done = stepExecution.getWriteCount();
        double seconds = Math.max(1e-3, (now - startedNanos) / 1e9);
        double rate = done / seconds;
        long etaSeconds = rate > 0 ? (long) Math.ceil(Math.max(0, total - done) / rate) : -1;
        log.info("Progress: {}/{} ({}%), {} reports/s, ETA {}", done, total,
                total == 0 ? 100 : done * 100 / total, String.format("%.1f", rate),
                etaSeconds < 0 ? "unknown" : Duration.ofSeconds(etaSeconds).toString().substring(2).toLowerCase());
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        return null;
    }
}
