package com.reportresumer.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a command boots the application context: whether it serves HTTP, whether the database schema must be the one
 * of this release (every command but {@code migrate}), whether Partner Center credentials are required, and Spring
 * property defaults (lowest precedence). Immutable: every {@code with…} returns a new spec.
 *
 * @param servesHttp the context serves Actuator over HTTP ({@code schedule})
 * @param checksSchema the schema must be current before the command runs
 * @param requiresCredentials the context must hold Partner Center credentials
 * @param defaults Spring property defaults, overridden by every other source
 */
public record ContextSpec(boolean servesHttp, boolean checksSchema, boolean requiresCredentials,
        Map<String, Object> defaults) {

    public ContextSpec {
        defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    }

    /** A context without HTTP whose schema must be current: what most commands boot. */
    public static ContextSpec batch() {
        return new ContextSpec(false, true, false, Map.of());
    }

    /** A context that does not check the schema: for {@code migrate}, which makes it current. */
    public static ContextSpec migration() {
        return new ContextSpec(false, false, false, Map.of());
    }

    /** This spec, serving Actuator over HTTP. */
    public ContextSpec servingHttp() {
        return new ContextSpec(true, checksSchema, requiresCredentials, defaults);
    }

    /** This spec, refusing to run without Partner Center credentials. */
    public ContextSpec requiringCredentials() {
        return new ContextSpec(servesHttp, checksSchema, true, defaults);
    }

    /** This spec with {@code more} property defaults (a property given again takes its new value). */
    public ContextSpec withDefaults(Map<String, ?> more) {
        Map<String, Object> all = new LinkedHashMap<>(defaults);
        all.putAll(more);
        return new ContextSpec(servesHttp, checksSchema, requiresCredentials, all);
    }
}
