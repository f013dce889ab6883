package com.followup.api.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The single-use links of resets and invitations ({@code account_links}, only their tokens' hashes), and what using
 * one changes on a user: the password, their sessions and their API tokens.
 */
@RegisterConstructorMapper(AccountDao.Link.class)
@RegisterConstructorMapper(AccountDao.Invitation.class)
public interface AccountDao {
    enum Purpose {
        RESET,
        INVITATION
    }

    record Link(
            long id,
            long userId,
            Purpose purpose,
            String tokenHash,
            Optional<Long> createdBy,
            Instant createdAt,
            Instant expiresAt,
            Optional<Instant> usedAt,
            Optional<Instant> revokedAt) {
        /** Whether the link can still be used at {@code now}: not used, not revoked, not expired. */
        public boolean open(Instant now) {
            return usedAt.isEmpty() && revokedAt.isEmpty() && expiresAt.isAfter(now);
        }
    }

    /** An invitation not accepted yet (nor revoked), with its person; expired ones too, so they can be resent. */
    record Invitation(
            long id,
            long userId,
            String email,
            String displayName,
            String role,
            Optional<Long> createdBy,
            Instant createdAt,
            Instant expiresAt) {}

    String LINK = "id, user_id, purpose, token_hash, created_by, created_at, expires_at, used_at, revoked_at";

    @SqlUpdate(
            """
            INSERT INTO account_links (user_id, purpose, token_hash, created_by, created_at, expires_at)
            VALUES (:userId, :purpose, :tokenHash, :createdBy, :now, :expiresAt)
            """)
    @GetGeneratedKeys("id")
    long insert(
            @Bind("userId") long userId,
            @Bind("purpose") Purpose purpose,
            @Bind("tokenHash") String tokenHash,
            @Bind("createdBy") Long createdBy,
            @Bind("now") Instant now,
            @Bind("expiresAt") Instant expiresAt);

    /** The link with this hash, locked until the transaction ends so it is used once even by two racing requests. */
    @SqlQuery("SELECT " + LINK + " FROM account_links WHERE token_hash = :tokenHash FOR UPDATE")
    Optional<Link> lockByHash(@Bind("tokenHash") String tokenHash);

    @SqlQuery("SELECT " + LINK + " FROM account_links WHERE token_hash = :tokenHash")
    Optional<Link> findByHash(@Bind("tokenHash") String tokenHash);

    @SqlQuery("SELECT " + LINK + " FROM account_links WHERE id = :id FOR UPDATE")
    Optional<Link> lock(@Bind("id") long id);

    @SqlUpdate("UPDATE account_links SET used_at = :now WHERE id = :id AND used_at IS NULL AND revoked_at IS NULL")
    int markUsed(@Bind("id") long id, @Bind("now") Instant now);

    /** Every other link of the user that could still be used stops working. */
    @SqlUpdate(
            """
            UPDATE account_links SET revoked_at = :now
             WHERE user_id = :userId AND id <> :except AND used_at IS NULL AND revoked_at IS NULL
            """)
    int revokeOthers(@Bind("userId") long userId, @Bind("except") long except, @Bind("now") Instant now);

    @SqlUpdate("UPDATE account_links SET revoked_at = :now WHERE id = :id AND used_at IS NULL AND revoked_at IS NULL")
    int revoke(@Bind("id") long id, @Bind("now") Instant now);

    /** Reset links asked for since {@code since}: a mailbox is not flooded by someone who keeps asking. */
    @SqlQuery(
            "SELECT count(*) FROM account_links WHERE user_id = :userId AND purpose = 'RESET' AND created_at > :since")
    int resetsSince(@Bind("userId") long userId, @Bind("since") Instant since);

    String INVITATION =
            """
            SELECT l.id, l.user_id, u.email, u.display_name, u.role, l.created_by, l.created_at, l.expires_at
              FROM account_links l JOIN users u ON u.id = l.user_id
             WHERE l.purpose = 'INVITATION' AND l.used_at IS NULL AND l.revoked_at IS NULL
            """;

    /** The open invitations, of one inviter or (null) of everyone, oldest first. */
    @SqlQuery(INVITATION + " AND (CAST(:createdBy AS bigint) IS NULL OR l.created_by = :createdBy) ORDER BY l.id")
    List<Invitation> invitations(@Bind("createdBy") Long createdBy);

    @SqlQuery(INVITATION + " AND l.id = :id")
    Optional<Invitation> invitation(@Bind("id") long id);

    @SqlUpdate("UPDATE users SET password_hash = :passwordHash, version = version + 1 WHERE id = :id")
    void setPassword(@Bind("id") long id, @Bind("passwordHash") String passwordHash);

    @SqlUpdate("UPDATE users SET active = false, version = version + 1 WHERE id = :id")
    void deactivate(@Bind("id") long id);

    @SqlUpdate("DELETE FROM sessions WHERE user_id = :userId AND token_hash <> :keep")
    int endSessionsExcept(@Bind("userId") long userId, @Bind("keep") String keepTokenHash);

    @SqlUpdate("DELETE FROM sessions WHERE user_id = :userId")
    int endSessions(@Bind("userId") long userId);

    @SqlUpdate("UPDATE api_tokens SET revoked_at = :now WHERE user_id = :userId AND revoked_at IS NULL")
    int revokeApiTokens(@Bind("userId") long userId, @Bind("now") Instant now);
}
