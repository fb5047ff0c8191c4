package com.reportresumer.sandbox;

import java.util.UUID;

/** Deterministic pseudo-random numbers derived from a seed and a key, independent of thread interleaving. */
final class Dice {
    static final long SALT_FORBIDDEN = 0x6f7262696464656eL;
    static final long SALT_REJECTED = 0x72656a6563746564L;

    private Dice() {
    }

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A double in [0, 1) from the top 53 bits of {@code bits}. */
    static double unit(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }

    static long key(UUID id) {
        return mix(id.getMostSignificantBits()) ^ mix(id.getLeastSignificantBits() + 0x9e3779b97f4a7c15L);
    }

    static long key(String text) {
        long h = 1125899906842597L;
        for (int i = 0; i < text.length(); i++) {
            h = 31 * h + text.charAt(i);
        }
        return mix(h);
    }

    /** Fixed per (seed, report, salt): picks the reports of a share. */
    static double perReport(long seed, UUID id, long salt) {
        return unit(mix(mix(seed ^ salt) ^ key(id)));
    }

    /** Two draws for the n-th call on a key: [0] picks the fault, [1] the jitter. */
    static double[] perCall(long seed, long key, long callNumber) {
        long base = mix(mix(seed) ^ key ^ mix(callNumber * 0x9e3779b97f4a7c15L + 0x632be59bd9b4e019L));
        return new double[] {unit(mix(base + 1)), unit(mix(base + 2))};
    }
}
