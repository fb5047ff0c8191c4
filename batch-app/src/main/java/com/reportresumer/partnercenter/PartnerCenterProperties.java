package com.reportresumer.partnercenter;

import com.reportresumer.transport.PlainHttp;
import feign.Request;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the Partner Center API lives and how to get a token for it ({@code resumer.partner-center.*}).
 * Secrets are never part of {@link #toString()}.
 */
@Validated
@ConfigurationProperties("resumer.partner-center")
public record PartnerCenterProperties(
        @DefaultValue("https://api.partnercenter.microsoft.com") @NotNull URI baseUrl,
        @DefaultValue("/insights/v1/mpn") @NotBlank String apiPath,
        String tenantId,
        String clientId,
        String clientSecret,
        @DefaultValue("client_credentials") @NotNull GrantType grantType,
        String username,
        String password,
        URI tokenUrl,
        @DefaultValue("https://api.partnercenter.microsoft.com") @NotBlank String resource,
        String accessToken,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("30s") @NotNull Duration readTimeout) {

    static final String DEFAULT_LOGIN_HOST = "https://login.microsoftonline.com/";

    public enum GrantType {
        CLIENT_CREDENTIALS("client_credentials"), PASSWORD("password");

        private final String formValue;

        GrantType(String formValue) {
            this.formValue = formValue;
        }

        public String formValue() {
            return formValue;
        }
    }

    public PartnerCenterProperties {
        requireSafeUrl("resumer.partner-center.base-url", baseUrl);
        if (tokenUrl != null) {
            requireSafeUrl("resumer.partner-center.token-url", tokenUrl);
        }
        if (apiPath != null && !apiPath.startsWith("/")) {
            throw new InvalidConfigurationException(
                    "resumer.partner-center.api-path must start with '/' (was '" + apiPath + "')");
        }
        if (connectTimeout != null && (connectTimeout.isNegative() || connectTimeout.isZero())
                || readTimeout != null && (readTimeout.isNegative() || readTimeout.isZero())) {
            throw new InvalidConfigurationException(
                    "resumer.partner-center.connect-timeout and read-timeout must be positive durations such as 5s");
        }
    }

    /** The token endpoint: {@code token-url} if set, otherwise the v1 endpoint of the tenant. */
    public URI effectiveTokenUrl() {
        if (tokenUrl != null) {
            return tokenUrl;
        }
        return URI.create(DEFAULT_LOGIN_HOST + (hasText(tenantId) ? tenantId.strip() : "common") + "/oauth2/token");
    }

    /** The per-call timeouts of both Feign clients; redirects are never followed. */
    Request.Options requestOptions() {
        return new Request.Options(connectTimeout.toMillis(), TimeUnit.MILLISECONDS, readTimeout.toMillis(),
                TimeUnit.MILLISECONDS, false);
    }

    /** The longest one call can take before its timeouts end it: connecting, then waiting for the answer. */
    public Duration longestCall() {
        return connectTimeout.plus(readTimeout).plusSeconds(5);
    }

    /** Whether the token endpoint is the v2.0 one, which takes {@code scope} instead of {@code resource}. */
    public boolean tokenEndpointIsV2() {
        return effectiveTokenUrl().getPath().contains("/v2.0/");
    }

    /**
     * Checks that enough is configured to obtain a bearer token; called by the commands that talk to the API.
     *
     * @throws InvalidConfigurationException naming what is missing
     */
    public void requireCredentials() {
        if (hasText(accessToken)) {
            return;
        }
        if (!hasText(clientId) || !hasText(clientSecret)) {
            throw new InvalidConfigurationException("Partner Center credentials are missing: set "
                    + "RESUMER_PARTNERCENTER_CLIENTID and RESUMER_PARTNERCENTER_CLIENTSECRET (with "
                    + "RESUMER_PARTNERCENTER_TENANTID), or a ready token in RESUMER_PARTNERCENTER_ACCESSTOKEN");
        }
        if (tokenUrl == null && !hasText(tenantId)) {
            throw new InvalidConfigurationException("resumer.partner-center.tenant-id is missing: set "
                    + "RESUMER_PARTNERCENTER_TENANTID (or a full RESUMER_PARTNERCENTER_TOKENURL)");
        }
        if (grantType == GrantType.PASSWORD && (!hasText(username) || !hasText(password))) {
            throw new InvalidConfigurationException("grant-type password needs resumer.partner-center.username "
                    + "and resumer.partner-center.password");
        }
    }

    @Override
    public String toString() {
        return "PartnerCenterProperties[baseUrl=" + baseUrl + ", apiPath=" + apiPath + ", tenantId=" + tenantId
                + ", clientId=" + clientId + ", clientSecret=" + redacted(clientSecret) + ", grantType=" + grantType
                + ", username=" + username + ", password=" + redacted(password) + ", tokenUrl=" + tokenUrl
                + ", resource=" + resource + ", accessToken=" + redacted(accessToken) + ", connectTimeout="
                + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }

    private static String redacted(String secret) {
        return hasText(secret) ? "[redacted]" : "[none]";
    }

    static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    /**
     * Only https, or plain http to a loopback address: a bearer token never crosses a network in clear text.
     * Whether a host is loopback is decided from its text alone ({@link PlainHttp}), never by resolving it. A
     * URL carries no user info (credentials have their own properties, and a password in a URL ends up in logs),
     * no query and no fragment (the clients build their own paths and queries on it).
     */
    private static void requireSafeUrl(String property, URI url) {
        if (url == null) {
            return;
        }
        if (url.toString().contains("@")) {
            // checked first, and the URL never quoted: the user info may be a password
            throw new InvalidConfigurationException(property + " must not contain user info (user:password@): "
                    + "give credentials in their own properties");
        }
        String scheme = url.getScheme();
        if (url.getHost() == null || scheme == null) {
            throw new InvalidConfigurationException(property + " must be an absolute http(s) URL (was '" + url + "')");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new InvalidConfigurationException(property + " must not have a "
                    + (url.getRawQuery() != null ? "query" : "fragment") + " (was '" + url + "')");
        }
        PlainHttp.requireHttpsOrLoopback(property, url, true);
    }
}
