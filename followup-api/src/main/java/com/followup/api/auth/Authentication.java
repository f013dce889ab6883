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
import org.jdbi.v3.core.Handle;
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
    private final Duration absoluteTimeout;
    private final LoginThrottle throttle;
    private final LoginThrottle clientThrottle;
    // Verified when the email is unknown, so timing does not reveal which accounts exist.
    private final String decoyHash;
    private final ReadCache<String, CheckedToken> tokens;

    public Authentication(
            Jdbi jdbi, PasswordHasher passwords, Clock clock, AuthConfiguration configuration, ChangeFeed changes) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.tokens = new ReadCache<>(changes, clock, 10_000, Duration.ZERO, EXTEND_AT_MOST_EVERY);
        this.passwords = requireNonNull(passwords, "passwords is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.idleTimeout = configuration.getSessionIdleTimeout().toJavaDuration();
        this.absoluteTimeout = configuration.getSessionAbsoluteTimeout().toJavaDuration();
        this.throttle = new LoginThrottle(
                jdbi,
                configuration.getMaxFailedLogins(),
                configuration.getFirstLoginDelay().toJavaDuration(),
                configuration.getLockoutDuration().toJavaDuration(),
                configuration.getFailedLoginMemory().toJavaDuration());
        this.clientThrottle = new LoginThrottle(
                jdbi,
                configuration.getMaxFailedLoginsPerClient(),
                configuration.getFirstLoginDelay().toJavaDuration(),
                configuration.getLockoutDuration().toJavaDuration(),
                configuration.getFailedLoginMemory().toJavaDuration());
        this.decoyHash = passwords.hash(Secrets.newToken());
    }

    /**
     * Counts the attempt at the address (known or not) before anything else, then checks the password and opens a
     * session; throws 401 {@code WRONG_CREDENTIALS} for any wrong address or password, 429 {@code TOO_MANY_LOGINS}
     * with {@code Retry-After} while the address must wait (whether the password was right or not), 503
     * {@code SERVER_BUSY} when every password-hashing slot stays taken (decision 0024).
     */
    public NewSession login(String email, String password) {
        return login(email, password, Optional.empty());
    }

    /**
     * As {@link #login(String, String)}, also counting the attempt against the client's address (IP) first: a client
     * gets {@code auth.maxFailedLoginsPerClient} failures across all addresses, then growing delays, and the same 429
     * {@code TOO_MANY_LOGINS} answer (decision 0026). A success gives its own attempt back.
     */
    public NewSession login(String email, String password, Optional<String> clientAddress) {
        Instant now = clock.instant();
        if (clientAddress.isPresent()
                && clientThrottle.attemptFromClient(clientAddress.get(), now)
                        instanceof LoginThrottle.Refused refused) {
            throw tooManyLogins(refused, "from this address");
        }
        if (throttle.attempt(email, now) instanceof LoginThrottle.Refused refused) {
            throw tooManyLogins(refused, "with this email");
        }
        UserDao users = jdbi.onDemand(UserDao.class);
        Optional<UserDao.UserRow> found = users.findByEmail(email.trim());
        if (found.isEmpty() || !found.get().active()) {
            passwords.matches(password, decoyHash);
            throw wrongCredentials();
        }
        UserDao.UserRow user = found.get();
        if (!passwords.matches(password, user.passwordHash())) {
            jdbi.useHandle(handle -> audit(handle, now, null, "login.failed", user.id()));
            throw wrongCredentials();
        }
        throttle.succeeded(email, now);
        clientAddress.ifPresent(clientThrottle::refundClient);
        String token = Secrets.newToken();
        String csrfToken = Secrets.newToken();
        Instant expiresAt = now.plus(idleTimeout.compareTo(absoluteTimeout) < 0 ? idleTimeout : absoluteTimeout);
        jdbi.useTransaction(handle -> {
            handle.attach(SessionDao.class).insert(Secrets.hash(token), user.id(), csrfToken, now, expiresAt);
            audit(handle, now, user.id(), "login.succeeded", user.id());
        });
        return new NewSession(token, csrfToken, user.principal(Optional.of(csrfToken)), expiresAt);
    }

    /**
     * Checks a signed-in user's current password (to change it), counted in the login throttle of their address like
     * a login: a wrong one is a guess, and a session left open must not allow unlimited guesses (decision 0026).
     * Returns whether it was right; throws 429 {@code TOO_MANY_LOGINS} while the address must wait.
     */
    public boolean checkCurrentPassword(String email, String password, String passwordHash) {
        Instant now = clock.instant();
        if (throttle.attempt(email, now) instanceof LoginThrottle.Refused refused) {
            throw tooManyLogins(refused, "with this email");
        }
        if (!passwords.matches(password, passwordHash)) {
            return false;
        }
        throttle.succeeded(email, now);
        return true;
    }

    private static ProblemException tooManyLogins(LoginThrottle.Refused refused, String from) {
        long seconds = Math.max(1, (refused.retryAfter().toMillis() + 999) / 1000);
        Problem problem = Problem.of(
                ErrorCode.TOO_MANY_LOGINS, "Too many logins " + from + "; try again in " + seconds + " second(s).");
        return new ProblemException(problem, Map.of("Retry-After", seconds));
    }

    /**
     * The user of a live session; slides the session's expiry forward by the idle timeout, but never past the absolute
     * lifetime counted from the login.
     */
    public Optional<UserPrincipal> bySession(String token) {
        Instant now = clock.instant();
        String tokenHash = Secrets.hash(token);
        SessionDao sessions = jdbi.onDemand(SessionDao.class);
        Optional<SessionDao.ActiveSession> session = sessions.findActive(tokenHash, now);
        session.filter(active -> active.lastSeenAt().plus(EXTEND_AT_MOST_EVERY).isBefore(now))
                .ifPresent(
                        active -> sessions.extend(tokenHash, now, now.plus(idleTimeout), absoluteTimeout.toSeconds()));
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
                // Checked again in the background after a minute, while the answer is still served (issue 18: every
                // request of the token used to wait for that check, a stall once a minute under writes); after two
                // minutes without a check, the request checks itself.
                recent -> Optional.of(recent.checkedAt().plus(EXTEND_AT_MOST_EVERY.multipliedBy(2))));
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

    /**
     * A login in the audit log (entity type {@code login}, the user's id): each success, and each wrong password for an
     * existing login. Attempts at unknown addresses and attempts refused by the throttle are not written, so a flood
     * cannot grow the append-only log beyond what the throttle lets through per account. Written here rather than
     * through {@code Audit}, which depends on this package.
     */
    private static void audit(Handle handle, Instant at, Long actor, String action, long userId) {
        handle.createUpdate(
                        """
                        INSERT INTO audit_log (at, actor_user_id, action, entity_type, entity_id, details)
                        VALUES (:at, :actor, :action, 'login', :userId, '{}'::jsonb)
                        """)
                .bind("at", at)
                .bind("actor", actor)
                .bind("action", action)
                .bind("userId", String.valueOf(userId))
                .execute();
    }

    private static ProblemException wrongCredentials() {
        return new ProblemException(Problem.of(ErrorCode.WRONG_CREDENTIALS, "The email or the password is wrong."));
    }
}
