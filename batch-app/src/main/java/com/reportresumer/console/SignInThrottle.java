package com.reportresumer.console;

import com.reportresumer.text.UntrustedText;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
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
 * password is even checked, so a guesser also costs no BCrypt work. A success resets the name. Names nobody has are
 * counted like the others (what is typed is the key), in a bounded table: a flood of names forgets its oldest.
 * Failures are logged at WARN, with the name as typed and never the password.
 */
final class SignInThrottle implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    /** The longest lockout, however many failures. */
    static final Duration LONGEST = Duration.ofMinutes(15);

    /** Names remembered at most: beyond it the oldest is forgotten. */
    static final int NAMES = 10_000;

    private record Failures(int inARow, long lockedUntil) {
    }

    private final AuthenticationProvider passwords;
    private final int attempts;
    private final Duration lockout;
    private final LongSupplier clock;
    private final Map<String, Failures> byName = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > NAMES;
        }
    };

    SignInThrottle(AuthenticationProvider passwords, int attempts, Duration lockout, LongSupplier clock) {
        this.passwords = passwords;
        this.attempts = attempts;
        this.lockout = lockout;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String name = authentication.getName();
        long now = clock.getAsLong();
        synchronized (byName) {
            Failures failures = byName.get(name);
            if (failures != null && failures.lockedUntil() - now > 0) {
                long seconds = Math.max(1, Duration.ofNanos(failures.lockedUntil() - now).toSeconds());
                throw new LockedException("too many failed sign-ins: try again in " + seconds + " s");
            }
        }
        try {
            Authentication signedIn = passwords.authenticate(authentication);
            synchronized (byName) {
                byName.remove(name);
            }
            return signedIn;
        }
        catch (BadCredentialsException wrong) {
            Failures failures;
            synchronized (byName) {
                Failures before = byName.getOrDefault(name, new Failures(0, now));
                int inARow = before.inARow() + 1;
                long locked = inARow < attempts ? now : now + lockoutAfter(inARow).toNanos();
                failures = new Failures(inARow, locked);
                byName.put(name, failures);
            }
            log.warn("Console: failed sign-in for '{}' ({} in a row{})", UntrustedText.cut(
                    UntrustedText.printable(name), 64), failures.inARow(), failures.lockedUntil() - now > 0
                            ? "; refused for " + lockoutAfter(failures.inARow()).toSeconds() + " s" : "");
            throw wrong;
        }
    }

    /** The lockout after the {@code inARow}th failure: {@code lockout}, doubled for each one past the limit. */
    Duration lockoutAfter(int inARow) {
        int doublings = Math.min(inARow - attempts, 20);
        Duration longer = lockout.multipliedBy(1L << Math.max(0, doublings));
        Duration cap = lockout.compareTo(LONGEST) > 0 ? lockout : LONGEST;
        return longer.compareTo(cap) > 0 ? cap : longer;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
