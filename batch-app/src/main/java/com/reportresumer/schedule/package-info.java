/**
 * The nightly run without cron: {@code schedule} keeps a process alive that starts the job at every fire time of
 * {@code resumer.schedule.cron}. It adds no locking of its own: each run takes the run lock like {@code run}, so a
 * scheduler on every instance of a deployment still gives one run at a time, and a fire time that finds the lock
 * taken is skipped with a warning.
 */
package com.reportresumer.schedule;
