package com.reportresumer.console;

import com.reportresumer.partnercenter.InvalidConfigurationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
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

    /** Who may see the console. */
    public enum Mode {
        SIGN_IN, LOCAL_VIEWER, OFF
    }

    private final Mode mode;
    private final List<ClientRegistration> providers;
    private final boolean formUsers;

    ConsoleAccess(ConsoleProperties console, ObjectProvider<ClientRegistrationRepository> registrations,
            Environment environment) {
        ClientRegistrationRepository repository = registrations.getIfAvailable();
        this.providers = repository instanceof Iterable<?> all
                ? StreamSupport.stream(all.spliterator(), false).map(ClientRegistration.class::cast).toList()
                : List.of();
        this.formUsers = !console.users().isEmpty();
        String address = environment.getProperty("server.address");
        boolean loopback = isLoopback(address);
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

    /** Whether {@code address} (a host name or literal; none means every interface) is a loopback address. */
    static boolean isLoopback(String address) {
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
