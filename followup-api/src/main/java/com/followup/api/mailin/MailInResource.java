package com.followup.api.mailin;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.mailin.MailInBodies.AddressView;
import com.followup.api.mailin.MailInBodies.AssignRequest;
import com.followup.api.mailin.MailInBodies.AssignedView;
import com.followup.api.mailin.MailInBodies.UnplacedView;
import com.followup.api.problem.ProblemException;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** A candidate's logging address and the messages that wait to be placed. HTTP only: the use cases are {@link MailIn}. */
@Path("/api/me/mail-in")
@Produces(MediaType.APPLICATION_JSON)
public class MailInResource {
    private final MailIn mailIn;

    public MailInResource(MailIn mailIn) {
        this.mailIn = requireNonNull(mailIn, "mailIn is null");
    }

    @GET
    @RolesAllowed(Role.Names.CANDIDATE)
    public AddressView address(@Auth UserPrincipal user) {
        return mailIn.address(user).orElseThrow(() -> ProblemException.notFound("Logging address"));
    }

    /** Makes the logging address, or a new one; the old one stops logging. */
    @POST
    @RolesAllowed(Role.Names.CANDIDATE)
    @ApiResponse(
            responseCode = "201",
            description = "The new logging address; any earlier one stops logging",
            content = @Content(schema = @Schema(implementation = AddressView.class)))
    public Response renew(@Auth UserPrincipal user) {
        return Response.status(Response.Status.CREATED)
                .entity(mailIn.renew(user))
                .build();
    }

    @GET
    @Path("/unplaced")
    @RolesAllowed(Role.Names.CANDIDATE)
    public List<UnplacedView> unplaced(@Auth UserPrincipal user) {
        return mailIn.unplaced(user);
    }

    @POST
    @Path("/unplaced/{id}/assign")
    @RolesAllowed(Role.Names.CANDIDATE)
    @Consumes(MediaType.APPLICATION_JSON)
    public AssignedView assign(
            @Auth UserPrincipal user, @PathParam("id") long id, @NotNull @Valid AssignRequest request) {
        return mailIn.assign(user, id, request);
    }
}
