package com.reportresumer.demo;

import com.reportresumer.resume.RunProgress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A live progress bar (done/total, rate, ETA) on standard error when it is a terminal. Elsewhere the run's own
 * progress log lines do the job.
 */
final class TerminalProgress implements RunProgress.Watcher, AutoCloseable {

    private ProgressBar bar;

    private TerminalProgress() {
    }

    /** Watches the run if there is a terminal to draw on; returns a no-op otherwise. */
    static AutoCloseable attachTo(RunProgress progress) {
        if (System.console() == null) {
            return () -> { };
        }
        TerminalProgress terminal = new TerminalProgress();
        progress.watch(terminal);
        return terminal;
    }

    @Override
    public synchronized void started(long total) {
        bar = new ProgressBarBuilder().setTaskName("Resuming").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" reports", 1).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    @Override
    public synchronized void done(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
