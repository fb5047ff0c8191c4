package com.reportresumer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The bench's own parsing and arithmetic; the bench itself runs only through ops/bench/run.sh. */
class BenchParsingTest {

    @Test
    void gcLogGivesPeakBeforeAndLiveAfterCollections() {
        GcLog log = GcLog.parse(List.of(
                "[0.010s][info][gc] Using G1",
                "[1.234s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms",
                "[2.000s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 120M->41M(256M) 5.000ms",
                "[3.000s][info][gc,heap,exit] Heap",
                "[3.000s][info][gc,heap,exit]  garbage-first heap   total 262144K, used 61440K [0x00000000f0000000, 0x0000000100000000)",
                "[3.000s][info][gc,heap,exit]  Metaspace       used 70000K, committed 71000K, reserved 1114112K"));
        assertThat(log.peakUsedMb()).isEqualTo(120.0);
        assertThat(log.maxLiveMb()).isEqualTo(41.0);
        assertThat(log.committedMb()).isEqualTo(256.0);
        assertThat(log.collections()).isEqualTo(2);
    }

    @Test
    void countersAreStreamedWithCallsPerReportReducedToSizeAndMaximum() {
        String json = """
                {"totalCalls":7,"resumeCalls":6,"pauseCalls":0,"tokenRequests":1,"tokensIssued":1,
                 "maxResumeCallsPerSecond":4,"responsesPerStatus":{"200":5,"429":1},"faultsInjected":{"throttle":1},
                 "resumeCallsPerSecond":{"1700000000":4,"1700000001":2},
                 "callsPerReport":{"a":2,"b":1,"c":1,"d":1,"e":1}}""";
        SandboxCounters c = SandboxCounters.parse(JsonMapper.builder().build().createParser(json));
        assertThat(c.totalCalls()).isEqualTo(7);
        assertThat(c.resumeCalls()).isEqualTo(6);
        assertThat(c.responses(429)).isEqualTo(1);
        assertThat(c.maxResumeCallsPerSecond()).isEqualTo(4);
        assertThat(c.reportsCalled()).isEqualTo(5);
        assertThat(c.maxCallsPerReport()).isEqualTo(2);
    }

    @Test
    void quickDividesSizesByTen() {
        BenchOptions o = BenchOptions.parse(new String[] {"--quick", "--case", "all", "--n-sweep", "120"});
        assertThat(o.nLatency()).isEqualTo(1_000);
        assertThat(o.nOverhead()).isEqualTo(10_000);
        assertThat(o.plainSample()).isEqualTo(200);
        assertThat(o.nMemory()).isEqualTo(100_000);
        assertThat(o.nSweep()).isEqualTo(120);
        assertThat(o.cases).containsExactlyElementsOf(BenchOptions.ALL_CASES);
    }

    @Test
    void threadCpuAddsUserAndSystemTicksAndCountsTheCompilersApart() {
        // tid (name) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        List<Watched.ThreadTicks> threads = Stream.of(
                "11 (java) S 1 11 11 0 -1 4194560 9 0 0 0 250 50 0 0 20 0 40 0",
                "12 (C2 CompilerThre) S 1 11 11 0 -1 4194368 5 0 0 0 900 30 0 0 20 0 40 0",
                "13 (C1 CompilerThre) S 1 11 11 0 -1 4194368 5 0 0 0 200 10 0 0 20 0 40 0",
                "14 (a (b) c) R 1 11 11 0 -1 4194368 5 0 0 0 7 3 0 0 20 0 40 0").map(Watched.ThreadTicks::parse)
                .toList();
        assertThat(threads.get(3)).isEqualTo(new Watched.ThreadTicks("a (b) c", 10));
        // the process's own line counts every thread, those that ended before the last reading too
        Watched.ThreadTicks process = Watched.ThreadTicks.parse("11 (java) S 1 11 11 0 -1 4194560 9 0 0 0 1500 100 0");
        Watched.ThreadCpu cpu = Watched.ThreadCpu.of(process, threads);
        assertThat(cpu.totalSeconds()).isEqualTo(16.0);
        assertThat(cpu.jitSeconds()).isEqualTo(11.4);
        assertThat(Watched.ThreadCpu.of(null, threads).totalSeconds()).isNaN();
        for (String torn : List.of("", "12 (C2 Compil", "12 (x) S 1 2", "12 (x)")) {
            assertThatThrownBy(() -> Watched.ThreadTicks.parse(torn)).as(torn)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void jvmOptionsAreSplitOnSpacesAndWhatIsNoOptionIsRefused() {
        BenchOptions o = BenchOptions.parse(new String[] {"--app-jvm", " -XX:TieredStopAtLevel=1  -Dx=y ",
                "--reference-jvm=-XX:+UseSerialGC"});
        assertThat(o.appJvm).containsExactly("-XX:TieredStopAtLevel=1", "-Dx=y");
        assertThat(o.referenceJvm).containsExactly("-XX:+UseSerialGC");
        assertThat(AppRunner.jvmOptions("-Xmx512m", o.appJvm)).as("after the bench's heap")
                .containsExactly("-Xmx512m", "-XX:TieredStopAtLevel=1", "-Dx=y");
        assertThat(BenchOptions.parse(new String[0]).appJvm).isEmpty();
        for (String notASetting : List.of("-jar other.jar", "Main", "--help", "-version", "-m some.module",
                "-cp x")) {
            assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--app-jvm", notASetting})).as(notASetting)
                    .hasMessageContaining("is not a JVM setting the bench can add");
        }
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--reference-jvm", "-Xmx2g"}))
                .hasMessageContaining("the heap is --app-xmx's");
        for (String secret : List.of("-Dspring.datasource.password=hunter2", "-Dresumer.partnercenter.client-secret=s3",
                "-DACCESS_TOKEN=t0k")) {
            assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--app-jvm", secret})).as(secret)
                    .hasMessageContaining("names a secret").message().doesNotContain("hunter2", "s3", "t0k");
        }
    }

    @Test
    void eachCaseHasItsOwnSizeAndAnUnknownOneIsRefused() {
        BenchOptions o = BenchOptions.parse(new String[] {"--n-console", "20000", "--n-overhead=30000"});
        assertThat(o.nConsole()).isEqualTo(20_000);
        assertThat(o.nOverhead()).isEqualTo(30_000);
        assertThat(o.nQuota()).isEqualTo(3_000);
        assertThat(o.nRateLimit()).isEqualTo(1_500);
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--n-startup", "5"}))
                .hasMessage("unknown option '--n-startup' (see --help)");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--n-quota", "0"}))
                .hasMessage("--n-quota must be at least 1");
    }

    @Test
    void startLineOfTheSandboxIsParsed() {
        var info = SandboxProcess.parseStartLine("Partner Center sandbox listening: base-url=http://127.0.0.1:4242"
                + " api-path=/insights/v1/mpn token-url=http://127.0.0.1:4242/t/oauth2/token client-id=c");
        assertThat(info).containsEntry("base-url", "http://127.0.0.1:4242").containsEntry("client-id", "c");
    }
}
