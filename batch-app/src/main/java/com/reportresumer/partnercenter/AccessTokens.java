package com.reportresumer.partnercenter;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import com.reportresumer.secrets.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Bearer tokens for the API, shared by all threads: a static {@code access-token}, or one obtained from Entra ID
 * and cached until shortly before it expires. A refusal by the token endpoint is remembered, so nothing more is
 * sent once the credentials are known to be wrong.
 */
@Component
public class AccessTokens {

    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);
    /** Renew this long before the announced expiry. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    private final PartnerCenterProperties properties;
    private final EntraIdTokenApi tokenApi;
    private final Clock clock;

    private Token cached;
    private PartnerCenterException.CredentialsRejected refusal;
    private long tokenRequests;

    @Autowired
    public AccessTokens(PartnerCenterProperties properties, EntraIdTokenApi tokenApi) {
        this(properties, tokenApi, Clock.systemUTC());
    }

    AccessTokens(PartnerCenterProperties properties, EntraIdTokenApi tokenApi, Clock clock) {
        this.properties = properties;
        this.tokenApi = tokenApi;
        this.clock = clock;
    }

    private record Token(String value, Instant renewAt) {

        @Override
        public String toString() {
            return "Token[renewAt=" + renewAt + "]";
        }
    }

    /** A token valid for at least {@link #EXPIRY_MARGIN}, fetched if needed. */
    public synchronized String current() {
        if (refusal != null) {
            throw refusal;
        }
        if (PartnerCenterProperties.hasText(properties.accessToken())) {
            return properties.accessToken().strip();
        }
        if (cached == null || !clock.instant().isBefore(cached.renewAt())) {
            cached = fetch();
        }
        return cached.value();
    }

    /**
     * Forgets {@code rejected} after the API answered 401 to it. Returns false when no fresh token can be had (a
     * static access token), in which case the caller must give up.
     */
    public synchronized boolean invalidate(String rejected) {
        if (PartnerCenterProperties.hasText(properties.accessToken())) {
            return false;
        }
        if (cached != null && cached.value().equals(rejected)) {
            cached = null;
        }
        return true;
    }

    /** How many times the token endpoint was asked, for tests and the run summary. */
    public synchronized long tokenRequests() {
        return tokenRequests;
    }

    private Token fetch() {
        properties.requireCredentials();
        tokenRequests++;
        EntraIdTokenApi.TokenResponse response;
        try {
            response = FeignFailures.translated("the token endpoint", () -> tokenApi.requestToken(form()));
        }
        catch (PartnerCenterException.CredentialsRejected refused) {
            refusal = refused;
            throw refused;
        }
        if (response == null || !PartnerCenterProperties.hasText(response.access_token())) {
            throw new PartnerCenterException.Transient(200, "the token endpoint answered without an access_token",
                    null, null);
        }
        Secrets.register(response.access_token());
        Duration lifetime = response.expires_in() == null || response.expires_in() <= 0 ? DEFAULT_LIFETIME
                : Duration.ofSeconds(response.expires_in());
        Duration margin = lifetime.compareTo(EXPIRY_MARGIN.multipliedBy(2)) > 0 ? EXPIRY_MARGIN
                : lifetime.dividedBy(2);
        log.info("Obtained an access token from Entra ID, valid for {}s", lifetime.toSeconds());
        return new Token(response.access_token(), clock.instant().plus(lifetime).minus(margin));
    }

    private String form() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", properties.grantType().formValue());
        form.put("client_id", properties.clientId());
        form.put("client_secret", properties.clientSecret());
        if (properties.grantType() == PartnerCenterProperties.GrantType.PASSWORD) {
            form.put("username", properties.username());
            form.put("password", properties.password());
        }
        if (properties.tokenEndpointIsV2()) {
            form.put("scope", properties.resource().replaceAll("/+$", "") + "/.default");
        }
        else {
            form.put("resource", properties.resource());
        }
        return form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
