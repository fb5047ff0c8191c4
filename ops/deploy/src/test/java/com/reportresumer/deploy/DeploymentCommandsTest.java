package com.reportresumer.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every command line the deployment examples give, run as they give it against the built {@code batch-app.jar}: the
 * image's {@code ENTRYPOINT} with its {@code CMD} and with {@code run}, each Kubernetes container of the image, each
 * systemd unit's {@code ExecStart} and its Java 17 alternative, and the commands by hand on a systemd host (the
 * RUNBOOK's shell function, the unit's {@code systemd-run} example). The jar is laid out by {@code aot-cache.sh} as the
 * Dockerfile's build step and the units' install steps lay it out, and each line runs with {@code --help} added: the
 * command exists, the JVM takes every option, the application's own start-up checks pass (no secret on the line),
 * and on a JDK 25 the application's classes come from the AOT cache.
 * <p>
 * The machines are those the examples meet: a build host and a server with 64 GB, and a pod with its memory limit
 * ({@code -XX:MaxRAM} tells the JVM what it has). A JVM whose heap may pass 32 GB turns compressed oops off, and an AOT
 * cache made with them on (or off) is then refused: the command starts a second later, and its standard output, the
 * data a script reads, begins with the JVM's five lines of warnings.
 */
class DeploymentCommandsTest {

    static final Path ROOT = Path.of(System.getProperty("basedir", "."), "../..").toAbsolutePath().normalize();
    static final Path DEPLOY = ROOT.resolve("ops/deploy");
    static final Path JAR = ROOT.resolve("batch-app/target/batch-app.jar");
    /** The JDK 25 the systemd units name, and the java of the image's {@code eclipse-temurin:25-jre}. */
    static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    /** The Java 17 of the units' alternatives, Debian's: {@code /usr/bin/java} as they name it. */
    static final Path JAVA_17 = Path.of("/usr/bin/java");
    static final Path WORK = Path.of("target", "deployed").toAbsolutePath();
    static final Path IMAGE_APP = WORK.resolve("image/app");
    static final Path HOST_APP = WORK.resolve("host/app");
    /** A build host's or a server's memory. */
    static final String LARGE_HOST = "-XX:MaxRAM=64g";
    static final List<String> ON_A_LARGE_HOST = List.of(LARGE_HOST);

    /** An {@code ExecStart=} line, with systemd's prefixes ({@code -}, {@code @}, {@code :}, {@code +}, {@code !}). */
    private static final Pattern EXEC_START = Pattern.compile("ExecStart=[-@:+!]*(/\\S.*)$");
    private static final AtomicInteger RUNS = new AtomicInteger();

    /** One command line of an example, and the memory of the machine it runs on. */
    record DeployedCommand(String where, List<String> line, List<String> machine) {

        /** The application's command: the word after the jar, unless that is an option ({@code --help}). */
        String command() {
            int jar = line.indexOf("-jar");
            return jar + 2 < line.size() && !line.get(jar + 2).startsWith("-") ? line.get(jar + 2) : "";
        }

        /** Whether the example's java is the JDK 25's: the image's {@code java}, or the units' JDK 25. */
        boolean onJdk25() {
            return line.get(0).equals("java") || line.get(0).equals(JDK_25.toString());
        }

        boolean namesTheCache() {
            return line.stream().anyMatch(o -> o.startsWith("-XX:AOTCache="));
        }

        @Override
        public String toString() {
            return where + ": " + String.join(" ", line);
        }
    }

    @BeforeAll
    static void theJarLaidOutAsTheImageAndTheUnitsLayItOut() throws Exception {
        assertThat(JAR).as("batch-app's jar: the reactor builds batch-app before this module").exists();
        if (!Files.isExecutable(JDK_25)) {
            return; // each line says it is skipped
        }
        deleteRecursively(WORK);
        Files.createDirectories(WORK);

        // the Dockerfile's build step, on a build host with 64 GB: java on the PATH is the JRE 25's
        List<String> build = dockerfile().stream().filter(l -> l.startsWith("RUN ") && l.contains("aot-cache.sh"))
                .findFirst().map(l -> words(l.substring(4))).orElseThrow();
        List<String> environment = new ArrayList<>();
        while (build.get(0).matches("[A-Z_]+=.*")) {
            environment.add(build.remove(0));
        }
        LayingOut image = layOut(build, environment);
        // the systemd units' install step, on the server with 64 GB (both at once: each is one JVM's training run)
        String install = lines(DEPLOY.resolve("systemd/report-resumer.service")).stream()
                .filter(l -> l.startsWith("#") && l.contains("ops/deploy/aot-cache.sh ")).findFirst().orElseThrow();
        LayingOut host = layOut(words(install.substring(install.indexOf("ops/deploy/aot-cache.sh"))), List.of());
        try {
            image.awaitDone();
        }
        catch (Throwable failed) {
            // the host's too, or its JVMs go on writing into what @AfterAll deletes; the image's failure is the one told
            try {
                host.awaitDone();
            }
            catch (Throwable also) {
                failed.addSuppressed(also);
            }
            throw failed;
        }
        host.awaitDone();
    }

