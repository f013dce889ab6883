package com.followup.api.settings;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.settings.SettingsBodies.SettingsChange;
import com.followup.api.settings.SettingsBodies.SettingsView;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The admins' notification settings: today the hour of the recruiters' daily digest (issue #6). Absent, the
 * configured {@code notifications.recruiterDigestHour} applies. HTTP only: the use cases are {@link Settings}.
 */
@Path("/api/admin/notification-settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
public class NotificationSettingsResource {
    private final Settings settings;

    public NotificationSettingsResource(Settings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @GET
    public SettingsView get() {
        return settings.get();
    }

    @PUT
    public SettingsView put(@Auth UserPrincipal admin, @NotNull @Valid SettingsChange change) {
        return settings.update(admin, change);
    }
}
