package com.followup.api.webhooks;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.webhooks.WebhookBodies.AttemptView;
import com.followup.api.webhooks.WebhookBodies.DeliveryView;
import com.followup.api.webhooks.WebhookBodies.EndpointRequest;
import com.followup.api.webhooks.WebhookBodies.EndpointView;
import com.followup.api.webhooks.WebhookBodies.IssuedSecret;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Admin: webhook endpoints, their secrets and delivery log (docs/webhooks.md). HTTP only: the use cases are {@link Webhooks}. */
@Path("/api/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
public class WebhookResource {
    private final Webhooks webhooks;

    public WebhookResource(Webhooks webhooks) {
        this.webhooks = requireNonNull(webhooks, "webhooks is null");
    }

    @GET
    @Path("/event-types")
    public List<String> eventTypes() {
        return Webhooks.eventTypes();
    }

    @GET
    @Path("/endpoints")
    public List<EndpointView> list(@Auth UserPrincipal admin) {
        return webhooks.list(admin);
    }

    @POST
    @Path("/endpoints")
    @ApiResponse(
            responseCode = "201",
            description = "The new endpoint and its signing secret; the only time the secret is shown",
            content = @Content(schema = @Schema(implementation = IssuedSecret.class)))
    public Response create(@Auth UserPrincipal admin, @NotNull @Valid EndpointRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(webhooks.create(admin, request))
                .build();
    }

    @GET
    @Path("/endpoints/{id}")
    public EndpointView get(@Auth UserPrincipal admin, @PathParam("id") long id) {
        return webhooks.get(admin, id);
    }

    @PUT
    @Path("/endpoints/{id}")
    public EndpointView update(
            @Auth UserPrincipal admin, @PathParam("id") long id, @NotNull @Valid EndpointRequest request) {
        return webhooks.update(admin, id, request);
    }

    @DELETE
    @Path("/endpoints/{id}")
    @ApiResponse(responseCode = "204", description = "Deleted, with its deliveries and their log")
    public Response delete(@Auth UserPrincipal admin, @PathParam("id") long id) {
        webhooks.delete(admin, id);
        return Response.noContent().build();
    }

    @POST
    @Path("/endpoints/{id}/rotate-secret")
    @ApiResponse(
            responseCode = "200",
            description = "The new secret, shown this once; the old one keeps signing during the overlap",
            content = @Content(schema = @Schema(implementation = IssuedSecret.class)))
    public IssuedSecret rotate(@Auth UserPrincipal admin, @PathParam("id") long id) {
        return webhooks.rotateSecret(admin, id);
    }

    @GET
    @Path("/endpoints/{id}/deliveries")
    public List<DeliveryView> deliveries(@Auth UserPrincipal admin, @PathParam("id") long id) {
        return webhooks.deliveries(admin, id);
    }

    @GET
    @Path("/endpoints/{id}/attempts")
    public List<AttemptView> attempts(@Auth UserPrincipal admin, @PathParam("id") long id) {
        return webhooks.attempts(admin, id);
    }

    @POST
    @Path("/deliveries/{id}/redeliver")
    @ApiResponse(
            responseCode = "201",
            description = "A new delivery of the same event (same webhook-id), due now",
            content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    public Response redeliver(@Auth UserPrincipal admin, @PathParam("id") long id) {
        return Response.status(Response.Status.CREATED)
                .entity(webhooks.redeliver(admin, id))
                .build();
    }
}
