package com.reportresumer.console;

import com.reportresumer.partnercenter.InvalidConfigurationException;
import com.reportresumer.transport.PlainHttp;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;

/**
 * Who may see the console, decided once at start-up from the configuration and the address it is bound to:
 * <ul>
 * <li>{@link Mode#SIGN_IN}: users of the configuration, an OpenID provider, or both; nothing but the sign-in page
 * is shown before signing in;</li>
 * <li>{@link Mode#LOCAL_VIEWER}: neither configured, bound to a loopback address: whoever can reach it on this host
 * reads it as a viewer (no action);</li>
 * <li>{@link Mode#OFF}: neither configured, bound to another address: the console is not served. The
 * {@code console} command refuses to start (exit 2); {@code schedule} serves its health and metrics alone and says
 * so.</li>
 * </ul>
 */
@Component
@ConditionalOnWebApplication
public class ConsoleAccess {

    private static final Logger log = LoggerFactory.getLogger(ConsoleAccess.class);

    private static final String PROVIDERS = "spring.security.oauth2.client.provider";

    /** Who may see the console. */
    public enum Mode {
        SIGN_IN, LOCAL_VIEWER, OFF
    }

    private final Mode mode;
    private final List<ClientRegistration> providers;
    private final boolean formUsers;

    ConsoleAccess(ConsoleProperties console, ObjectProvider<ClientRegistrationRepository> registrations,
            Environment environment) {
        requireSafeProviderEndpoints(environment); // before the registrations are made: an issuer's is fetched then
        ClientRegistrationRepository repository = registrations.getIfAvailable();
        this.providers = repository instanceof Iterable<?> all
                ? StreamSupport.stream(all.spliterator(), false).map(ClientRegistration.class::cast).toList()
                : List.of();
        providers.forEach(ConsoleAccess::requireSafeDiscoveredEndpoints);
        this.formUsers = !console.users().isEmpty();
        String address = environment.getProperty("server.address");
        boolean loopback = isLoopbackAddress(address);
        if (!console.enabled() && !console.required()) {
            mode = Mode.OFF;
        }
        else if (formUsers || !providers.isEmpty()) {
            mode = Mode.SIGN_IN;
        }
        else if (loopback) {
            mode = Mode.LOCAL_VIEWER;
            log.warn("Console: no sign-in configured (resumer.console.users, spring.security.oauth2.client): anyone "
                    + "on this host reads it as a viewer, and no action can be taken");
        }
        else {
            String where = address == null || address.isBlank() ? "every address" : address;
            if (console.required()) {
                throw new InvalidConfigurationException("the console is bound to " + where + ", not loopback, "
                        + "without sign-in: configure resumer.console.users or an OpenID provider "
                        + "(spring.security.oauth2.client), or set server.address=127.0.0.1");
            }
            mode = Mode.OFF;
            log.warn("Console not served: bound to {} without sign-in (configure resumer.console.users or an OpenID "
                    + "provider); health and metrics are served as before", where);
        }
    }

    /** An OpenID provider's endpoints as configured ({@code spring.security.oauth2.client.provider.<name>.*}). */
    record ProviderEndpoints(String issuerUri, String authorizationUri, String tokenUri, String jwkSetUri,
            String userInfoUri) {
    }

    /**
     * Every configured OpenID provider's endpoints use https, or plain http to a loopback address only
     * ({@link PlainHttp}, decided from the text): over plain http to another host the client
     * secret would reach the token endpoint in clear text, and whoever answered for the issuer or the JWK set would
     * sign the ID tokens, and so the roles, of everyone who signs in.
     */
    static void requireSafeProviderEndpoints(Environment environment) {
        Map<String, ProviderEndpoints> providers = Binder.get(environment)
                .bind(PROVIDERS, Bindable.mapOf(String.class, ProviderEndpoints.class)).orElse(Map.of());
        providers.forEach((name, endpoints) -> {
            String property = PROVIDERS + "." + name + ".";
            requireHttpsOrLoopback(property + "issuer-uri", endpoints.issuerUri());
            requireHttpsOrLoopback(property + "authorization-uri", endpoints.authorizationUri());
            requireHttpsOrLoopback(property + "token-uri", endpoints.tokenUri());
            requireHttpsOrLoopback(property + "jwk-set-uri", endpoints.jwkSetUri());
            requireHttpsOrLoopback(property + "user-info-uri", endpoints.userInfoUri());
        });
    }

    /**
     * The endpoints a registration ended up with, those its issuer's discovery document gave among them: an https
     * issuer could still name a plain http token endpoint or JWK set.
     */
    private static void requireSafeDiscoveredEndpoints(ClientRegistration registration) {
        ClientRegistration.ProviderDetails details = registration.getProviderDetails();
        String provider = "the OpenID provider of registration " + registration.getRegistrationId()
                + " (as configured or discovered): ";
        requireHttpsOrLoopback(provider + "authorization-uri", details.getAuthorizationUri());
        requireHttpsOrLoopback(provider + "token-uri", details.getTokenUri());
        requireHttpsOrLoopback(provider + "jwk-set-uri", details.getJwkSetUri());
        requireHttpsOrLoopback(provider + "user-info-uri", details.getUserInfoEndpoint().getUri());
    }

    private static void requireHttpsOrLoopback(String property, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        URI url;
        try {
            url = new URI(value.strip());
        }
        catch (URISyntaxException malformed) {
            throw new InvalidConfigurationException(property + " is not a URL (" + malformed.getReason() + ")");
        }
        if (url.getRawUserInfo() != null) {
            throw new InvalidConfigurationException(property + " must not contain user info (user:password@)");
        }
        if (url.getScheme() == null || url.getHost() == null) {
            throw new InvalidConfigurationException(property + " must be an absolute https URL");
        }
        PlainHttp.requireHttpsOrLoopback(property, url, true);
    }

    /** Whether {@code address} (a host name or literal; none means every interface) is a loopback address. */
    static boolean isLoopbackAddress(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            for (InetAddress resolved : InetAddress.getAllByName(address.strip())) {
                if (!resolved.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        }
        catch (UnknownHostException unknown) {
            throw new InvalidConfigurationException("server.address: cannot resolve '" + address + "'");
        }
    }

    public Mode mode() {
        return mode;
    }

    /** Whether users of the configuration sign in with a form. */
    public boolean formUsers() {
        return formUsers;
    }

    /** The OpenID providers to sign in with, as the sign-in page lists them. */
    public List<ClientRegistration> providers() {
        return providers;
    }
}
