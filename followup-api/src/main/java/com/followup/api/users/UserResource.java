package com.followup.api.users;

import static java.util.Objects.requireNonNull;

import com.followup.api.audit.AuditDao;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.auth.UserView;
import com.followup.api.representations.Page;
import com.followup.api.users.UserBodies.IssuedToken;
import com.followup.api.users.UserBodies.NewToken;
import com.followup.api.users.UserBodies.NewUser;
import com.followup.api.users.UserBodies.TokenView;
import com.followup.api.users.UserBodies.UserChange;
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

/** Admin: users and their roles, and the API tokens of integrations. HTTP only: the use cases are {@link Users}. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
public class UserResource {
    private final Users users;

    public UserResource(Users users) {
        this.users = requireNonNull(users, "users is null");
    }

    @GET
    @Path("/users")
    public Page<UserView> list(
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) long offset) {
        return users.list(limit, offset);
    }

    @GET
    @Path("/users/{id}")
    public UserView get(@PathParam("id") long id) {
        return users.get(id);
    }

    @POST
    @Path("/users")
    @ApiResponse(
            responseCode = "201",
            description = "The new user",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    public Response create(@Auth UserPrincipal admin, @NotNull @Valid NewUser user) {
        return Response.status(Response.Status.CREATED)
                .entity(users.create(admin, user))
                .build();
    }

    @PUT
    @Path("/users/{id}")
    public UserView update(@Auth UserPrincipal admin, @PathParam("id") long id, @NotNull @Valid UserChange change) {
        return users.update(admin, id, change);
    }

    @POST
    @Path("/users/{id}/tokens")
    @ApiResponse(
            responseCode = "201",
            description = "The new token; the only time its secret is shown",
            content = @Content(schema = @Schema(implementation = IssuedToken.class)))
    public Response issueToken(
            @Auth UserPrincipal admin, @PathParam("id") long userId, @NotNull @Valid NewToken request) {
        return Response.status(Response.Status.CREATED)
                .entity(users.issueToken(admin, userId, request))
                .build();
    }

    @GET
    @Path("/tokens")
    public Page<TokenView> tokens(
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) long offset) {
        return users.tokens(limit, offset);
    }

    @DELETE
    @Path("/tokens/{id}")
    @ApiResponse(responseCode = "204", description = "Revoked (also when it already was)")
    public Response revoke(@Auth UserPrincipal admin, @PathParam("id") long id) {
        users.revoke(admin, id);
        return Response.noContent().build();
    }

    @GET
    @Path("/audit")
    public Page<AuditDao.Entry> audit(
            @QueryParam("entityType") String entityType,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) long offset) {
        return users.audit(entityType, limit, offset);
    }
}
