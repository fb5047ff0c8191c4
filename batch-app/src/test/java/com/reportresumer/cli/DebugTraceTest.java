package com.reportresumer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.secrets.Secrets;
import com.reportresumer.testsupport.UnitTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/**
 * {@code --debug} prints the stack trace of an unexpected failure, and that trace is output like any other: a secret
 * an exception's message or cause quotes (an echoing proxy, a driver) is redacted there too.
 */
@UnitTest
class DebugTraceTest {

    private static final String SECRET = "s3cr3t-in-a-TRACE-value";

    @Command(name = "explode")
    static final class Explode implements Callable<Integer> {

        @Override
        public Integer call() {
            throw new IllegalStateException("the proxy answered: client_secret=" + SECRET,
                    new RuntimeException("caused by " + SECRET));
        }
    }

    @Test
    void theTraceOfDebugHoldsNoSecret() {
        Secrets.register(SECRET);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliExtension explodes = new CliExtension() {
            @Override
            public List<Object> commands(ResumerCli cli) {
                return List.of(new Explode());
            }
        };
        int exit = new ResumerCli(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), explodes)
                .execute("explode", "--debug");

        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString()).as("the trace is printed").contains("java.lang.IllegalStateException")
                .contains("at com.reportresumer.cli.DebugTraceTest$Explode.call").contains("Caused by:")
                .contains("client_secret=[redacted]").doesNotContain(SECRET);
        assertThat(out.toString()).isEmpty();
    }
}
