package com.followup.api.notifications;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.notifications.NotificationBodies.OutboxView;
import com.followup.api.notifications.NotificationBodies.PreferenceChange;
import com.followup.api.notifications.NotificationBodies.PreferenceView;
import com.followup.api.representations.Page;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * E-mail on or off for oneself, the one-click unsubscribe link, and the admins' view of the outbox. HTTP only: the use
 * cases are {@link Subscriptions} and {@link Messages}.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotificationResource {
    private final Subscriptions subscriptions;
    private final Messages messages;

    public NotificationResource(Subscriptions subscriptions, Messages messages) {
        this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
        this.messages = requireNonNull(messages, "messages is null");
    }

    @GET
    @Path("/me/notifications")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public PreferenceView preferences(@Auth UserPrincipal user) {
        return subscriptions.preference(user);
    }

    @PUT
    @Path("/me/notifications")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public PreferenceView change(@Auth UserPrincipal user, @NotNull @Valid PreferenceChange change) {
        return subscriptions.change(user, change);
    }

    /** The link in every e-mail: opening it turns e-mails off, without logging in. */
    @GET
    @Path("/unsubscribe/{token}")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    public String unsubscribe(@PathParam("token") String token) {
        subscriptions.unsubscribe(token);
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Unsubscribed</title></head><body>"
                + "<p>You will get no more e-mails from Followup. You can turn them back on in your settings.</p>"
                + "</body></html>";
    }

    /** RFC 8058 one-click unsubscribe, as mail programs send it from the {@code List-Unsubscribe} header. */
    @POST
    @Path("/unsubscribe/{token}")
    @PermitAll
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    public PreferenceView unsubscribeOneClick(@PathParam("token") String token) {
        return subscriptions.unsubscribe(token);
    }

    @GET
    @Path("/admin/outbox")
    @RolesAllowed(Role.Names.ADMIN)
    public Page<OutboxView> outbox(
            @QueryParam("state") OutboxState state,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) long offset) {
        return messages.list(Optional.ofNullable(state), limit, offset);
    }
}
