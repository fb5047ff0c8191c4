package com.reportresumer.bench;

/**
 * The verdict on a performance target (x ideal, job/reference, job/plain). At {@code --quick} sizes the job's fixed
 * cost (JIT warm-up above all) dominates, so the verdict is only shown and does not fail the bench; whether the run
 * itself was correct always counts.
 */
final class PerformanceTarget {

    private PerformanceTarget() {
    }

    /**
     * Writes the check of {@code row}: {@code text} and PASS/FAIL at full size; at quick size {@code text} with
     * "met"/"not met (quick size: indicative)", failing only when the run was not {@code correct}.
     */
    static void judge(Row row, String text, boolean met, boolean correct, boolean quickSize) {
        if (quickSize) {
            row.check(text + (met ? "  met" : "  not met") + " (quick size: indicative)", correct ? null : false);
        } else {
            row.check(text, met && correct);
        }
    }
}
