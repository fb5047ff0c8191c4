package com.reportresumer.console;

import com.reportresumer.audit.RunRow;
import com.reportresumer.resume.ResumeOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcomes of the recent executions as a stacked bar each, oldest on the left: an SVG drawn from attributes
 * alone (the console's content security policy allows no inline style), one segment per {@link ResumeOutcome} in
 * the enum's order, so a new outcome is drawn without a change here. Bars share one scale, the largest run's total.
 */
record OutcomeChart(List<Bar> bars, int width, int height) {

    /** How many executions the chart shows at most. */
    static final int RUNS = 20;

    static final int BAR = 18;
    static final int GAP = 6;
    static final int HEIGHT = 90;

    /** One execution's bar: where it stands and its segments, bottom first. */
    record Bar(long jobExecutionId, int x, String title, List<Segment> segments) {
    }

    /** A stretch of one outcome in a bar. */
    record Segment(String outcome, int y, int height, long count) {
    }

    /** The chart of {@code runs}, given newest first as {@code runs} lists them. */
    static OutcomeChart of(List<RunRow> runs) {
        long max = runs.stream().mapToLong(RunRow::total).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        for (int i = runs.size() - 1, slot = 0; i >= 0; i--, slot++) {
            RunRow run = runs.get(i);
            List<Segment> segments = new ArrayList<>();
            StringBuilder title = new StringBuilder("execution " + run.jobExecutionId() + ": ");
            double bottom = HEIGHT;
            for (ResumeOutcome outcome : ResumeOutcome.values()) {
                long n = run.count(outcome);
                if (n == 0) {
                    continue;
                }
                double h = max == 0 ? 0 : (double) HEIGHT * n / max;
                int top = (int) Math.round(bottom - h);
                segments.add(new Segment(outcome.name(), top, Math.max(1, (int) Math.round(bottom) - top), n));
                bottom -= h;
                title.append(n).append(' ').append(outcome.name()).append(", ");
            }
            bars.add(new Bar(run.jobExecutionId(), slot * (BAR + GAP), segments.isEmpty() ? title + "no report"
                    : title.substring(0, title.length() - 2), segments));
        }
        return new OutcomeChart(bars, Math.max(1, bars.size() * (BAR + GAP) - GAP), HEIGHT);
    }

    public int barWidth() {
        return BAR;
    }
}
