package com.reportresumer.partnercenter;

import feign.FeignException;
import feign.RetryableException;
import feign.codec.DecodeException;
import java.util.List;
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

    /** {@code PUT {api-path}/ScheduledReport/resume/{reportId}}. */
    public ApiResponse resume(UUID reportId) {
        return withToken(authorization -> api.resume(reportId, authorization));
    }

    /** {@code GET {api-path}/ScheduledReport}: every scheduled report of the tenant. */
    public List<ScheduledReport> listReports() {
        return withToken(api::listReports).envelope().value();
    }

    private ApiResponse withToken(Function<String, ApiResponse> call) {
        String token = tokens.current();
        try {
            return translated(call, token);
        }
        catch (PartnerCenterException.Unauthorized first) {
            if (!tokens.invalidate(token)) {
                throw new PartnerCenterException.CredentialsRejected(401,
                        "the API refused the configured access token (" + first.getMessage() + ")");
            }
            try {
                return translated(call, tokens.current());
            }
            catch (PartnerCenterException.Unauthorized second) {
                throw new PartnerCenterException.CredentialsRejected(401,
                        "the API refused a freshly issued token (" + second.getMessage()
                                + "): check the app registration's roles for insights");
            }
        }
    }

    private static ApiResponse translated(Function<String, ApiResponse> call, String token) {
        try {
            return call.apply("Bearer " + token);
        }
        catch (PartnerCenterException e) {
            throw e;
        }
        catch (DecodeException e) {
            if (e.getCause() instanceof PartnerCenterException pce) {
                throw pce;
            }
            throw new PartnerCenterException.Transient(e.status(), "HTTP " + e.status() + " with an unreadable answer",
                    null, e);
        }
        catch (RetryableException e) {
            // I/O failures: connection refused or reset, read timeout
            throw new PartnerCenterException.Transient(null, ResponseText.oneLine(AccessTokens.rootMessage(e)),
                    null, null);
        }
        catch (FeignException e) {
            throw new PartnerCenterException.Transient(e.status() > 0 ? e.status() : null,
                    "the call failed: " + ResponseText.oneLine(AccessTokens.rootMessage(e)), null, null);
        }
    }
}
