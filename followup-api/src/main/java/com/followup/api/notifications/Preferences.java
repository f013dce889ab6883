package com.followup.api.notifications;

import com.followup.api.auth.Secrets;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Whether a user wants e-mail, and the token of their one-click unsubscribe link. */
public final class Preferences {
    private Preferences() {}

    public record Preference(long userId, boolean emailEnabled, String unsubscribeToken) {}

    /** The user's preference, created (e-mail on) the first time it is needed. */
    public static Preference of(Handle handle, long userId, Instant now) {
        handle.createUpdate(
                        """
                        INSERT INTO notification_preferences (user_id, email_enabled, unsubscribe_token, updated_at)
                        VALUES (:user, true, :token, :now)
                        ON CONFLICT (user_id) DO NOTHING
                        """)
                .bind("user", userId)
                .bind("token", Secrets.newToken())
                .bind("now", now)
                .execute();
        return handle.createQuery("SELECT user_id, email_enabled, unsubscribe_token FROM notification_preferences"
                        + " WHERE user_id = :user")
                .bind("user", userId)
                .map((rs, context) -> new Preference(
                        rs.getLong("user_id"), rs.getBoolean("email_enabled"), rs.getString("unsubscribe_token")))
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

    /** Turns e-mail off for the owner of the token; empty when no user has it. */
    public static Optional<Long> unsubscribe(Handle handle, String token, Instant now) {
        return handle.createQuery(
                        """
                        UPDATE notification_preferences SET email_enabled = false, updated_at = :now
                         WHERE unsubscribe_token = :token
                        RETURNING user_id
                        """)
                .bind("token", token)
                .bind("now", now)
                .mapTo(Long.class)
                .findOne();
    }
}
