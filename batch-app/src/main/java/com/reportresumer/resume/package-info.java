/**
 * The resume job: {@link com.reportresumer.resume.ResumeJobConfiguration} reads like it — PENDING requests in keyset
 * pages, {@code concurrency} API calls in flight across chunks ({@link com.reportresumer.resume.ResumePipeline}), each
 * result a value ({@link com.reportresumer.resume.ResumeResult}) written with its request's new status in the
 * chunk's transaction ({@link com.reportresumer.resume.AuditWriter}). Retries live in one place
 * ({@link com.reportresumer.resume.RetryingResumer}), never in Feign or the step, so no chunk scan can repeat a
 * call. {@link com.reportresumer.resume.ResumeRuns} starts and restarts executions one at a time under
 * {@link com.reportresumer.resume.RunLock}, whose lease decides when an execution left {@code STARTED} may be
 * recovered.
 */
package com.reportresumer.resume;
