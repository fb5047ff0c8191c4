package oidcprovider;

import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * A real OpenID provider for the console's tests: Spring Authorization Server on loopback, with one registered client
 * (the console) and users whose ID token carries a {@code roles} claim, as Entra ID's app roles do. In a package of
 * its own, outside the application's component scan.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = DataSourceAutoConfiguration.class)
public class OidcProvider implements AutoCloseable {

    public static final String CLIENT_ID = "resumer-console";
    public static final String CLIENT_SECRET = "console-client-secret";
    public static final String PASSWORD = "provider password";
    /** Users and the values of their {@code roles} claim. */
    public static final Map<String, List<String>> USERS = Map.of("alice", List.of("ReportResumer.Operator"),
            "bob", List.of("ReportResumer.Viewer", "Something.Else"), "carol", List.of("Something.Else"));

    private ConfigurableApplicationContext context;

    public OidcProvider() {
    }

    /**
     * Starts the provider on {@code http://localhost:port} (the console runs on 127.0.0.1: another host for the
     * browser's cookies), accepting {@code redirectUri} for the console.
     */
    public static OidcProvider start(int port, String redirectUri, String tomcatDir) {
        OidcProvider provider = new OidcProvider();
        String client = "spring.security.oauth2.authorizationserver.client.console.";
        provider.context = new SpringApplicationBuilder(OidcProvider.class)
                .web(WebApplicationType.SERVLET)
                .properties(Map.of("spring.config.name", "oidc-provider-none",
                        "spring.main.banner-mode", "off",
                        "server.port", port, "server.address", "127.0.0.1",
                        "server.tomcat.basedir", tomcatDir,
                        "server.servlet.session.cookie.name", "PROVIDER_SESSION",
                        "spring.security.oauth2.authorizationserver.issuer", "http://localhost:" + port,
                        "logging.level.root", "WARN"))
                .properties(Map.of(client + "registration.client-id", CLIENT_ID,
                        client + "registration.client-secret", "{noop}" + CLIENT_SECRET,
                        client + "registration.client-authentication-methods", "client_secret_basic",
                        client + "registration.authorization-grant-types", "authorization_code",
                        client + "registration.redirect-uris", redirectUri,
                        client + "registration.scopes", "openid,profile",
                        client + "require-authorization-consent", "false"))
                .run();
        return provider;
    }

    @Bean
    UserDetailsService providerUsers() {
        return new InMemoryUserDetailsManager(USERS.entrySet().stream()
                .map(u -> User.withUsername(u.getKey()).password("{noop}" + PASSWORD)
                        .authorities(u.getValue().toArray(String[]::new)).build())
                .toList());
    }

    /** The ID token carries the user's {@code roles} and {@code preferred_username}, as Entra ID's does. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> rolesInTheIdToken() {
        return context -> {
            if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                context.getClaims().claim("roles", context.getPrincipal().getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority).toList());
                context.getClaims().claim("preferred_username", context.getPrincipal().getName() + "@contoso.test");
            }
        };
    }

    public String issuer() {
        return context.getEnvironment().getProperty("spring.security.oauth2.authorizationserver.issuer");
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}