    /** The laid-out jars and their caches (some 200 MB): the outputs of a failed line are in its message. */
    @AfterAll
    static void removeTheLayouts() throws IOException {
        deleteRecursively(WORK);
    }

    static Stream<DeployedCommand> deployedCommands() throws IOException {
        List<DeployedCommand> all = new ArrayList<>();
        List<String> entrypoint = instruction("ENTRYPOINT");
        List<String> cmd = instruction("CMD");
        all.add(new DeployedCommand("Dockerfile, ENTRYPOINT and CMD", join(entrypoint, cmd), ON_A_LARGE_HOST));
        // docker run … report-resumer:0.1.0 run, as the Dockerfile's comment has it (no memory limit)
        all.add(new DeployedCommand("Dockerfile, docker run … run", join(entrypoint, List.of("run")),
                ON_A_LARGE_HOST));
        try (Stream<Path> manifests = Files.list(DEPLOY.resolve("kubernetes"))) {
            for (Path manifest : manifests.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (Reader in = Files.newBufferedReader(manifest)) {
                    for (Object document : new Yaml().loadAll(in)) {
                        containers(document, manifest.getFileName().toString(), entrypoint, cmd, all);
                    }
                }
            }
        }
        try (Stream<Path> units = Files.list(DEPLOY.resolve("systemd"))) {
            for (Path unit : units.filter(p -> p.toString().endsWith(".service")).sorted().toList()) {
                for (String l : lines(unit)) {
                    Matcher exec = EXEC_START.matcher(l);
                    if (exec.find()) {
                        String where = unit.getFileName() + (l.startsWith("#") ? ", its alternative" : "");
                        all.add(new DeployedCommand(where, words(exec.group(1)), ON_A_LARGE_HOST));
                    }
                }
            }
        }
        // the commands by hand: the RUNBOOK's shell function on a systemd host, and the unit's systemd-run example
        all.add(new DeployedCommand("RUNBOOK.md, report-resumer()", byHand(lines(ROOT.resolve("ops/RUNBOOK.md")),
                "report-resumer() {", "\"$@\"", "runs"), ON_A_LARGE_HOST));
        all.add(new DeployedCommand("report-resumer.service, systemd-run", byHand(lines(DEPLOY.resolve(
                "systemd/report-resumer.service")).stream().map(l -> l.replaceFirst("^#", "")).toList(),
                "systemd-run ", " runs", null), ON_A_LARGE_HOST));
        return all.stream();
    }

    /**
     * The java line of a command given by hand over several lines ({@code \\} at their ends): from the line that
     * holds {@code opening} to the one that ends with {@code closing}, from its JDK's java on; {@code closing} is
     * replaced by {@code command} when that is given.
     */
    private static List<String> byHand(List<String> text, String opening, String closing, String command) {
        int from = 0;
        while (!text.get(from).contains(opening)) {
            from++;
        }
        StringBuilder joined = new StringBuilder();
        for (int i = from; !joined.toString().stripTrailing().endsWith(closing.strip()); i++) {
            joined.append(' ').append(text.get(i).replaceFirst("\\\\\\s*$", ""));
        }
        String line = joined.substring(joined.indexOf(JDK_25.toString())).strip();
        if (command != null) {
            line = line.substring(0, line.length() - closing.length()) + command;
        }
        return words(line);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployedCommands")
    void startsAsWrittenWithItsCommandAndOnAJdk25FromTheAotCache(DeployedCommand deployed) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(JDK_25), "skipped: no JDK 25 at " + JDK_25
                + ", the java the image and the systemd units run");
        assertThat(deployed.line()).as("a java line with -jar: %s", deployed).contains("-jar");
        List<String> line = mapped(deployed.line());
        Path classLog = WORK.resolve("class-load-" + RUNS.incrementAndGet() + ".log");
        List<String> started = new ArrayList<>();
        started.add(line.get(0));
        started.addAll(deployed.machine());
        started.add("-Xlog:class+load=info:file=" + classLog);
        started.addAll(line.subList(1, line.size()));
        if (!line.contains("--help")) {
            started.add("--help");
        }
        Path out = WORK.resolve("out-" + RUNS.get() + ".txt");
        Path err = WORK.resolve("err-" + RUNS.get() + ".txt");
        ProcessBuilder builder = new ProcessBuilder(started).directory(WORK.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().retainAll(List.of("PATH", "HOME", "LANG"));
        Process process = builder.start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s started within 60 s", deployed).isTrue();
        }
        finally {
            end(process);
        }
        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        String said = deployed + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;

