package com.reportresumer.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.reportresumer.testsupport.UnitTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** {@link SignInThrottle} on its own clock, in front of Spring Security's real check of BCrypt hashes. */
@UnitTest
class SignInThrottleTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration LOCKOUT = Duration.ofMinutes(1);

    private final AtomicLong clock = new AtomicLong();
    private final AtomicInteger passwordChecks = new AtomicInteger();
    /** A sign-in posted while a password is being checked (another request of the same guesser). */
    private Runnable duringTheCheck = () -> { };
    private final SignInThrottle throttle = new SignInThrottle(countingChecks(),
            new ConsoleProperties.SignIn(5, LOCKOUT), List.of("olivia", "victor"), clock::get);

    private AuthenticationProvider countingChecks() {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(new InMemoryUserDetailsManager(
                User.withUsername("olivia").password(bcrypt.encode(PASSWORD)).roles("OPERATOR").build(),
                User.withUsername("victor").password(bcrypt.encode(PASSWORD)).roles("VIEWER").build()));
        passwords.setPasswordEncoder(bcrypt);
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                passwordChecks.incrementAndGet();
                Runnable during = duringTheCheck;
                duringTheCheck = () -> { };
                during.run();
                return passwords.authenticate(authentication);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return passwords.supports(authentication);
            }
        };
    }

    private Authentication signIn(String name, String password) {
        return throttle.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(name, password));
    }

    private void fail(String name, int times) {
        for (int i = 0; i < times; i++) {
            assertThatThrownBy(() -> signIn(name, "guess")).isInstanceOf(BadCredentialsException.class);
        }
    }

    private void after(Duration duration) {
        clock.addAndGet(duration.toNanos());
    }

    @Test
    void fiveFailuresInARowLockTheNameForTheLockoutWithoutCheckingItsPassword() {
        fail("olivia", 5);
        int checks = passwordChecks.get();
        assertThatThrownBy(() -> signIn("olivia", PASSWORD)).isInstanceOf(LockedException.class)
                .hasMessage("too many failed sign-ins: try again in 60 s");
        assertThat(passwordChecks.get()).as("no BCrypt work for a locked name").isEqualTo(checks);
        assertThat(signIn("victor", PASSWORD).isAuthenticated()).as("another name").isTrue();

        after(LOCKOUT.minusSeconds(1));
        assertThatThrownBy(() -> signIn("olivia", PASSWORD)).hasMessage("too many failed sign-ins: try again in 1 s");
        after(Duration.ofSeconds(1));
        assertThat(signIn("olivia", PASSWORD).isAuthenticated()).isTrue();
    }

    @Test
    void aSuccessStartsTheCountAgain() {
        fail("olivia", 4);
        signIn("olivia", PASSWORD);
        fail("olivia", 4);
        assertThat(signIn("olivia", PASSWORD).isAuthenticated()).isTrue();
    }

    @Test
    void eachFurtherFailureDoublesTheLockoutUpToAQuarterOfAnHour() {
        fail("olivia", 5);
        for (Duration expected : new Duration[] { Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
                Duration.ofMinutes(15), Duration.ofMinutes(15) }) {
            after(Duration.ofMinutes(15));
            fail("olivia", 1);
            assertThatThrownBy(() -> signIn("olivia", PASSWORD))
                    .hasMessage("too many failed sign-ins: try again in " + expected.toSeconds() + " s");
        }
    }

    @Test
    void aNameNobodyHasIsThrottledLikeAnyOther() {
        fail("mallory", 5);
        assertThatThrownBy(() -> signIn("mallory", "guess")).isInstanceOf(LockedException.class);
    }

    @Test
    void aNameIsOneNameInAnyCaseAsTheUsersCheckComparesThem() {
        fail("olivia", 2);
        fail("OLIVIA", 2);
        fail("Olivia", 1);
        assertThatThrownBy(() -> signIn("oLiViA", PASSWORD)).isInstanceOf(LockedException.class);
    }

    /** An attempt is counted before its (slow) check: guesses posted at once cannot all pass the limit. */
    @Test
    void aSignInPostedWhileTheFifthIsCheckedIsRefused() {
        fail("olivia", 4);
        AtomicInteger refusedMeanwhile = new AtomicInteger();
        duringTheCheck = () -> {
            try {
                signIn("olivia", "another guess");
            }
            catch (LockedException refused) {
                refusedMeanwhile.incrementAndGet();
            }
        };
        assertThatThrownBy(() -> signIn("olivia", "guess")).isInstanceOf(BadCredentialsException.class);
        assertThat(refusedMeanwhile.get()).isEqualTo(1);
    }

    @Test
    void failuresAQuarterOfAnHourApartStartOver() {
        fail("olivia", 4);
        after(Duration.ofMinutes(16));
        fail("olivia", 4);
        assertThat(signIn("olivia", PASSWORD).isAuthenticated()).isTrue();
    }

    /** A name no user has may be a password typed into the wrong field: the WARN line of its failure never shows it. */
    @Test
    void aFailedSignInIsLoggedWithTheNameOnlyWhenAUserHasIt() {
        Logger logger = (Logger) LoggerFactory.getLogger(SignInThrottle.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            fail("OLIVIA", 1);
            fail(PASSWORD, 1);
        }
        finally {
            logger.detachAppender(lines);
        }
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "Console: failed sign-in for 'olivia' (1 in a row)",
                "Console: failed sign-in for a name no user has (not shown) (1 in a row)");
    }

    /** At the longest lockout, an attempt after it is one more failure in the row, not the first of five new ones. */
    @Test
    void theLongestLockoutIsNoWayBackToFreshGuesses() {
        fail("olivia", 5);
        for (Duration lockout : new Duration[] { Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(8) }) {
            after(lockout);
            fail("olivia", 1);
        }
        after(Duration.ofMinutes(15).plusSeconds(1)); // the 15 minutes' lockout over
        fail("olivia", 1);
        assertThatThrownBy(() -> signIn("olivia", PASSWORD)).isInstanceOf(LockedException.class)
                .hasMessage("too many failed sign-ins: try again in 900 s");
    }

    @Test
    void aLockoutOfNothingIsRefused() {
        assertThatThrownBy(() -> new ConsoleProperties.SignIn(5, Duration.ZERO))
                .hasMessageStartingWith("resumer.console.sign-in.lockout must be longer than 0");
    }
}
