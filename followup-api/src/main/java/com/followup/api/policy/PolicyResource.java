package com.followup.api.policy;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
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
import java.util.List;

/** The agency policy: every rule's value (R1-R20 defaults as the agency set them). HTTP only: see {@link Policies}. */
@Path("/api/policy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {
    private final Policies policies;

    public PolicyResource(Policies policies) {
        this.policies = requireNonNull(policies, "policies is null");
    }

    @GET
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public PolicyDocument get() {
        return policies.get();
    }

    /** R6: the countries whose public holidays the policy's {@code holidayCountry} may name, with their regions. */
    @GET
    @Path("/holiday-countries")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public List<PublicHolidays.Country> holidayCountries() {
        return PublicHolidays.countries();
    }

    @PUT
    @RolesAllowed(Role.Names.ADMIN)
    public PolicyDocument put(@Auth UserPrincipal admin, @NotNull @Valid PolicyDocument document) {
        return policies.update(admin, document);
    }
}
