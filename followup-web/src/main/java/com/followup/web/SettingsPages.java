package com.followup.web;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.notifications.CalendarFeeds;
import com.followup.api.notifications.NotificationBodies.FeedStatusView;
import com.followup.api.notifications.NotificationBodies.PreferenceChange;
import com.followup.api.notifications.Subscriptions;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The settings page (issue 17): whether Followup sends one reminder e-mails, and, for a candidate, the private
 * calendar feed's address. Thin: the use cases are {@link Subscriptions} and {@link CalendarFeeds}.
 *
 * <p>Only the hash of a feed's token is stored, so its address can be shown only right after it is made. The renewal
 * is a POST that redirects (post/redirect/get); the new token travels to the page in a short-lived cookie scoped to
 * {@code /settings} (HttpOnly, SameSite=Strict), which the page clears as it shows the address once (decision 0031).
 */
@Path("/settings")
@Produces(MediaType.TEXT_HTML)
public class SettingsPages {
    /** The cookie that carries a just-renewed feed token to the page that shows it once. */
    static final String NEW_FEED_COOKIE = "followup_new_feed";

    private static final int NEW_FEED_COOKIE_SECONDS = 120;

    private final Portal portal;

    public SettingsPages(Portal portal) {
        this.portal = requireNonNull(portal, "portal is null");
    }

    private Subscriptions subscriptions() {
        return portal.services().subscriptions();
    }

    private CalendarFeeds feeds() {
        return portal.services().calendarFeeds();
    }

    @GET
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public Response settings(
            @Auth UserPrincipal user,
            @QueryParam("saved") String saved,
            @CookieParam(NEW_FEED_COOKIE) String newFeedToken,
            @Context UriInfo uri) {
        FormState email = FormState.of(
                "email", Map.of("email", subscriptions().preference(user).emailEnabled() ? "on" : "off"));
        Optional<String> newAddress = user.role() == Role.CANDIDATE && newFeedToken != null
                ? feeds().currentAddress(user, newFeedToken)
                : Optional.empty();
        Response.ResponseBuilder response = Response.ok(page(user, email, saved, newAddress));
        if (newFeedToken != null) {
            response.cookie(newFeedCookie("", uri, 0));
        }
        return response.build();
    }

    @POST
    @Path("notifications")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changeEmail(@Auth UserPrincipal user, MultivaluedMap<String, String> form) {
        FormState typed = FormState.typed("email", form);
        String choice = typed.values().getOrDefault("email", "");
        if (!choice.equals("on") && !choice.equals("off")) {
            FormState invalid = typed.withErrors(
                    Map.of("email", "Choose whether Followup sends you reminder e-mails: yes or no."),
                    "Please correct the field marked below.");
            return Response.status(400)
                    .entity(page(user, invalid, null, Optional.empty()))
                    .build();
        }
        subscriptions().change(user, new PreferenceChange(choice.equals("on")));
        return Portal.seeOther("/settings?saved=" + (choice.equals("on") ? "email-on" : "email-off"));
    }

    @POST
    @Path("calendar")
    @RolesAllowed(Role.Names.CANDIDATE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response renewFeed(@Auth UserPrincipal user, @Context UriInfo uri) {
        String url = feeds().renew(user).url();
        String path = URI.create(url).getPath();
        String token = path.substring(path.lastIndexOf('/') + 1, path.length() - ".ics".length());
        return Response.seeOther(URI.create("/settings?saved=calendar#calendar"))
                .cookie(newFeedCookie(token, uri, NEW_FEED_COOKIE_SECONDS))
                .build();
    }

    private PortalView page(UserPrincipal user, FormState email, String saved, Optional<String> newAddress) {
        Viewer viewer = portal.viewer(user);
        Map<String, Object> model = new HashMap<>();
        model.put("email", email);
        model.put(
                "saved",
                saved == null
                        ? ""
                        : switch (saved) {
                            case "email-on" -> "Saved: Followup sends you reminder e-mails.";
                            case "email-off" -> "Saved: Followup sends you no more reminder e-mails.";
                            case "calendar" ->
                                newAddress.isPresent()
                                        ? "Your calendar has a new address; the old one no longer works."
                                        : "";
                            default -> "";
                        });
        if (viewer.candidate()) {
            Optional<FeedStatusView> feed = feeds().status(user);
            model.put("hasFeed", feed.isPresent());
            feed.ifPresent(status -> {
                model.put("feedCreated", Texts.when(status.createdAt(), viewer.zone()));
                model.put("feedRenewed", Texts.when(status.renewedAt(), viewer.zone()));
                model.put("feedEverRenewed", !status.renewedAt().equals(status.createdAt()));
            });
            model.put("newAddress", newAddress.orElse(""));
            // Logging by e-mail (issue 19): its address here too; the page /mail-in has the rest.
            boolean mailIn = portal.services().mailIn().enabled();
            model.put("mailIn", mailIn);
            model.put(
                    "mailInAddress",
                    mailIn
                            ? portal.services()
                                    .mailIn()
                                    .address(user)
                                    .map(view -> view.address())
                                    .orElse("")
                            : "");
        }
        return new PortalView("settings", viewer, "Settings", model);
    }

    private NewCookie newFeedCookie(String value, UriInfo uri, int maxAgeSeconds) {
        boolean secure = portal.sessionCookies().secureCookies()
                || "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
        return new NewCookie.Builder(NEW_FEED_COOKIE)
                .value(value)
                .path("/settings")
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.STRICT)
                .maxAge(maxAgeSeconds)
                .build();
    }
}
