package com.reportresumer.console;

import com.reportresumer.text.UntrustedText;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * The sign-in form's passwords, guessed no faster than {@code attempts} failures in a row per user name: after them
 * the name is refused for {@code lockout} (doubled at each further failure, up to a quarter of an hour) before its
 * password is even checked, so a guesser also costs no BCrypt work. An attempt counts as a failure from before its
 * check (parallel posts cannot all slip in), a success resets the name, and failures are forgotten a quarter of an
 * hour after the last attempt or the lockout's end, whichever is later (so the longest lockout is no way back to
 * fresh guesses). Names are compared as the users' check compares them (any case); names nobody has are counted
 * like the others, in a bounded table: a flood of names forgets its oldest. Failures are logged at WARN, with the
 * name when a user has it (any other may be a password typed into the wrong field), never the password. The counts
 * are this process's: each console or {@code schedule} replica counts its own.
 */
final class SignInThrottle implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    /** The longest lockout, however many failures. */
    static final Duration LONGEST = Duration.ofMinutes(15);

    /** Names remembered at most: beyond it the oldest is forgotten. */
    static final int NAMES = 10_000;

    /** Failures in a row of one name, until when it is refused, and when the last attempt was. */
    private record Failures(int inARow, long lockedUntil, long last) {

        /** The later of the last attempt and the lockout's end. */
        long lastMoment() {
            return lockedUntil - last > 0 ? lockedUntil : last;
        }
    }

    /** Failures are forgotten this long after the last attempt, or after the lockout's end when it is later. */
    static final Duration FORGOTTEN_AFTER = Duration.ofMinutes(15);

    /** The longest name kept as a key. */
    static final int MAX_NAME = 128;

    private final AuthenticationProvider passwords;
    private final ConsoleProperties.SignIn rules;
    private final LongSupplier clock;
    /** The users' names, as {@link #keyOf} has them: only those are logged. */
    private final Set<String> users;
    private final Map<String, Failures> byName = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > NAMES;
        }
    };

    SignInThrottle(AuthenticationProvider passwords, ConsoleProperties.SignIn rules, Collection<String> users,
            LongSupplier clock) {
        this.passwords = passwords;
        this.rules = rules;
        this.users = users.stream().map(SignInThrottle::keyOf).collect(Collectors.toUnmodifiableSet());
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String name = keyOf(authentication.getName());
        long now = clock.getAsLong();
        Failures before;
        Failures counted;
        synchronized (byName) {
            before = byName.get(name);
            if (before != null && now - before.lastMoment() > FORGOTTEN_AFTER.toNanos()) {
                before = null; // a quarter of an hour without an attempt and past any lockout: no guessing
            }
            if (before != null && before.lockedUntil() - now > 0) {
                long seconds = Math.max(1, Duration.ofNanos(before.lockedUntil() - now).toSeconds());
                throw new LockedException("too many failed sign-ins: try again in " + seconds + " s");
            }
            // counted as a failure before the password is checked, in this same block: sign-ins posted at once
            // cannot all pass the check above while the slow hashes run
            int inARow = (before == null ? 0 : before.inARow()) + 1;
            counted = new Failures(inARow, inARow < rules.attempts() ? now : now + lockoutAfter(inARow).toNanos(), now);
            byName.put(name, counted);
        }
        try {
            Authentication signedIn = passwords.authenticate(authentication);
            synchronized (byName) {
                byName.remove(name);
            }
            return signedIn;
        }
        catch (BadCredentialsException wrong) {
            // a name no user has may be a password typed into the wrong field: never in a log
            log.warn("Console: failed sign-in for {} ({} in a row{})", users.contains(name)
                    ? "'" + UntrustedText.printable(name) + "'" : "a name no user has (not shown)",
                    counted.inARow(), counted.lockedUntil() - now > 0
                            ? "; refused for " + lockoutAfter(counted.inARow()).toSeconds() + " s" : "");
            throw wrong;
        }
        catch (RuntimeException other) {
            synchronized (byName) {
                // not a wrong password: no guess to count, and the failures before it stand
                if (before == null) {
                    byName.remove(name);
                }
                else {
                    byName.put(name, before);
                }
            }
            throw other;
        }
    }

    /**
     * The name as the users' check compares it ({@code InMemoryUserDetailsManager} ignores case), cut to a length no
     * name of the configuration needs: {@code Olivia} and {@code OLIVIA} are one name to guess at, and a flood of
     * long names holds little memory.
     */
    static String keyOf(String name) {
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return UntrustedText.cut(lower, MAX_NAME);
    }

    /** The lockout after the {@code inARow}th failure: {@code lockout}, doubled for each one past the limit. */
    Duration lockoutAfter(int inARow) {
        int doublings = Math.min(inARow - rules.attempts(), 20);
        Duration longer = rules.lockout().multipliedBy(1L << Math.max(0, doublings));
        Duration cap = rules.lockout().compareTo(LONGEST) > 0 ? rules.lockout() : LONGEST;
        return longer.compareTo(cap) > 0 ? cap : longer;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
