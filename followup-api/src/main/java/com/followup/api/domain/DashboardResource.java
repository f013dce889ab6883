package com.followup.api.domain;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.dashboard.DashboardBodies.Dashboard;
import com.followup.api.dashboard.Dashboards;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The recruiters' live view: each candidate with counts of what is due, overdue and breached, and threads waiting on
 * the company; most urgent first. HTTP only: see {@link Dashboards}.
 */
@Path("/api/dashboard")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
public class DashboardResource {
    private final Dashboards dashboards;

    public DashboardResource(Dashboards dashboards) {
        this.dashboards = requireNonNull(dashboards, "dashboards is null");
    }

    @GET
    @ApiResponse(
            responseCode = "200",
            description = "The page of candidates, with counts over all of them",
            content = @Content(schema = @Schema(implementation = Dashboard.class)))
    public Response dashboard(
            @Auth UserPrincipal user,
            @QueryParam("recruiterId") Long recruiterId,
            @QueryParam("companyId") Long companyId,
            @QueryParam("candidateId") Long candidateId,
            @QueryParam("state") @DefaultValue("ALL") String state,
            @QueryParam("sort") @DefaultValue("URGENCY") String sort,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) long offset) {
        // The service keeps the JSON with the answer, so a cached dashboard is not serialised again for every request.
        byte[] json = dashboards.showAsJson(
                user, Dashboards.query(recruiterId, companyId, candidateId, state, sort, limit, offset));
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Marks the candidate's breaches as seen by the caller: the row stops ranking as "new breaches" (issue 16). */
    @POST
    @Path("/candidates/{candidateId}/breaches-seen")
    @ApiResponse(
            responseCode = "200",
            description = "What was marked as seen",
            content = @Content(schema = @Schema(implementation = Dashboards.BreachesSeen.class)))
    public Dashboards.BreachesSeen markBreachesSeen(
            @Auth UserPrincipal user, @PathParam("candidateId") long candidateId) {
        return dashboards.markBreachesSeen(user, candidateId);
    }
}
