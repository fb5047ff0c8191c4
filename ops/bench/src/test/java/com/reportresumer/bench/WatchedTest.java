package com.reportresumer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The watch of a real JVM: its CPU over its life and its JIT compilers' share, as the bench's notes give them. */
class WatchedTest {

    /** A second and a half of arithmetic: several readings of a busy process. */
    public static void main(String[] args) {
        long until = System.nanoTime() + 1_500_000_000L;
        long x = 0;
        while (System.nanoTime() < until) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 31 + Long.numberOfTrailingZeros(x + i);
            }
        }
        System.out.println(x);
    }

    @Test
    void aJvmsCpuAndItsCompilersShareAreRead() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // -Xcomp: every method compiled before its first run, so that the compilers' threads have CPU to be read
        Watched.Result watched = Watched.runJava(java, List.of("-Xmx64m", "-Xcomp"),
                List.of("-cp", System.getProperty("java.class.path"), WatchedTest.class.getName()), Map.of(),
                Path.of("target", "watched-test"), "spin");

        assertThat(watched.exitCode()).isZero();
        // read every 200 ms while it lives: the last reading may miss its last 200 ms, and a busy machine gives it less
        assertThat(watched.cpu().totalSeconds()).as("most of a second and a half of a busy thread")
                .isGreaterThanOrEqualTo(0.5).isLessThanOrEqualTo(watched.processSeconds() * 2 + 0.5);
        assertThat(watched.cpu().jitSeconds()).as("the compilers compiled every method run").isGreaterThanOrEqualTo(0.1)
                .isLessThan(watched.cpu().totalSeconds());
    }
}
