package com.reportresumer.partnercenter;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The one door to Partner Center: adds the bearer token, refreshes it once on a 401, and turns every failure into
 * a {@link PartnerCenterException} that says whether trying again can help. Makes exactly one call per method
 * invocation (two on a 401); retrying is the caller's business.
 */
@Component
public class PartnerCenterClient {

    private final PartnerCenterApi api;
    private final AccessTokens tokens;

    PartnerCenterClient(PartnerCenterApi api, AccessTokens tokens) {
        this.api = api;
        this.tokens = tokens;
    }

    /**
     * Waits until a request may be sent (a rate limit): passed to the calls that are paced, and awaited right before
     * each request goes out, after the token is at hand, so that fetching a token never bunches paced requests.
     */
    @FunctionalInterface
    public interface SendGate {

        SendGate OPEN = () -> {
        };

        void awaitTurn() throws InterruptedException;
    }

    /**
     * {@code PUT {api-path}/ScheduledReport/resume/{reportId}}, each request (the first, and the one after a 401)
     * sent when {@code gate} lets it.
     */
    public ApiResponse resume(UUID reportId, SendGate gate) throws InterruptedException {
        return withToken(gate, authorization -> api.resume(reportId, authorization));
    }

    /**
     * {@code GET {api-path}/ScheduledReport}: one page of the tenant's scheduled reports ({@code query} empty for
     * the first; then the previous page's {@link ReportPage#nextQuery()}). Only the query parameters of a
     * {@code nextLink} are kept, always sent to the configured base URL and path: an answer can never send the
     * client (and its token) elsewhere.
     */
    public ReportPage listReports(Map<String, String> query) {
        ReportEnvelope envelope;
        try {
            envelope = withToken(SendGate.OPEN, authorization -> api.listReports(authorization, query)).envelope();
        }
        catch (InterruptedException impossible) {
            // the open gate never waits
            Thread.currentThread().interrupt();
            throw new PartnerCenterException.Transient(null, "interrupted", null, impossible);
        }
        String nextLink = envelope.nextLink();
        return new ReportPage(envelope.value(), nextLink == null || nextLink.isBlank() ? null
                : nextPageQuery(nextLink));
    }

    /**
     * {@code GET {api-path}/ScheduledReport?reportId={reportId}}: the report's {@code ReportStatus} as the API reads
     * it now ({@code Active}, {@code Paused}, …), empty when the API does not know the report. Sent when {@code gate}
     * lets it.
     */
    public Optional<String> statusOf(UUID reportId, SendGate gate) throws InterruptedException {
        ReportEnvelope envelope = withToken(gate,
                authorization -> api.listReports(authorization, Map.of("reportId", reportId.toString()))).envelope();
        return envelope.value().stream()
                .filter(report -> report.reportId() != null && reportId.toString().equalsIgnoreCase(report.reportId()))
                .map(ScheduledReport::reportStatus).filter(status -> status != null).findFirst();
    }

    /** The query parameters of a {@code nextLink} that points at the report listing. */
    static Map<String, String> nextPageQuery(String nextLink) {
        URI link;
        try {
            link = URI.create(nextLink.strip());
        }
        catch (IllegalArgumentException e) {
            throw new PartnerCenterException.Transient(200, "unreadable nextLink in the report listing", null, null);
        }
        if (link.getPath() == null || !link.getPath().endsWith("/ScheduledReport") || link.getRawQuery() == null) {
            throw new PartnerCenterException.Transient(200, "nextLink does not point at the next page of the report "
                    + "listing: " + nextLink, null, null);
        }
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : link.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!name.isBlank()) {
                query.put(name, value);
            }
        }
        return query;
    }

    private ApiResponse withToken(SendGate gate, Function<String, ApiResponse> call) throws InterruptedException {
        tokens.current(); // a token at hand before the turn: fetching one never bunches paced requests
        gate.awaitTurn();
        // the token may have run out while waiting (a throttled job pauses): still the cached one, or a fresh one
        String token = tokens.current();
        try {
            return translated(call, token);
        }
        catch (PartnerCenterException.Unauthorized first) {
            if (!tokens.invalidate(token)) {
                throw new PartnerCenterException.CredentialsRejected(401,
                        "the API refused the configured access token (" + first.getMessage() + ")");
            }
            tokens.current();
            gate.awaitTurn();
            String fresh = tokens.current();
            try {
                return translated(call, fresh);
            }
            catch (PartnerCenterException.Unauthorized second) {
                throw new PartnerCenterException.CredentialsRejected(401,
                        "the API refused a freshly issued token (" + second.getMessage()
                                + "): check the app registration's roles for insights");
            }
        }
    }

    private static ApiResponse translated(Function<String, ApiResponse> call, String token) {
        return FeignFailures.translated("", () -> call.apply("Bearer " + token));
    }
}
