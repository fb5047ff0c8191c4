package com.reportresumer.testsupport;

import com.reportresumer.sandbox.RecordedRequest;
import com.reportresumer.sandbox.RequestJournal;
import com.reportresumer.sandbox.Sandbox;
import com.reportresumer.sandbox.SandboxOptions;
import com.reportresumer.sandbox.SandboxScript;
import com.reportresumer.sandbox.ScriptedAnswer;
import com.reportresumer.sandbox.TokenAnswer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The sandbox of {@code ops/sandbox} playing Partner Center and Entra ID on loopback for one test, with helpers for
 * the answers tests script and the requests they check. Client secret and tokens are distinctive strings so tests
 * can prove they never leak. It starts with no reports of its own: what a resume call gets is what the test scripts.
 */
public final class PartnerCenterStandIn implements AutoCloseable {

    public static final String TENANT = "contoso-tenant";
    public static final String CLIENT_ID = "client-app-id";
    public static final String CLIENT_SECRET = "s3cr3t-CLIENT-SECRET-value";
    public static final String TOKEN = "eyJ0-SECRET-TOKEN-1";
    public static final String API_PATH = SandboxOptions.DEFAULT_API_PATH;
    public static final String RESUME = API_PATH + "/ScheduledReport/resume/";

    private final Sandbox sandbox;

    /** A stand-in with the credentials above, no reports and no faults. */
    public PartnerCenterStandIn() {
        this(UnaryOperator.identity());
    }

    /** A stand-in with the credentials above and options of the test's own (reports, faults, token lifetime…). */
    public PartnerCenterStandIn(UnaryOperator<SandboxOptions.Builder> options) {
        RealParts.started("a stand-in for Partner Center");
        SandboxOptions.Builder builder = SandboxOptions.builder().reports(0).tenantId(TENANT).clientId(CLIENT_ID)
                .clientSecret(CLIENT_SECRET);
        try {
            sandbox = Sandbox.start(options.apply(builder).build());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start the Partner Center sandbox", e);
        }
    }

    /** The sandbox itself: its reports, counters and options. */
    public Sandbox sandbox() {
        return sandbox;
    }

    public SandboxScript script() {
        return sandbox.script();
    }

    public RequestJournal journal() {
        return sandbox.journal();
    }

    public String baseUrl() {
        return sandbox.baseUrl();
    }

    public int port() {
        return sandbox.port();
    }

    /** The path of the v1 token endpoint, {@code /{tenant}/oauth2/token}. */
    public String tokenPath() {
        return "/" + sandbox.options().tenantId() + "/oauth2/token";
    }

    /** The path of the v2.0 token endpoint, {@code /{tenant}/oauth2/v2.0/token}. */
    public String tokenPathV2() {
        return "/" + sandbox.options().tenantId() + "/oauth2/v2.0/token";
    }

    /**
     * The properties that point the application at this server, with its client credentials (the secret in the
     * environment).
     */
    public String[] springArgs() {
        SandboxOptions o = sandbox.options();
        return new String[] { "--resumer.partner-center.base-url=" + baseUrl(),
                "--resumer.partner-center.token-url=" + sandbox.tokenUrl(),
                "--resumer.partner-center.tenant-id=" + o.tenantId(),
                "--resumer.partner-center.client-id=" + o.clientId(),
                EnvVar.of("RESUMER_PARTNERCENTER_CLIENTSECRET", o.clientSecret()) };
    }

    /** The token endpoint issues this token, whatever the request, as Entra ID v1 does: numbers as strings. */
    public PartnerCenterStandIn issuesTokens(String token, long expiresInSeconds) {
        sandbox.script().answerTokenRequests(TokenAnswer.token(token, expiresInSeconds));
        return this;
    }

    /** The token endpoint issues {@link #TOKEN}, for 3599 s. */
    public PartnerCenterStandIn issuesTokens() {
        return issuesTokens(TOKEN, 3599);
    }

