package com.reportresumer.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a command boots the application context: which beans it holds (the database only, or the whole application),
 * whether it serves HTTP, whether the database schema must be the one of this release (every command but
 * {@code migrate}), whether Partner Center credentials are required, and Spring property defaults (lowest
 * precedence). Immutable: every {@code with…} returns a new spec.
 *
 * @param beans what the context holds
 * @param servesHttp the context serves HTTP: Actuator ({@code schedule}) and the console ({@code console},
 *        {@code schedule})
 * @param checksSchema the schema must be current before the command runs
 * @param requiresCredentials the context must hold Partner Center credentials
 * @param defaults Spring property defaults, overridden by every other source
 */
public record ContextSpec(Beans beans, boolean servesHttp, boolean checksSchema, boolean requiresCredentials,
        Map<String, Object> defaults) {

    /** What a context holds. */
    public enum Beans {
        /**
         * The datasource and the query classes ({@code com.reportresumer.ReportResumerDatabase}): for the commands
         * that read or flag, and for {@code migrate}.
         */
        DATABASE,
        /** The whole application ({@code com.reportresumer.ReportResumerApplication}): the job, the API client. */
        APPLICATION
    }

    public ContextSpec {
        defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    }

    /** The database only, whose schema must be current: what the commands that read or flag boot. */
    public static ContextSpec database() {
        return new ContextSpec(Beans.DATABASE, false, true, false, Map.of());
    }

    /** The whole application without HTTP, whose schema must be current: what the commands that run the job boot. */
    public static ContextSpec batch() {
        return new ContextSpec(Beans.APPLICATION, false, true, false, Map.of());
    }

    /** The database only, without checking the schema: for {@code migrate}, which makes it current. */
    public static ContextSpec migration() {
        return new ContextSpec(Beans.DATABASE, false, false, false, Map.of());
    }

    /**
     * This spec, serving HTTP (Actuator, the console): the whole application, by default on 127.0.0.1 port 8081
     * (what every command that serves says in its help).
     */
    public ContextSpec servingHttp() {
        return new ContextSpec(Beans.APPLICATION, true, checksSchema, requiresCredentials, defaults)
                .withDefaults(Map.of("server.port", 8081, "server.address", "127.0.0.1"));
    }

    /** This spec, refusing to run without Partner Center credentials: the whole application, which calls the API. */
    public ContextSpec requiringCredentials() {
        return new ContextSpec(Beans.APPLICATION, servesHttp, checksSchema, true, defaults);
    }

    /** This spec with {@code more} property defaults (a property given again takes its new value). */
    public ContextSpec withDefaults(Map<String, ?> more) {
        Map<String, Object> all = new LinkedHashMap<>(defaults);
        all.putAll(more);
        return new ContextSpec(beans, servesHttp, checksSchema, requiresCredentials, all);
    }
}
