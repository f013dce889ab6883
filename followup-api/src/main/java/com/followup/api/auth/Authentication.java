package com.followup.api.auth;

import static java.util.Objects.requireNonNull;

import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Logins, sessions and API tokens: who is calling. Which records they may see is decided elsewhere. */
public final class Authentication {
    /** A session that was just created: the secrets go to the client once and are stored only hashed. */
    public record NewSession(String token, String csrfToken, UserPrincipal user, Instant expiresAt) {}

    private static final Duration EXTEND_AT_MOST_EVERY = Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final PasswordHasher passwords;
    private final Clock clock;
    private final Duration idleTimeout;
    private final int maxFailedLogins;
    private final Duration lockout;
    // Verified when the email is unknown, so timing does not reveal which accounts exist.
    private final String decoyHash;

    public Authentication(Jdbi jdbi, PasswordHasher passwords, Clock clock, AuthConfiguration configuration) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.passwords = requireNonNull(passwords, "passwords is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.idleTimeout = configuration.getSessionIdleTimeout().toJavaDuration();
        this.maxFailedLogins = configuration.getMaxFailedLogins();
        this.lockout = configuration.getLockoutDuration().toJavaDuration();
        this.decoyHash = passwords.hash(Secrets.newToken());
    }

    /** Checks the password and opens a session, or throws 401 (wrong) or 429 (locked). */
    public NewSession login(String email, String password) {
        Instant now = clock.instant();
        UserDao users = jdbi.onDemand(UserDao.class);
        Optional<UserDao.UserRow> found = users.findByEmail(email.trim());
        if (found.isEmpty() || !found.get().active()) {
            passwords.matches(password, decoyHash);
            throw wrongCredentials();
        }
        UserDao.UserRow user = found.get();
        if (user.lockedUntil().filter(until -> until.isAfter(now)).isPresent()) {
            long seconds = Duration.between(now, user.lockedUntil().get()).toSeconds() + 1;
            Problem problem = Problem.of(
                    429,
                    "ACCOUNT_LOCKED",
                    "Too many failed logins",
                    "This account is locked after " + maxFailedLogins + " failed logins; try again in "
                            + Math.max(1, (seconds + 59) / 60) + " minute(s) or ask an admin.");
            throw new ProblemException(problem, Map.of("Retry-After", seconds));
        }
        if (!passwords.matches(password, user.passwordHash())) {
            users.recordFailedLogin(user.id(), maxFailedLogins, now.plus(lockout));
            throw wrongCredentials();
        }
        String token = Secrets.newToken();
        String csrfToken = Secrets.newToken();
        Instant expiresAt = now.plus(idleTimeout);
        jdbi.useTransaction(handle -> {
            handle.attach(UserDao.class).recordSuccessfulLogin(user.id());
            handle.attach(SessionDao.class).insert(Secrets.hash(token), user.id(), csrfToken, now, expiresAt);
        });
        return new NewSession(token, csrfToken, user.principal(Optional.of(csrfToken)), expiresAt);
    }

    /** The user of a live session; slides the session's expiry forward. */
    public Optional<UserPrincipal> bySession(String token) {
        Instant now = clock.instant();
        String tokenHash = Secrets.hash(token);
        SessionDao sessions = jdbi.onDemand(SessionDao.class);
        Optional<SessionDao.ActiveSession> session = sessions.findActive(tokenHash, now);
        session.filter(active -> active.lastSeenAt().plus(EXTEND_AT_MOST_EVERY).isBefore(now))
                .ifPresent(active -> sessions.extend(tokenHash, now, now.plus(idleTimeout)));
        return session.map(SessionDao.ActiveSession::principal);
    }

    /** The user of a bearer token that was not revoked. */
    public Optional<UserPrincipal> byApiToken(String token) {
        String tokenHash = Secrets.hash(token);
        ApiTokenDao tokens = jdbi.onDemand(ApiTokenDao.class);
        Optional<UserDao.UserRow> user = tokens.findUserOfActiveToken(tokenHash);
        user.ifPresent(found -> tokens.markUsed(tokenHash, clock.instant()));
        return user.map(found -> found.principal(Optional.empty()));
    }

    public void logout(String token) {
        jdbi.onDemand(SessionDao.class).delete(Secrets.hash(token));
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    private static ProblemException wrongCredentials() {
        return new ProblemException(
                Problem.of(401, "WRONG_CREDENTIALS", "Login failed", "The email or the password is wrong."));
    }
}
