package com.followup.api.domain;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.candidates.CandidateBodies.CandidateRequest;
import com.followup.api.candidates.CandidateBodies.CandidateView;
import com.followup.api.candidates.Candidates;
import com.followup.api.representations.Page;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Candidates and the recruiters they are assigned to: HTTP over {@link Candidates}. */
@Path("/api/candidates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CandidateResource {
    private final Candidates candidates;

    public CandidateResource(Candidates candidates) {
        this.candidates = requireNonNull(candidates, "candidates is null");
    }

    @GET
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public Page<CandidateView> list(
            @Auth UserPrincipal user,
            @QueryParam("q") String query,
            @QueryParam("recruiterId") Long recruiterId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) long offset) {
        return candidates.list(user, query, recruiterId, limit, offset);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public CandidateView get(@Auth UserPrincipal user, @PathParam("id") long id) {
        return candidates.get(user, id);
    }

    @POST
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    @ApiResponse(
            responseCode = "201",
            description = "The new candidate",
            content = @Content(schema = @Schema(implementation = CandidateView.class)))
    public Response create(@Auth UserPrincipal user, @NotNull @Valid CandidateRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(candidates.create(user, request))
                .build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    public CandidateView update(
            @Auth UserPrincipal user, @PathParam("id") long id, @NotNull @Valid CandidateRequest request) {
        return candidates.update(user, id, request);
    }

    @PUT
    @Path("/{id}/recruiters/{recruiterId}")
    @RolesAllowed(Role.Names.ADMIN)
    public CandidateView assignRecruiter(
            @Auth UserPrincipal user, @PathParam("id") long id, @PathParam("recruiterId") long recruiterId) {
        return candidates.assignRecruiter(user, id, recruiterId);
    }

    @DELETE
    @Path("/{id}/recruiters/{recruiterId}")
    @RolesAllowed(Role.Names.ADMIN)
    public CandidateView unassignRecruiter(
            @Auth UserPrincipal user, @PathParam("id") long id, @PathParam("recruiterId") long recruiterId) {
        return candidates.unassignRecruiter(user, id, recruiterId);
    }
}
