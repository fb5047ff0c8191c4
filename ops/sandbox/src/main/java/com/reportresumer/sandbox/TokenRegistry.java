package com.reportresumer.sandbox;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bearer tokens the API accepts, each with its expiry and audience: those the token endpoint issued and those a
 * test declared. Shared by the token endpoint (which adds) and the API (which checks), so that neither has to know
 * the other.
 */
final class TokenRegistry {

    private record Accepted(Instant expiresAt, String audience) {
    }

    private static final int PRUNE_ABOVE = 10_000;

    private final String resource;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Accepted> tokens = new ConcurrentHashMap<>();

    /**
     * @param resource the audience the API accepts
     * @param lifetime how long a token lives unless told otherwise
     */
    TokenRegistry(String resource, Duration lifetime) {
        this.resource = resource;
        this.lifetime = lifetime;
    }

    /** A fresh opaque token for this audience, accepted for the configured lifetime. */
    String issue(String audience) {
        return issue(audience, lifetime);
    }

    /** A fresh opaque token for this audience, accepted for {@code acceptedFor}. */
    String issue(String audience, Duration acceptedFor) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = "sbx." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        accept(token, audience, acceptedFor);
        return token;
    }

    /** Accepts this exact token for the API's resource for the configured lifetime. */
    void accept(String token) {
        accept(token, resource, lifetime);
    }

    /** Accepts (or accepts again, with a new expiry) this exact token; {@code Duration.ZERO}: already expired. */
    void accept(String token, String audience, Duration acceptedFor) {
        tokens.put(token, new Accepted(Instant.now().plus(acceptedFor), audience));
        if (tokens.size() > PRUNE_ABOVE) {
            Instant now = Instant.now();
            tokens.values().removeIf(t -> !now.isBefore(t.expiresAt()));
        }
    }

    /** Why the API refuses this {@code Authorization} header (the 401's message), or null when it accepts it. */
    String refusal(String header) {
        if (header == null || header.isBlank()) {
            return "Unauthorized: an access token is required (Authorization: Bearer <token>)";
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "Unauthorized: the Authorization header must carry a Bearer token";
        }
        String token = header.substring(7).trim();
        Accepted info = tokens.get(token);
        if (info == null) {
            return "Unauthorized: the access token is invalid";
        }
        if (!Instant.now().isBefore(info.expiresAt())) {
            tokens.remove(token, info);
            return "Unauthorized: the access token has expired";
        }
        if (!trimSlash(info.audience()).equalsIgnoreCase(trimSlash(resource))) {
            return "Unauthorized: the access token was issued for another resource (" + info.audience() + ")";
        }
        return null;
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
