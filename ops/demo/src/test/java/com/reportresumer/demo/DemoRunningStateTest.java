package com.reportresumer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The file a running demo writes for {@code --demo} in other processes: it names the secrets' files, never the
 * secrets, is its owner's only, and one left by a killed demo is not taken for a running one.
 */
class DemoRunningStateTest {

    private final Path directory = Path.of("target", "demo-running-state-test");

    @AfterEach
    void removeDirectory() {
        FileSystemUtils.deleteRecursively(directory.toFile());
    }

    @Test
    void aRunningDemosFileGivesTheConnectionAndTheSecretsFromTheirFiles() throws Exception {
        RunningDemo written = demo(ProcessIdentity.current());
        written.writeTo(directory);

        Path file = directory.resolve(RunningDemo.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).doesNotContain("db-secret-value").doesNotContain("api-secret-value");
        assertThat(RunningDemo.in(directory)).contains(written);
        Map<String, Object> properties = RunningDemo.in(directory).orElseThrow().springProperties();
        assertThat(properties).containsEntry("spring.datasource.url", "jdbc:postgresql://127.0.0.1:54329/postgres")
                .containsEntry("spring.datasource.password", "db-secret-value")
                .containsEntry("resumer.partner-center.base-url", "http://127.0.0.1:4242")
                .containsEntry("resumer.partner-center.client-secret", "api-secret-value");

        written.removeFrom(directory);
        assertThat(file).doesNotExist();
    }

    @Test
    void aFileLeftByAKilledDemoIsIgnoredAndRemovedAndAnotherDemosFileIsNotRemovedByThisOne() throws Exception {
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gone.waitFor();
        demo(new ProcessIdentity(gone.pid(), 0)).writeTo(directory);

        assertThat(RunningDemo.in(directory)).isEmpty();
        assertThat(directory.resolve(RunningDemo.FILE)).doesNotExist();

        // the same process ID, started at another time: the system gave it to another process since
        ProcessIdentity me = ProcessIdentity.current();
        demo(new ProcessIdentity(me.pid(), me.started() - 1)).writeTo(directory);
        assertThat(RunningDemo.in(directory)).isEmpty();

        RunningDemo other = demo(me);
        other.writeTo(directory);
        demo(new ProcessIdentity(me.pid(), me.started() + 1)).removeFrom(directory);
        assertThat(RunningDemo.in(directory)).contains(other);
    }

    private RunningDemo demo(ProcessIdentity process) throws Exception {
        OwnerOnlyFiles.createDirectory(directory);
        Path password = directory.resolve(DemoDatabase.PASSWORD_FILE).toAbsolutePath();
        Path secret = directory.resolve(DemoApi.CLIENT_SECRET_FILE).toAbsolutePath();
        OwnerOnlyFiles.write(password, "db-secret-value\n");
        OwnerOnlyFiles.write(secret, "api-secret-value\n");
        return new RunningDemo(process, "jdbc:postgresql://127.0.0.1:54329/postgres", "postgres", password,
                new DemoApi.Endpoint("http://127.0.0.1:4242", "/insights/v1/mpn",
                        "http://127.0.0.1:4242/tenant/oauth2/token", "tenant", "client"), secret);
    }
}
