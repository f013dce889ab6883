package com.followup.api.accounts;

import static java.util.Objects.requireNonNull;

import com.followup.api.accounts.AccountBodies.InvitationView;
import com.followup.api.accounts.AccountBodies.Invitations;
import com.followup.api.accounts.AccountBodies.NewInvitation;
import com.followup.api.accounts.AccountBodies.NewPassword;
import com.followup.api.accounts.AccountBodies.PasswordChange;
import com.followup.api.accounts.AccountBodies.ResetRequest;
import com.followup.api.auth.Role;
import com.followup.api.auth.SessionCookies;
import com.followup.api.auth.UserPrincipal;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** Passwords, reset links and invitations. HTTP only: the use cases are {@link Accounts}. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {
    /** The one answer to a reset request, whether or not the address has a login. */
    public static final String RESET_REQUESTED =
            "If this address belongs to an active login, a link to choose a new password is on its way.";

    public record Accepted(String message) {}

    private final Accounts accounts;

    public AccountResource(Accounts accounts) {
        this.accounts = requireNonNull(accounts, "accounts is null");
    }

    @PUT
    @Path("/me/password")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    @ApiResponse(responseCode = "204", description = "Changed; the user's other sessions are ended")
    public Response changePassword(
            @Auth UserPrincipal user,
            @CookieParam(SessionCookies.NAME) String sessionToken,
            @NotNull @Valid PasswordChange change) {
        // The session the change came from stays open; with an API token, every session ends.
        Optional<String> session = user.csrfToken().isPresent() ? Optional.ofNullable(sessionToken) : Optional.empty();
        accounts.changePassword(user, change, session);
        return Response.noContent().build();
    }

    @POST
    @Path("/password-reset")
    @PermitAll
    @ApiResponse(
            responseCode = "202",
            description = "The same answer whether or not the address has a login",
            content = @Content(schema = @Schema(implementation = Accepted.class)))
    public Response requestReset(@NotNull @Valid ResetRequest request) {
        accounts.requestReset(request.email());
        return Response.accepted(new Accepted(RESET_REQUESTED)).build();
    }

    @POST
    @Path("/password-reset/complete")
    @PermitAll
    @ApiResponse(
            responseCode = "204",
            description = "The new password is set; every session and API token of the user is ended")
    public Response completeReset(@NotNull @Valid NewPassword request) {
        accounts.completeReset(request.token(), request.password());
        return Response.noContent().build();
    }

    @POST
    @Path("/users/{id}/password-reset")
    @RolesAllowed(Role.Names.ADMIN)
    @ApiResponse(
            responseCode = "204",
            description = "The password no longer works, sessions and API tokens are ended, a reset link is mailed")
    public Response forceReset(@Auth UserPrincipal admin, @PathParam("id") long id) {
        accounts.forceReset(admin, id);
        return Response.noContent().build();
    }

    @POST
    @Path("/invitations")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    @ApiResponse(
            responseCode = "201",
            description = "Invited: the login is made and the link is mailed",
            content = @Content(schema = @Schema(implementation = InvitationView.class)))
    public Response invite(@Auth UserPrincipal inviter, @NotNull @Valid NewInvitation invitation) {
        return Response.status(Response.Status.CREATED)
                .entity(accounts.invite(inviter, invitation))
                .build();
    }

    @GET
    @Path("/invitations")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    public Invitations pending(@Auth UserPrincipal viewer) {
        return new Invitations(accounts.pendingInvitations(viewer));
    }

    @POST
    @Path("/invitations/{id}/resend")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    public InvitationView resend(@Auth UserPrincipal viewer, @PathParam("id") long id) {
        return accounts.resendInvitation(viewer, id);
    }

    @DELETE
    @Path("/invitations/{id}")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    @ApiResponse(responseCode = "204", description = "Revoked: the link no longer works, the login is deactivated")
    public Response revoke(@Auth UserPrincipal viewer, @PathParam("id") long id) {
        accounts.revokeInvitation(viewer, id);
        return Response.noContent().build();
    }

    @POST
    @Path("/invitations/accept")
    @PermitAll
    @ApiResponse(responseCode = "204", description = "The password is set; the person can log in")
    public Response accept(@NotNull @Valid NewPassword request) {
        accounts.acceptInvitation(request.token(), request.password());
        return Response.noContent().build();
    }
}
