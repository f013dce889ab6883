package com.followup.web;

import static java.util.Objects.requireNonNull;

import com.followup.api.FollowupConfiguration;
import com.followup.api.Services;
import com.followup.api.auth.Role;
import com.followup.api.auth.SessionCookies;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.candidates.Candidates;
import com.followup.api.companies.Companies;
import com.followup.api.dashboard.Dashboards;
import com.followup.api.interviews.Interviews;
import com.followup.api.policy.Policies;
import com.followup.api.settings.Settings;
import com.followup.api.threads.Threads;
import com.followup.api.users.Users;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What the pages share: the API's application services (candidates, companies, interviews, threads, the dashboard,
 * users, the agency policy, notification settings), so the portal applies exactly the API's rules, visibility and
 * validation; and the viewer's time zone.
 */
public record Portal(
        Services services,
        ZoneId agencyZone,
        Validator validator,
        SessionCookies sessionCookies,
        Interviews interviews,
        Threads threads,
        Dashboards dashboards,
        Candidates candidates,
        Companies companies,
        Users users,
        Policies policies,
        Settings notificationSettings) {
    public Portal {
        requireNonNull(services, "services is null");
        requireNonNull(agencyZone, "agencyZone is null");
        requireNonNull(validator, "validator is null");
    }

    public static Portal create(FollowupConfiguration configuration, Validator validator, Services services) {
        return new Portal(
                services,
                ZoneId.of(configuration.getAgency().getZone()),
                validator,
                new SessionCookies(configuration.getAuth().isSecureCookies()),
                services.interviews(),
                services.threads(),
                services.dashboards(),
                services.candidates(),
                services.companies(),
                services.users(),
                services.policies(),
                services.settings());
    }

    /** A candidate sees times in their own zone; staff in the zone set on their user, else the agency's. */
    public Viewer viewer(UserPrincipal user) {
        Optional<ZoneId> zone = user.role() == Role.CANDIDATE ? candidates.ownZone(user) : users.ownZone(user);
        return new Viewer(user, zone.orElse(agencyZone));
    }

    /** Post/redirect/get: after a successful form, the browser loads the page anew. */
    public static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }
}
