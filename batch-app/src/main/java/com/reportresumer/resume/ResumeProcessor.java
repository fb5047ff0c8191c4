package com.reportresumer.resume;

import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.stereotype.Component;

/**
 * Makes the API call for one request (concurrently, on the step's task executor) and turns whatever happened into a
 * {@link ResumeResult} for the writer. Living in the processor, the call is never repeated by a chunk scan.
 * Returns null (the request stays {@code PENDING}, untouched) once an outage has been declared.
 */
@Component
class ResumeProcessor implements ItemProcessor<ResumeRequest, ResumeResult> {

    private final RetryingResumer resumer;
    private final OutageGuard outageGuard;

    ResumeProcessor(RetryingResumer resumer, OutageGuard outageGuard) {
        this.resumer = resumer;
        this.outageGuard = outageGuard;
    }

    @Override
    public ResumeResult process(ResumeRequest request) throws Exception {
        if (outageGuard.tripped()) {
            return null;
        }
        ResumeResult result = resumer.resume(request);
        outageGuard.record(result);
        return result;
    }
}
