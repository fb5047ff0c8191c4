package com.reportresumer.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * The closest command or option to a mistyped one, for when picocli's own suggestions (by shared letter pairs) find
 * none: {@code rnus} shares no pair with {@code runs}, but is one swap away. Distance is optimal string alignment
 * (insertions, deletions, substitutions and swaps of neighbours), at most a third of the word's length.
 */
final class Typos {

    private Typos() {
    }

    static Optional<String> closest(String typed, Collection<String> candidates) {
        int allowed = Math.max(1, typed.length() / 3);
        return candidates.stream()
                .filter(c -> distance(typed, c) <= allowed)
                .min(Comparator.comparingInt((String c) -> distance(typed, c))
                        .thenComparing(Comparator.naturalOrder()));
    }

    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
