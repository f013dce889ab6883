package com.followup.web;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import java.time.ZoneId;

/** Who looks at a page, and the zone their times are shown in: a candidate's own, the agency's for staff. */
public record Viewer(UserPrincipal user, ZoneId zone) {
    public Viewer {
        requireNonNull(user, "user is null");
        requireNonNull(zone, "zone is null");
    }

    public String name() {
        return user.displayName();
    }

    public String csrf() {
        return user.csrfToken().orElse("");
    }

    public String zoneId() {
        return zone.getId();
    }

    public boolean candidate() {
        return user.role() == Role.CANDIDATE;
    }

    public boolean staff() {
        return user.role() != Role.CANDIDATE;
    }

    public boolean admin() {
        return user.role() == Role.ADMIN;
    }
}
