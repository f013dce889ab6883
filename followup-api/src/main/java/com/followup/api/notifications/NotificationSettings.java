package com.followup.api.notifications;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The one row of {@code notification_settings}: what admins set about e-mail, over the configuration. */
public final class NotificationSettings {
    /** The row as stored; an empty hour means the configured one. */
    public record Stored(Optional<Integer> recruiterDigestHour, int version) {}

    private NotificationSettings() {}

    public static Stored read(Handle handle) {
        return handle.createQuery("SELECT recruiter_digest_hour, version FROM notification_settings WHERE id = 1")
                .map((rs, context) -> new Stored(
                        Optional.ofNullable((Integer) rs.getObject("recruiter_digest_hour")), rs.getInt("version")))
                .one();
    }

    /** The hour of the recruiters' digest in force: the admins' if they set one, else the configured one. */
    public static int recruiterDigestHour(Handle handle, NotificationsConfiguration configuration) {
        return read(handle).recruiterDigestHour().orElse(configuration.getRecruiterDigestHour());
    }

    /** Optimistic concurrency: 0 rows when {@code version} is stale. */
    public static int write(Handle handle, Integer recruiterDigestHour, int version, long adminId) {
        return handle.createUpdate(
                        """
                        UPDATE notification_settings
                           SET recruiter_digest_hour = :hour, updated_by = :admin, updated_at = now(),
                               version = version + 1
                         WHERE id = 1 AND version = :version
                        """)
                .bind("hour", recruiterDigestHour)
                .bind("admin", adminId)
                .bind("version", version)
                .execute();
    }
}
