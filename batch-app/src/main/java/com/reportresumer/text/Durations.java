package com.reportresumer.text;

/** How long something took or has waited, for people: one wording for the command line and the console. */
public final class Durations {

    private Durations() {
    }

    /** A run's or a call's duration: {@code 850 ms}, {@code 12.3 s}, {@code 3 min 05 s}. */
    public static String elapsed(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        long seconds = millis / 1000;
        return seconds < 60 ? String.format("%.1f s", millis / 1000.0)
                : String.format("%d min %02d s", seconds / 60, seconds % 60);
    }

    /** An age: {@code 42 s}, {@code 12 min}, {@code 5 h 03 min}, {@code 3 d 04 h}. */
    public static String age(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 86_400) {
            return String.format("%d h %02d min", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format("%d d %02d h", seconds / 86_400, seconds % 86_400 / 3600);
    }
}
