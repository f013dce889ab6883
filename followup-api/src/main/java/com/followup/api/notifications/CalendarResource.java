package com.followup.api.notifications;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.notifications.NotificationBodies.FeedView;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A candidate's private calendar feed (iCalendar, RFC 5545) and its secret URL. HTTP only: the use cases are
 * {@link CalendarFeeds}.
 */
@Path("/api")
public class CalendarResource {
    /** RFC 5545 8.1: UTF-8, said explicitly so no client guesses another charset. */
    public static final String TEXT_CALENDAR = "text/calendar; charset=UTF-8";

    private final CalendarFeeds feeds;

    public CalendarResource(CalendarFeeds feeds) {
        this.feeds = requireNonNull(feeds, "feeds is null");
    }

    /** Creates the feed, or renews it; the URL is shown this once. */
    @POST
    @Path("/me/calendar")
    @RolesAllowed(Role.Names.CANDIDATE)
    @Produces(MediaType.APPLICATION_JSON)
    @ApiResponse(
            responseCode = "201",
            description = "The feed's secret URL, shown once; any earlier URL stops working",
            content = @Content(schema = @Schema(implementation = FeedView.class)))
    public Response renew(@Auth UserPrincipal user) {
        return Response.status(Response.Status.CREATED)
                .entity(feeds.renew(user))
                .build();
    }

    @GET
    @Path("/calendar/{token}.ics")
    @PermitAll
    @Produces(TEXT_CALENDAR)
    public String feed(@PathParam("token") String token) {
        return feeds.feed(token);
    }
}
