package com.followup.api.auth;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Server-side sessions, keyed by the hash of the cookie's token. */
@RegisterConstructorMapper(SessionDao.ActiveSession.class)
public interface SessionDao {
    record ActiveSession(
            long userId,
            String email,
            String displayName,
            Role role,
            String csrfToken,
            Instant lastSeenAt,
            Instant expiresAt) {
        public UserPrincipal principal() {
            return new UserPrincipal(userId, email, displayName, role, Optional.of(csrfToken));
        }
    }

    @SqlUpdate(
            """
            INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
            VALUES (:tokenHash, :userId, :csrfToken, :now, :now, :expiresAt)
            """)
    void insert(
            @Bind("tokenHash") String tokenHash,
            @Bind("userId") long userId,
            @Bind("csrfToken") String csrfToken,
            @Bind("now") Instant now,
            @Bind("expiresAt") Instant expiresAt);

    @SqlQuery(
            """
            SELECT s.user_id, u.email, u.display_name, u.role, s.csrf_token, s.last_seen_at, s.expires_at
              FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = :tokenHash AND s.expires_at > :now AND u.active
            """)
    Optional<ActiveSession> findActive(@Bind("tokenHash") String tokenHash, @Bind("now") Instant now);

    /** Slides the idle expiry to {@code expiresAt}, never past {@code lifetimeSeconds} after the login. */
    @SqlUpdate(
            """
            UPDATE sessions
               SET last_seen_at = :now,
                   expires_at = LEAST(CAST(:expiresAt AS timestamptz), created_at + make_interval(secs => :lifetimeSeconds))
             WHERE token_hash = :tokenHash
            """)
    void extend(
            @Bind("tokenHash") String tokenHash,
            @Bind("now") Instant now,
            @Bind("expiresAt") Instant expiresAt,
            @Bind("lifetimeSeconds") long lifetimeSeconds);

    @SqlUpdate("DELETE FROM sessions WHERE token_hash = :tokenHash")
    void delete(@Bind("tokenHash") String tokenHash);

    @SqlUpdate("DELETE FROM sessions WHERE user_id = :userId")
    void deleteAllOf(@Bind("userId") long userId);

    @SqlUpdate("DELETE FROM sessions WHERE expires_at <= :now")
    int deleteExpired(@Bind("now") Instant now);
}
