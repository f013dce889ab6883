package com.followup.api.notifications;

import com.followup.api.auth.Secrets;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Whether a user wants e-mail. The token of their one-click unsubscribe link is not stored: it is an HMAC of the user
 * id ({@link UnsubscribeLinks}); only the SHA-256 of a link mailed before decision 0026 is kept, so those still work.
 */
public final class Preferences {
    private Preferences() {}

    public record Preference(long userId, boolean emailEnabled) {}

    /** The user's preference, created (e-mail on) the first time it is needed. */
    public static Preference of(Handle handle, long userId, Instant now) {
        handle.createUpdate(
                        """
                        INSERT INTO notification_preferences (user_id, email_enabled, updated_at)
                        VALUES (:user, true, :now)
                        ON CONFLICT (user_id) DO NOTHING
                        """)
                .bind("user", userId)
                .bind("now", now)
                .execute();
        return handle.createQuery(
                        "SELECT user_id, email_enabled FROM notification_preferences" + " WHERE user_id = :user")
                .bind("user", userId)
                .map((rs, context) -> new Preference(rs.getLong("user_id"), rs.getBoolean("email_enabled")))
                .one();
    }

    public static Preference setEmailEnabled(Handle handle, long userId, boolean enabled, Instant now) {
        of(handle, userId, now);
        handle.createUpdate("UPDATE notification_preferences SET email_enabled = :enabled, updated_at = :now"
                        + " WHERE user_id = :user")
                .bind("user", userId)
                .bind("enabled", enabled)
                .bind("now", now)
                .execute();
        return of(handle, userId, now);
    }

    /**
     * The owner of a link mailed before decision 0026, whose token was random and is now kept as its SHA-256 only;
     * the stored hash is compared again in constant time.
     */
    public static Optional<Long> legacyOwner(Handle handle, String token) {
        String hash = Secrets.hash(token);
        return handle.createQuery("SELECT user_id, legacy_unsubscribe_hash FROM notification_preferences"
                        + " WHERE legacy_unsubscribe_hash = :hash")
                .bind("hash", hash)
                .map((rs, context) -> Secrets.same(rs.getString("legacy_unsubscribe_hash"), hash)
                        ? Optional.of(rs.getLong("user_id"))
                        : Optional.<Long>empty())
                .findOne()
                .flatMap(owner -> owner);
    }
}
