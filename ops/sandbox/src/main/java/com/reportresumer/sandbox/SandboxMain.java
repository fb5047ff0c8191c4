package com.reportresumer.sandbox;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar sandbox.jar [options]}: starts a sandbox, prints one line with the URLs and the (fake) credentials
 * to use, and serves until killed. Exit code 2 on a usage error.
 */
public final class SandboxMain {

    static final int DEFAULT_PORT = 8089;

    static final String USAGE = """
            Usage: java -jar sandbox.jar [options]
            An in-memory stand-in for the Partner Center Insights scheduled-report API (and its token endpoint).
            Prints one line with the base URL, token URL and the sandbox-only credentials, then serves until killed.

            Server
              --port N                    TCP port, 0 = any free port (default 8089)
              --bind ADDR                 listen address (default 127.0.0.1)
              --api-path PATH             API prefix (default /insights/v1/mpn)
              --casing pascal|camel       JSON field names (default pascal)
              --threads N                 HTTP worker threads (default 200)
            Credentials (fake, sandbox-only)
              --tenant-id T  --client-id C  --client-secret S  --username U  --password P
              --resource URI              audience the API accepts (default https://api.partnercenter.microsoft.com)
              --token-lifetime SECONDS    how long a token is accepted (default 3600)
            Reports
              --reports N                 reports generated at start (default 100)
              --paused-share X            share Paused (default 0.8)
              --inactive-share X          share Inactive (default 0.05); the rest is Active
              --seed N                    random seed for the reports and every fault draw (default 42)
            Faults (rates and shares are 0..1)
              --latency-ms N              fixed delay per API call (default 0)
              --jitter-ms N               uniform jitter +/- N ms around the latency (default 0)
              --failure-rate X            share of calls answered 500
              --throttle-rate X           share of calls answered 429 with Retry-After
              --retry-after SECONDS       Retry-After of those 429s (default 1)
              --garbage-rate X            share of 200 answers with a non-JSON body (the change still happens)
              --hang-rate X               share of calls that hang before answering
              --hang-seconds S            how long a hung call waits (default 60, decimals allowed)
              --forbidden-share X         share of reports that always answer 403
              --forbidden ID[,ID...]      report ids that always answer 403
              --rejected-share X          share of reports that always answer 400
              --rejected ID[,ID...]       report ids that always answer 400
              --max-calls-per-second N    server-side rate limit, 429 + Retry-After: 1 beyond it (default 0 = off)
              --quota-retry-after B       false: those 429s carry no Retry-After (default true)
              --help                      this text
            Admin (no token): GET /_sandbox/counters, POST /_sandbox/reset-counters, GET /_sandbox/reports?status=Paused
            """;

    /** A usage error: the message is printed with a hint to {@code --help}, exit code 2. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                printUsage(System.out);
                return;
            }
        }
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(parse(args));
        } catch (UsageException | IllegalArgumentException e) {
            System.err.println("sandbox: " + e.getMessage() + " (see --help)");
            System.exit(2);
            return;
        } catch (IOException e) {
            System.err.println("sandbox: cannot start: " + e);
            System.exit(1);
            return;
        }
        sandbox.journal().capacity(0); // nothing outside this JVM could read it
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-shutdown"));
        System.out.println(startLine(sandbox));
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /** The one line printed at start: where to call, with which (sandbox-only) credentials. */
    static String startLine(Sandbox sandbox) {
        SandboxOptions o = sandbox.options();
        return "Partner Center sandbox listening: base-url=" + sandbox.baseUrl()
                + " api-path=" + o.apiPath()
                + " token-url=" + sandbox.tokenUrl()
                + " tenant-id=" + o.tenantId()
                + " client-id=" + o.clientId()
                + " client-secret=" + o.clientSecret()
                + " username=" + o.username()
                + " password=" + o.password()
                + " resource=" + o.resource()
                + " reports=" + sandbox.reports().size()
                + " paused=" + sandbox.reports(ReportStatus.PAUSED).size()
                + " active=" + sandbox.reports(ReportStatus.ACTIVE).size()
                + " inactive=" + sandbox.reports(ReportStatus.INACTIVE).size()
                + " (fake credentials, valid for this sandbox only)";
    }

    /** Parses the command line ({@code --name value} or {@code --name=value}). */
    static SandboxOptions parse(String[] args) throws UsageException {
        SandboxOptions.Builder b = SandboxOptions.builder().port(DEFAULT_PORT);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else {
                name = arg.substring(2);
                if (i + 1 >= args.length) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            try {
                apply(b, name, value);
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + ": not a number: '" + value + "'");
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static void apply(SandboxOptions.Builder b, String name, String v) throws UsageException {
        switch (name) {
            case "port" -> b.port(Integer.parseInt(v));
            case "bind" -> b.bindAddress(v);
            case "api-path" -> b.apiPath(v);
            case "casing" -> {
                try {
                    b.casing(Casing.parse(v));
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
            case "threads" -> b.threads(Integer.parseInt(v));
            case "tenant-id" -> b.tenantId(v);
            case "client-id" -> b.clientId(v);
            case "client-secret" -> b.clientSecret(v);
            case "username" -> b.username(v);
            case "password" -> b.password(v);
            case "resource" -> b.resource(v);
            case "token-lifetime" -> b.tokenLifetime(Duration.ofSeconds(Long.parseLong(v)));
            case "reports" -> b.reports(Integer.parseInt(v));
            case "paused-share" -> b.pausedShare(Double.parseDouble(v));
            case "inactive-share" -> b.inactiveShare(Double.parseDouble(v));
            case "seed" -> b.randomSeed(Long.parseLong(v));
            case "latency-ms" -> b.latency(Duration.ofMillis(Long.parseLong(v)));
            case "jitter-ms" -> b.jitter(Duration.ofMillis(Long.parseLong(v)));
            case "failure-rate" -> b.failureRate(Double.parseDouble(v));
            case "throttle-rate" -> b.throttleRate(Double.parseDouble(v));
            case "retry-after" -> b.retryAfterSeconds(Integer.parseInt(v));
            case "garbage-rate" -> b.garbageRate(Double.parseDouble(v));
            case "hang-rate" -> b.hangRate(Double.parseDouble(v));
            case "hang-seconds" -> b.hangDuration(Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000)));
            case "forbidden-share" -> b.forbiddenShare(Double.parseDouble(v));
            case "forbidden" -> b.forbiddenReports(ids(name, v));
            case "rejected-share" -> b.rejectedShare(Double.parseDouble(v));
            case "rejected" -> b.rejectedReports(ids(name, v));
            case "max-calls-per-second" -> b.maxCallsPerSecond(Integer.parseInt(v));
            case "quota-retry-after" -> b.quotaRetryAfter(bool(name, v));
            default -> throw new UsageException("unknown option --" + name);
        }
    }

    private static boolean bool(String name, String value) throws UsageException {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new UsageException("--" + name + " takes true or false, not " + value);
        };
    }

    private static Set<UUID> ids(String name, String list) throws UsageException {
        Set<UUID> out = new LinkedHashSet<>();
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                try {
                    out.add(UUID.fromString(part.trim()));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--" + name + ": not a UUID: '" + part.trim() + "'");
                }
            }
        }
        return out;
    }

    static void printUsage(PrintStream out) {
        out.print(USAGE);
    }
}
