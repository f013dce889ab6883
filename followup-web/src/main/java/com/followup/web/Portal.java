package com.followup.web;

import static java.util.Objects.requireNonNull;

import com.followup.api.FollowupConfiguration;
import com.followup.api.Services;
import com.followup.api.auth.Role;
import com.followup.api.auth.SessionResource;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.candidates.Candidates;
import com.followup.api.companies.Companies;
import com.followup.api.domain.DashboardResource;
import com.followup.api.interviews.Interviews;
import com.followup.api.policy.PolicyResource;
import com.followup.api.settings.Settings;
import com.followup.api.threads.Threads;
import com.followup.api.users.Users;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.ZoneId;

/**
 * What the pages share: the API's application services (candidates, companies, interviews, threads, users, notification
 * settings) and, until they have services of their own, its resources called as plain objects (policy, dashboard), so the portal applies exactly the API's rules, visibility and validation; and the viewer's time zone.
 */
public record Portal(
        Services services,
        ZoneId agencyZone,
        Validator validator,
        SessionResource sessions,
        Interviews interviews,
        Threads threads,
        DashboardResource dashboard,
        Candidates candidates,
        Companies companies,
        Users users,
        PolicyResource policy,
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
                new SessionResource(
                        services.authentication(), configuration.getAuth().isSecureCookies()),
                services.interviews(),
                services.threads(),
                new DashboardResource(services.summaries(), services.clock(), services.changes(), services.json()),
                services.candidates(),
                services.companies(),
                services.users(),
                new PolicyResource(services.jdbi(), services.policies(), services.audit()),
                services.settings());
    }

    /** A candidate sees times in their own zone; staff in the zone set on their user, else the agency's. */
    public Viewer viewer(UserPrincipal user) {
        if (user.role() != Role.CANDIDATE) {
            ZoneId zone = services.jdbi()
                    .withHandle(handle -> handle.createQuery("SELECT zone FROM users WHERE id = :user")
                            .bind("user", user.id())
                            .mapTo(String.class)
                            .findOne())
                    .map(ZoneId::of)
                    .orElse(agencyZone);
            return new Viewer(user, zone);
        }
        ZoneId zone = services.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT zone FROM candidates WHERE user_id = :user")
                        .bind("user", user.id())
                        .mapTo(String.class)
                        .findOne())
                .map(ZoneId::of)
                .orElse(agencyZone);
        return new Viewer(user, zone);
    }

    /** Post/redirect/get: after a successful form, the browser loads the page anew. */
    public static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }
}
