package com.reportresumer.secrets;

import java.util.Set;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Right after Spring Boot has configured logging (which resets Logback's turbo filters), puts
 * {@link SecretsNeverLogged} back in front of every logger and registers the configured secrets, whatever source
 * they came from. Registered in {@code META-INF/spring.factories}, so it applies to every context of the
 * application, before any bean exists.
 */
public class SecretsListener implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    /** The sources every program of the process shares: the environment and the system properties. */
    private static final Set<String> PROCESS_WIDE = Set.of(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        SecretsNeverLogged.install();
        ConfigurableEnvironment environment = event.getEnvironment();
        for (SecretSources.SecretProperty secret : SecretSources.PROPERTIES) {
            try {
                Secrets.register(environment.getProperty(secret.name()));
            }
            catch (IllegalArgumentException unresolvablePlaceholder) {
                // binding will report it; an unresolved placeholder is not a secret value
            }
        }
        for (PropertySource<?> source : environment.getPropertySources()) {
            boolean processWide = PROCESS_WIDE.contains(source.getName());
            if (source instanceof EnumerablePropertySource<?> names) {
                for (String name : names.getPropertyNames()) {
                    if (processWide && !SecretSources.isTheApplications(name)) {
                        continue; // another program's variable: not the application's setting
                    }
                    Object value = source.getProperty(name);
                    // a pool's password, a URL's (from the environment: the command line refuses both)
                    Secrets.register(SecretSources.secretIn(name, value == null ? null : String.valueOf(value)));
                }
            }
        }
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}