    /** Every token request gets a token of its own, so each process's calls can be told apart. */
    public PartnerCenterStandIn issuesDistinctTokens() {
        sandbox.script().answerTokenRequests(TokenAnswer.distinctTokens(3599));
        return this;
    }

    /** The token endpoint checks the credentials as Entra ID does and issues fresh tokens of the options' lifetime. */
    public PartnerCenterStandIn checksCredentialsAsUsual() {
        sandbox.script().answerTokenRequests(TokenAnswer.asUsual());
        return this;
    }

    /** The API accepts this bearer token (a static access token the application is configured with). */
    public PartnerCenterStandIn acceptsToken(String token) {
        sandbox.acceptToken(token);
        return this;
    }

    /** Every resume call without an answer of its own succeeds with the report Active, after {@code delayMillis}. */
    public PartnerCenterStandIn resumesEverything(int delayMillis) {
        sandbox.script().answerEveryResume(ScriptedAnswer.resumed()).delayEveryResume(Duration.ofMillis(delayMillis));
        return this;
    }

    /** Every resume call without an answer of its own gets this answer. */
    public PartnerCenterStandIn answersEveryResume(ScriptedAnswer answer) {
        sandbox.script().answerEveryResume(answer);
        return this;
    }

    /** The resume calls of this report get these answers in turn, the last one repeating. */
    public PartnerCenterStandIn answers(UUID reportId, ScriptedAnswer first, ScriptedAnswer... then) {
        sandbox.script().answerResume(reportId, first, then);
        return this;
    }

    /** Answers {@code first} for the first {@code times} calls of this report, then {@code then}. */
    public PartnerCenterStandIn answersFirst(UUID reportId, int times, ScriptedAnswer first, ScriptedAnswer then) {
        sandbox.script().answerResumeFirst(reportId, times, first, then);
        return this;
    }

    /** 200 and this JSON text exactly. */
    public static ScriptedAnswer okJson(String body) {
        return ScriptedAnswer.json(200, body);
    }

    /** The API's envelope with an empty {@code Value}, this {@code Message} and {@code StatusCode}. */
    public static ScriptedAnswer status(int status, String message) {
        return ScriptedAnswer.envelope(status, message);
    }

    /** 200 with the report of the call's path Active, message "Report resumed successfully". */
    public static ScriptedAnswer resumed() {
        return ScriptedAnswer.resumed();
    }

    /** The PascalCase envelope of the reference pages, with one report, as JSON text. */
    public static String envelope(String reportId, String reportStatus, int statusCode) {
        return """
                {"Value":[{"ReportId":"%s","ReportName":"Daily customers","Description":null,"QueryId":"q-1",
                  "Query":"SELECT CustomerId FROM Customers","User":"ops@contoso.com",
                  "CreatedTime":"2021-04-01T18:41:00Z","ModifiedTime":"2021-04-02T18:41:00Z","ExecuteNow":false,
                  "StartTime":"2021-04-03T00:00:00Z","ReportStatus":"%s","RecurrenceInterval":48,
                  "RecurrenceCount":20,"CallbackUrl":null,"CallbackMethod":null,"Format":"csv"}],
                 "TotalCount":1,"Message":"Report resumed successfully","StatusCode":%d}"""
                .formatted(reportId, reportStatus, statusCode);
    }

    /** Every resume request received, in arrival order. */
    public List<RecordedRequest> resumeCalls() {
        return sandbox.journal().resumeCalls();
    }

    /** Calls received per report ID (the last path segment, as sent). */
    public Map<String, Long> callsPerReport() {
        return sandbox.journal().resumeCallsPerReport();
    }

    /** How many requests reached either token endpoint. */
    public long tokenRequests() {
        return sandbox.journal().tokenRequestCount();
    }

    /** Every request received, by anyone, for any URL (path and query, as sent). */
    public List<String> allUrls() {
        return sandbox.journal().urls();
    }

    /** The most resume calls that were in flight at one moment, from the journal (see {@link CallsInFlight}). */
    public int mostResumeCallsInFlight() {
        return CallsInFlight.most(resumeCalls());
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
