package com.reportresumer.console;

import com.reportresumer.text.UntrustedText;
import com.reportresumer.transport.PlainHttp;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;

/**
 * Who sees what, for every context that serves HTTP ({@code console}, {@code schedule}): Actuator's health, info and
 * Prometheus endpoints stay open as before (they carry no audit data); every page of the console needs a signed-in
 * viewer or operator ({@link ConsoleAccess}), every action an operator, and every form post a CSRF token.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableWebSecurity
class ConsoleSecurity {

    private static final String[] OPEN = { "/console.css", "/login", "/error" };

    @Bean
    @Order(1)
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        return http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(a -> a.requestMatchers("/actuator/health", "/actuator/health/**",
                        "/actuator/info", "/actuator/prometheus").permitAll().anyRequest().denyAll())
                .csrf(csrf -> csrf.disable()) // read-only endpoints, no session
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http, ConsoleAccess access, ConsoleProperties properties)
            throws Exception {
        http.headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; "
                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")));
        switch (access.mode()) {
            case OFF -> http.authorizeHttpRequests(a -> a.requestMatchers("/error").permitAll()
                    .anyRequest().denyAll());
            case LOCAL_VIEWER -> http
                    .anonymous(a -> a.principal("local viewer").authorities(List.of(Role.VIEWER.authority())))
                    // a page elsewhere whose name a DNS rebinding pointed at 127.0.0.1 asks with its own name
                    .authorizeHttpRequests(a -> a.requestMatchers(request -> !PlainHttp.isLoopback(
                            request.getServerName())).denyAll()
                            .requestMatchers(OPEN).permitAll()
                            .requestMatchers("/actions/**").denyAll() // no action without an operator's sign-in
                            .requestMatchers(HttpMethod.GET, "/**").hasRole(Role.VIEWER.name())
                            .anyRequest().denyAll());
            case SIGN_IN -> {
                http.authorizeHttpRequests(a -> a.requestMatchers(OPEN).permitAll()
                        .requestMatchers("/actions/**").hasRole(Role.OPERATOR.name())
                        .anyRequest().hasAnyRole(Role.VIEWER.name(), Role.OPERATOR.name()));
                if (access.formUsers()) {
                    http.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false)
                            .failureHandler(new ExceptionMappingAuthenticationFailureHandler() {
                                {
                                    setDefaultFailureUrl("/login?error");
                                    setExceptionMappings(Map.of(LockedException.class.getName(), "/login?locked"));
                                }
                            }));
                }
                if (!access.providers().isEmpty()) {
                    http.oauth2Login(oidc -> oidc.loginPage("/login").defaultSuccessUrl("/", false)
                            .userInfoEndpoint(u -> u.oidcUserService(rolesFromClaims(properties.oidc()))));
                }
                http.logout(out -> out.logoutSuccessUrl("/login?signedOut"));
            }
        }
        return http.build();
    }

    /**
     * The sign-in form's check: the users of the configuration (a BCrypt hash each, never a password), behind the
     * throttle of failed sign-ins ({@link SignInThrottle}).
     */
    @Bean
    AuthenticationProvider consoleSignIn(ConsoleProperties properties) {
        List<UserDetails> users = properties.users().stream()
                .map(u -> User.withUsername(u.name()).password(u.passwordHash()).roles(u.role().name()).build())
                .toList();
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(new InMemoryUserDetailsManager(users));
        passwords.setPasswordEncoder(new BCryptPasswordEncoder());
        return new SignInThrottle(passwords, properties.signIn(),
                properties.users().stream().map(ConsoleProperties.User::name).toList(), System::nanoTime);
    }

    /** The provider's user, with the roles its claim gives ({@link ConsoleProperties.Oidc}); none if it gives none. */
    static OAuth2UserService<OidcUserRequest, OidcUser> rolesFromClaims(ConsoleProperties.Oidc oidc) {
        OidcUserService provider = new OidcUserService();
        return request -> {
            OidcUser user = provider.loadUser(request);
            Set<String> values = new LinkedHashSet<>();
            Object claim = user.getClaims().get(oidc.rolesClaim());
            if (claim instanceof Collection<?> many) {
                many.forEach(v -> values.add(String.valueOf(v)));
            }
            else if (claim != null) {
                values.add(claim.toString());
            }
            Set<GrantedAuthority> roles = new LinkedHashSet<>();
            if (values.stream().anyMatch(oidc.operators()::contains)) {
                roles.add(Role.OPERATOR.authority());
            }
            else if (values.stream().anyMatch(oidc.viewers()::contains)) {
                roles.add(Role.VIEWER.authority());
            }
            return new DefaultOidcUser(roles, user.getIdToken(), user.getUserInfo());
        };
    }

    /** The name an action is recorded under: a provider's {@code preferred_username} (Entra ID: the UPN), else the name. */
    static String nameOf(org.springframework.security.core.Authentication authentication) {
        // one line, whatever a provider's claim holds: the name goes into every log line and row of an action
        if (authentication.getPrincipal() instanceof OidcUser oidc) {
            String name = oidc.getPreferredUsername() != null ? oidc.getPreferredUsername()
                    : oidc.getEmail() != null ? oidc.getEmail() : oidc.getSubject();
            return UntrustedText.oneLine(name + " (" + oidc.getIssuer() + ")");
        }
        return UntrustedText.oneLine(authentication.getName());
    }
}
