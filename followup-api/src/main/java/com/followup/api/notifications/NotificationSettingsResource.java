package com.followup.api.notifications;

import static java.util.Objects.requireNonNull;

import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.domain.Versions;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The admins' notification settings: today the hour of the recruiters' daily digest (issue #6). Absent, the
 * configured {@code notifications.recruiterDigestHour} applies.
 */
@Path("/api/admin/notification-settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
public class NotificationSettingsResource {
    /**
     * @param recruiterDigestHour the hour in force, in the agency's time zone
     * @param configuredDigestHour the configuration's hour, in force while no admin has set one
     * @param setByAdmin whether {@code recruiterDigestHour} is the admins' choice
     */
    public record SettingsView(int recruiterDigestHour, int configuredDigestHour, boolean setByAdmin, int version) {}

    /** A null hour goes back to the configured one. */
    public record SettingsChange(@Min(0) @Max(23) Integer recruiterDigestHour, Integer version) {}

    private final Jdbi jdbi;
    private final Audit audit;
    private final NotificationsConfiguration configuration;

    public NotificationSettingsResource(Jdbi jdbi, Audit audit, NotificationsConfiguration configuration) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.configuration = requireNonNull(configuration, "configuration is null");
    }

    @GET
    public SettingsView get() {
        return jdbi.withHandle(handle -> view(NotificationSettings.read(handle)));
    }

    @PUT
    public SettingsView put(@Auth UserPrincipal admin, @NotNull @Valid SettingsChange change) {
        int version = Versions.require(change.version());
        return jdbi.inTransaction(handle -> {
            Versions.requireUpdated(
                    NotificationSettings.write(handle, change.recruiterDigestHour(), version, admin.id()),
                    "notification settings");
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
