package com.followup.api.settings;

import static java.util.Objects.requireNonNull;

import com.followup.api.audit.Audit;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.notifications.NotificationSettings;
import com.followup.api.notifications.NotificationsConfiguration;
import com.followup.api.problem.Versions;
import com.followup.api.settings.SettingsBodies.SettingsChange;
import com.followup.api.settings.SettingsBodies.SettingsView;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The admins' notification settings (today the hour of the recruiters' daily digest, issue #6), for the API's
 * {@code NotificationSettingsResource} and the portal's {@code AdminPages} alike. Absent, the configured
 * {@code notifications.recruiterDigestHour} applies. The row's SQL is in {@link NotificationSettings}, which the
 * digest reads too.
 */
public final class Settings {
    private final Jdbi jdbi;
    private final Audit audit;
    private final NotificationsConfiguration configuration;

    public Settings(Jdbi jdbi, Audit audit, NotificationsConfiguration configuration) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.configuration = requireNonNull(configuration, "configuration is null");
    }

    public SettingsView get() {
        return jdbi.withHandle(handle -> view(NotificationSettings.read(handle)));
    }

    /** Sets the digest hour, or goes back to the configured one with a null hour; the version must be current. */
    public SettingsView update(UserPrincipal admin, SettingsChange change) {
        int version = Versions.require(change.version());
        return jdbi.inTransaction(handle -> {
            Versions.requireUpdated(
                    NotificationSettings.write(handle, change.recruiterDigestHour(), version, admin.id()),
                    "notification settings");
            // A map that takes a null value: a null hour is the change "back to the configured one".
            Map<String, Object> details = new HashMap<>();
            details.put("recruiterDigestHour", change.recruiterDigestHour());
            audit.record(handle, admin, "notification-settings.updated", "notification_settings", 1, details);
            return view(NotificationSettings.read(handle));
        });
    }

    private SettingsView view(NotificationSettings.Stored stored) {
        return new SettingsView(
                stored.recruiterDigestHour().orElse(configuration.getRecruiterDigestHour()),
                configuration.getRecruiterDigestHour(),
                stored.recruiterDigestHour().isPresent(),
                stored.version());
    }
}
