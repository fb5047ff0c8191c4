package com.reportresumer.demo;

import java.time.Instant;
import java.util.Optional;

/**
 * A process as the demo's files name it: its ID and the time it started, so that a process ID the system has given
 * to another process since is not taken for the demo that wrote it.
 *
 * @param pid the process ID
 * @param started when it started, in epoch milliseconds; 0 where the system does not say
 */
record ProcessIdentity(long pid, long started) {

    /** This JVM. */
    static ProcessIdentity current() {
        return of(ProcessHandle.current());
    }

    static ProcessIdentity of(ProcessHandle process) {
        return new ProcessIdentity(process.pid(), startOf(process));
    }

    /** {@code pid:started}, as the files hold it. */
    static Optional<ProcessIdentity> parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split(":");
        try {
            return parts.length == 2 ? Optional.of(new ProcessIdentity(Long.parseLong(parts[0]),
                    Long.parseLong(parts[1]))) : Optional.empty();
        }
        catch (NumberFormatException garbled) {
            return Optional.empty();
        }
    }

    /** Whether this process still runs: its ID is alive and, where the system says, started at the same time. */
    boolean isAlive() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> started == 0 || startOf(p) == 0 || startOf(p) == started).isPresent();
    }

    boolean isCurrent() {
        return pid == ProcessHandle.current().pid();
    }

    @Override
    public String toString() {
        return pid + ":" + started;
    }

    private static long startOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
