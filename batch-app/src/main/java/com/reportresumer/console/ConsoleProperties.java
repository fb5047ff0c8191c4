package com.reportresumer.console;

import com.reportresumer.partnercenter.InvalidConfigurationException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The console's sign-in ({@code resumer.console.*}): users of the configuration, and how the claims of an OpenID
 * provider (the registrations of {@code spring.security.oauth2.client.*}) map to roles.
 *
 * @param enabled whether {@code schedule} serves the console beside its health and metrics
 * @param required whether the console must be served: set by the {@code console} command, which refuses to start
 *        rather than serve nothing
 * @param users users who sign in with a name and a password, each with the BCrypt hash of the password
 *        ({@code $2a$}, {@code $2b$} or {@code $2y$}, 60 characters) and a role
 * @param oidc how the ID token of an OpenID provider gives a role
 */
@Validated
@ConfigurationProperties("resumer.console")
public record ConsoleProperties(@DefaultValue("true") boolean enabled, @DefaultValue("false") boolean required,
        @DefaultValue List<@Valid User> users, @DefaultValue @Valid Oidc oidc, @DefaultValue @Valid SignIn signIn) {

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");

    public ConsoleProperties {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            User user = users.get(i);
            if (user.name() != null && !names.add(user.name())) {
                throw new InvalidConfigurationException("resumer.console.users[" + i + "].name: '" + user.name()
                        + "' is given twice");
            }
            if (user.passwordHash() != null && !BCRYPT.matcher(user.passwordHash()).matches()) {
                // never the value: a hash is not to be shown either
                throw new InvalidConfigurationException("resumer.console.users[" + i + "].password-hash is not a "
                        + "BCrypt hash ($2a$, $2b$ or $2y$, 60 characters; e.g. htpasswd -nbBC 12 '' PASSWORD | "
                        + "cut -c 2-)");
            }
        }
    }

    /** A user of the configuration. */
    public record User(@NotBlank String name, @NotBlank String passwordHash, @NotNull Role role) {

        @Override
        public String toString() {
            return "User[" + name + ", " + role + "]";
        }
    }

    /**
     * The sign-in form's throttle ({@link SignInThrottle}): after {@code attempts} failures in a row a name is refused
     * for {@code lockout}, doubled at each further failure up to a quarter of an hour.
     */
    public record SignIn(@DefaultValue("5") @Min(1) int attempts, @DefaultValue("1m") @NotNull Duration lockout) {

        public SignIn {
            if (lockout != null && (lockout.isNegative() || lockout.isZero())) {
                throw new InvalidConfigurationException("resumer.console.sign-in.lockout must be longer than 0 (was "
                        + lockout + "): a lockout of nothing would let every guess through");
            }
        }
    }

    /**
     * The role an OpenID provider gives: {@code rolesClaim} of the ID token (Entra ID's app roles are in
     * {@code roles}, its security groups' object IDs in {@code groups}), holding one of {@code operators} for an
     * operator, else one of {@code viewers} for a viewer. Anyone else signs in to no role, and sees nothing.
     */
    public record Oidc(@DefaultValue("roles") @NotBlank String rolesClaim, @DefaultValue List<String> operators,
            @DefaultValue List<String> viewers) {
    }
}