        assertThat(process.exitValue()).as(said).isZero();
        assertThat(stdout).as(said).contains(("Usage: report-resumer " + deployed.command()).trim())
                .doesNotContain("[warning]").doesNotContain("[error");
        assertThat(stderr).as(said).isEmpty();
        if (deployed.onJdk25()) {
            assertThat(deployed.namesTheCache()).as("a JDK 25 line starts from the AOT cache: %s", deployed).isTrue();
            assertThat(Files.readString(classLog)).as("the application's classes from the AOT cache: %s", deployed)
                    .contains("com.reportresumer.cli.Main source: shared objects file");
        }
    }

    @Test
    void runsThatLastMinutesUseC1AndProcessesThatLiveForDaysKeepC2() throws IOException {
        List<DeployedCommand> all = deployedCommands().toList();
        // every example is read: a manifest or unit this test no longer finds would pass unseen
        assertThat(all).extracting(DeployedCommand::where).contains("cronjob.yaml, container report-resumer",
                "migrate-job.yaml, container migrate", "schedule-deployment.yaml, container report-resumer",
                "report-resumer.service", "report-resumer-schedule.service", "report-resumer-schedule.service, its "
                        + "alternative", "report-resumer-migrate.service", "report-resumer.service, its alternative",
                "RUNBOOK.md, report-resumer()", "report-resumer.service, systemd-run");
        for (DeployedCommand deployed : all.stream().filter(d -> !d.where().startsWith("Dockerfile")).toList()) {
            // (the image's ENTRYPOINT serves every command: the scheduled run's container sets its own line)
            boolean c1 = deployed.line().contains("-XX:TieredStopAtLevel=1");
            switch (deployed.command()) {
                case "run" -> assertThat(c1).as("%s", deployed).isTrue();
                case "schedule", "console" -> assertThat(c1).as("%s", deployed).isFalse();
                default -> {
                }
            }
        }
    }

    /** An {@code aot-cache.sh} line running, what it prints, and the folder it lays the jar out in. */
    private record LayingOut(List<String> line, Process process, Path output, Path dir) {

        void awaitDone() throws Exception {
            try {
                assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s within 120 s", line).isTrue();
            }
            finally {
                end(process);
            }
            // the training run's own log, which the script leaves when it made no cache
            Path training = dir.resolve("aot-training.log");
            assertThat(process.exitValue()).as("%s: %s%s", line, Files.readString(output),
                    Files.exists(training) ? Files.readString(training) : "").isZero();
        }
    }

    /** Starts one of the examples' {@code aot-cache.sh} lines, mapped to this machine, on a 64 GB host. */
    private static LayingOut layOut(List<String> aotCacheLine, List<String> environment) throws IOException {
        List<String> line = new ArrayList<>(List.of("sh"));
        line.addAll(mapped(aotCacheLine));
        Path output = WORK.resolve("aot-cache-" + RUNS.incrementAndGet() + ".txt");
        ProcessBuilder builder = new ProcessBuilder(line).directory(WORK.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.put("PATH", JDK_25.getParent() + ":" + env.get("PATH")); // the image's java
        String options = LARGE_HOST;
        for (String assignment : environment) {
            String name = assignment.substring(0, assignment.indexOf('='));
            String value = assignment.substring(assignment.indexOf('=') + 1);
            if (name.equals("JAVA_TOOL_OPTIONS")) {
                options = value + " " + LARGE_HOST;
            }
            else {
                env.put(name, value);
            }
        }
        env.put("JAVA_TOOL_OPTIONS", options);
        return new LayingOut(line, builder.start(), output, Path.of(line.get(3))); // sh aot-cache.sh JAR DIR [JAVA]
    }

    /** Ends a process and what it started (the script's JVMs), when it has not ended by itself. */
    private static void end(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** The examples' paths, on this machine; a path it does not know fails the test (a new one wants a mapping). */
    private static List<String> mapped(List<String> line) {
        List<String> mapped = new ArrayList<>();
        for (int i = 0; i < line.size(); i++) {
            String word = line.get(i);
            if (i == 0 && word.equals("java")) {
                mapped.add(JDK_25.toString()); // the image's JRE 25
                continue;
            }
            int eq = word.indexOf("=/");
            String option = eq < 0 ? "" : word.substring(0, eq + 1);
            String value = eq < 0 ? word : word.substring(eq + 1);
            if (value.startsWith("/") || value.startsWith("batch-app/") || value.startsWith("ops/")) {
                value = pathOnThisMachine(value);
            }
            mapped.add(option + value);
        }
        return mapped;
    }

    private static String pathOnThisMachine(String path) {
        Map<String, Path> known = Map.of("/build/aot-cache.sh", DEPLOY.resolve("aot-cache.sh"),
                "ops/deploy/aot-cache.sh", DEPLOY.resolve("aot-cache.sh"), "/build/batch-app.jar", JAR,
                "batch-app/target/batch-app.jar", JAR, "/opt/report-resumer/batch-app.jar", JAR,
                "/usr/bin/java", JAVA_17, JDK_25.toString(), JDK_25);
        if (known.containsKey(path)) {
            return known.get(path).toString();
        }
        if (path.equals("/app") || path.startsWith("/app/")) {
            return IMAGE_APP + path.substring("/app".length());
        }
        if (path.equals("/opt/report-resumer/app") || path.startsWith("/opt/report-resumer/app/")) {
            return HOST_APP + path.substring("/opt/report-resumer/app".length());
        }
        return fail("a path of the deployment examples that this test does not know: " + path);
    }

    /** Each container of the image in a manifest: its command (else the ENTRYPOINT) and args (else the CMD). */
    @SuppressWarnings("unchecked")
    private static void containers(Object node, String manifest, List<String> entrypoint, List<String> cmd,
            List<DeployedCommand> all) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("containers") instanceof List<?> containers) {
                for (Object c : containers) {
                    Map<String, Object> container = (Map<String, Object>) c;
                    if (String.valueOf(container.get("image")).startsWith("report-resumer:")) {
                        List<String> command = (List<String>) container.getOrDefault("command", entrypoint);
                        List<String> args = (List<String>) container.getOrDefault("args", cmd);
                        all.add(new DeployedCommand(manifest + ", container " + container.get("name"),
                                join(command, args), memoryLimit(container)));
                    }
                }
            }
            map.values().forEach(v -> containers(v, manifest, entrypoint, cmd, all));
        }
        else if (node instanceof List<?> list) {
            list.forEach(v -> containers(v, manifest, entrypoint, cmd, all));
        }
    }

    /**
     * The container's memory limit as the JVM sees it in the pod ({@code 768Mi}: {@code -XX:MaxRAM=768m}), and under
     * 1792 MB the serial collector it then picks (no "server class machine"), which {@code -XX:MaxRAM} alone does not
     * make it pick.
     */
    @SuppressWarnings("unchecked")
    private static List<String> memoryLimit(Map<String, Object> container) {
        Map<String, Object> resources = (Map<String, Object>) container.getOrDefault("resources", Map.of());
        Map<String, Object> limits = (Map<String, Object>) resources.getOrDefault("limits", Map.of());
        Object memory = limits.get("memory");
        if (memory == null) {
            return ON_A_LARGE_HOST; // no limit: the node's memory
        }
        Matcher m = Pattern.compile("(\\d+)([MG])i").matcher(memory.toString());
        assertThat(m.matches()).as("a memory limit in Mi or Gi: %s", memory).isTrue();
        long mb = Long.parseLong(m.group(1)) * (m.group(2).equals("G") ? 1024 : 1);
        String maxRam = "-XX:MaxRAM=" + mb + "m";
        return mb < 1792 ? List.of(maxRam, "-XX:+UseSerialGC") : List.of(maxRam);
    }

    private static List<String> instruction(String name) throws IOException {
        String line = dockerfile().stream().filter(l -> l.startsWith(name + " ")).reduce((a, b) -> b).orElseThrow();
        List<String> exec = new Yaml().load(line.substring(name.length() + 1)); // its JSON array (exec form)
        return List.copyOf(exec);
    }

    private static List<String> dockerfile() throws IOException {
        return lines(DEPLOY.resolve("Dockerfile")).stream().filter(l -> !l.startsWith("#")).toList();
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private static List<String> words(String line) {
        return new ArrayList<>(Arrays.asList(line.trim().split("\\s+")));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static List<String> join(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
