package com.followup.api.auth;

import static java.util.Objects.requireNonNull;

import com.followup.api.cache.ChangeFeed;
import com.followup.api.cache.ReadCache;
import com.followup.api.problem.ErrorCode;
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
    private final ReadCache<String, CheckedToken> tokens;

    public Authentication(
            Jdbi jdbi, PasswordHasher passwords, Clock clock, AuthConfiguration configuration, ChangeFeed changes) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.tokens = new ReadCache<>(changes, clock, 10_000);
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
                    ErrorCode.ACCOUNT_LOCKED,
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

    /**
     * The user of a bearer token that was not revoked, in one statement: it finds the user and records the token's use,
     * at most once a minute a token, since an integration sending many requests with one token would otherwise queue
     * every request behind the same row's lock (measured: docs/benchmarks.md).
     */
    public Optional<UserPrincipal> byApiToken(String token) {
        String tokenHash = Secrets.hash(token);
        // A token checked in the last minute, with no change to users or tokens since (decision 0012), is not checked
        // again; after a minute it is, which also records its use. An unknown token is never kept.
        CheckedToken checked = tokens.get(
                tokenHash,
                () -> {
                    Instant now = clock.instant();
                    return userOfToken(tokenHash, now)
                            .map(user -> new CheckedToken(user, now))
                            .orElse(null);
                },
                recent -> Optional.of(recent.checkedAt().plus(EXTEND_AT_MOST_EVERY)));
        return Optional.ofNullable(checked).map(CheckedToken::user);
    }

    private record CheckedToken(UserPrincipal user, Instant checkedAt) {}

    private Optional<UserPrincipal> userOfToken(String tokenHash, Instant now) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        """
                        WITH used AS (
                            UPDATE api_tokens t SET last_used_at = :now
                             WHERE t.token_hash = :tokenHash AND t.revoked_at IS NULL
                               AND (t.last_used_at IS NULL
                                    OR t.last_used_at < CAST(:now AS timestamptz) - interval '1 minute')
                               AND EXISTS (SELECT 1 FROM users u WHERE u.id = t.user_id AND u.active))
                        SELECT u.id, u.email, u.display_name, u.role
                          FROM api_tokens t JOIN users u ON u.id = t.user_id
                         WHERE t.token_hash = :tokenHash AND t.revoked_at IS NULL AND u.active
                        """)
                .bind("tokenHash", tokenHash)
                .bind("now", now)
                .map((rs, context) -> new UserPrincipal(
                        rs.getLong("id"),
                        rs.getString("email"),
                        rs.getString("display_name"),
                        Role.valueOf(rs.getString("role")),
                        Optional.empty()))
                .findOne());
    }

    public void logout(String token) {
        jdbi.onDemand(SessionDao.class).delete(Secrets.hash(token));
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    private static ProblemException wrongCredentials() {
        return new ProblemException(Problem.of(ErrorCode.WRONG_CREDENTIALS, "The email or the password is wrong."));
    }
}
