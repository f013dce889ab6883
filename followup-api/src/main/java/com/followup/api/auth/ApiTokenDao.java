package com.followup.api.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Bearer tokens for integrations. The database keeps only their hash. */
@RegisterConstructorMapper(ApiTokenDao.TokenRow.class)
public interface ApiTokenDao {
    record TokenRow(
            long id,
            long userId,
            String name,
            long createdBy,
            Instant createdAt,
            Optional<Instant> revokedAt,
            Optional<Instant> lastUsedAt) {}

    @SqlUpdate(
            """
            INSERT INTO api_tokens (user_id, name, token_hash, created_by, created_at)
            VALUES (:userId, :name, :tokenHash, :createdBy, :createdAt)
            """)
    @GetGeneratedKeys("id")
    long insert(
            @Bind("userId") long userId,
            @Bind("name") String name,
            @Bind("tokenHash") String tokenHash,
            @Bind("createdBy") long createdBy,
            @Bind("createdAt") Instant createdAt);

    @SqlQuery(
            """
            SELECT id, user_id, name, created_by, created_at, revoked_at, last_used_at
              FROM api_tokens ORDER BY id DESC LIMIT :limit OFFSET :offset
            """)
    List<TokenRow> list(@Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM api_tokens")
    long count();

    @SqlQuery(
            "SELECT id, user_id, name, created_by, created_at, revoked_at, last_used_at FROM api_tokens WHERE id = :id")
    Optional<TokenRow> findById(@Bind("id") long id);

    /** Returns 0 when the token does not exist or was already revoked. */
    @SqlUpdate("UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
    int revoke(@Bind("id") long id, @Bind("now") Instant now);
}
