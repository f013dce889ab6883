package com.followup.web;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.problem.ProblemException;
import com.followup.api.webhooks.WebhookBodies.AttemptView;
import com.followup.api.webhooks.WebhookBodies.DeliveryView;
import com.followup.api.webhooks.WebhookBodies.EndpointRequest;
import com.followup.api.webhooks.WebhookBodies.EndpointView;
import com.followup.api.webhooks.WebhookBodies.IssuedSecret;
import com.followup.api.webhooks.Webhooks;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admins' webhook pages (issue 20, decision 0036): the endpoints, a form to register one (its secret shown once,
 * in the answer only), and one endpoint's deliveries and attempts with redelivery, turning it off and on, rotating its
 * secret and deleting it. Thin: the use cases are {@link Webhooks}.
 */
@Path("/admin/webhooks")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.Names.ADMIN)
public class WebhookPages {
    public record EndpointLine(
            long id, String url, String description, String events, boolean enabled, String state, String failing) {}

    public record DeliveryLine(
            long id, String eventId, String eventType, String state, int attempts, String next, String last) {}

    public record AttemptLine(
            String at, String eventId, String eventType, String status, String duration, String error) {}

    private final Portal portal;

    public WebhookPages(Portal portal) {
        this.portal = requireNonNull(portal, "portal is null");
    }

    private Webhooks webhooks() {
        return portal.services().webhooks();
    }

    @GET
    public PortalView list(@Auth UserPrincipal admin, @QueryParam("saved") String saved) {
        return listPage(admin, FormState.empty("endpoint"), List.of(), Optional.empty(), saved);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@Auth UserPrincipal admin, MultivaluedMap<String, String> form) {
        FormState typed = FormState.typed("endpoint", form);
        List<String> events = form.getOrDefault("events", List.of());
        EndpointRequest request = new EndpointRequest(
                typed.values().getOrDefault("url", "").trim(),
                typed.values().getOrDefault("description", "").trim(),
                events,
                true,
                null);
        try {
            IssuedSecret issued = webhooks().create(admin, request);
            // Shown once, in this answer only: a redirect would have to carry the secret in a URL.
            return Response.ok(listPage(admin, FormState.empty("endpoint"), List.of(), Optional.of(issued), null))
                    .header("Cache-Control", "no-store")
                    .build();
        } catch (ProblemException e) {
            return Response.status(400)
                    .entity(listPage(admin, refused(typed, e), events, Optional.empty(), null))
                    .build();
        }
    }

    @GET
    @Path("/{id}")
    public PortalView endpoint(@Auth UserPrincipal admin, @PathParam("id") long id, @QueryParam("saved") String saved) {
        return endpointPage(admin, id, Optional.empty(), saved);
    }

    @POST
    @Path("/{id}/enabled")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response enable(@Auth UserPrincipal admin, @PathParam("id") long id, MultivaluedMap<String, String> form) {
        EndpointView endpoint = webhooks().get(admin, id);
        boolean on = "yes".equals(form.getFirst("enabled"));
        Optional<Integer> version =
                InterviewPages.parseLong(form.getFirst("version")).map(Long::intValue);
        webhooks()
                .update(
                        admin,
                        id,
                        new EndpointRequest(
                                endpoint.url(), endpoint.description(), endpoint.events(), on, version.orElse(null)));
        return Portal.seeOther("/admin/webhooks/" + id + "?saved=" + (on ? "enabled" : "disabled"));
    }

    @POST
    @Path("/{id}/rotate")
    public Response rotate(@Auth UserPrincipal admin, @PathParam("id") long id) {
        IssuedSecret issued = webhooks().rotateSecret(admin, id);
        return Response.ok(endpointPage(admin, id, Optional.of(issued), null))
                .header("Cache-Control", "no-store")
                .build();
    }

    @POST
    @Path("/{id}/delete")
    public Response delete(@Auth UserPrincipal admin, @PathParam("id") long id) {
        webhooks().delete(admin, id);
        return Portal.seeOther("/admin/webhooks?saved=deleted");
    }

    @POST
    @Path("/deliveries/{delivery}/redeliver")
    public Response redeliver(@Auth UserPrincipal admin, @PathParam("delivery") long delivery) {
        DeliveryView again = webhooks().redeliver(admin, delivery);
        return Portal.seeOther("/admin/webhooks/" + again.endpointId() + "?saved=redelivered");
    }

    /** The problem's field errors on the form; every {@code events[n]} is said next to the check boxes. */
    private static FormState refused(FormState typed, ProblemException e) {
        FormState shown = typed.withProblem(e, Map.of());
        Map<String, String> errors = new LinkedHashMap<>();
        shown.errors()
                .forEach((field, text) -> errors.merge(
                        field.startsWith("events") ? "events" : field, text, (first, second) -> first + "; " + second));
        return new FormState(shown.id(), shown.values(), errors, "The endpoint was not added: " + shown.message());
    }

    private PortalView listPage(
            UserPrincipal admin, FormState form, List<String> chosen, Optional<IssuedSecret> issued, String saved) {
        Viewer viewer = portal.viewer(admin);
        ZoneId zone = viewer.zone();
        Map<String, Object> model = new HashMap<>();
        model.put(
                "endpoints",
                webhooks().list(admin).stream().map(e -> line(e, zone)).toList());
        model.put("eventTypes", Webhooks.eventTypes());
        model.put("chosen", chosen);
        model.put("form", form);
        issued.ifPresent(secret -> model.put("issued", secret));
        model.put("saved", "deleted".equals(saved) ? "The endpoint was deleted, with its delivery log." : "");
        return new PortalView("admin-webhooks", viewer, "Webhooks", model);
    }

    private PortalView endpointPage(UserPrincipal admin, long id, Optional<IssuedSecret> issued, String saved) {
        Viewer viewer = portal.viewer(admin);
        ZoneId zone = viewer.zone();
        EndpointView endpoint = webhooks().get(admin, id);
        Map<String, Object> model = new HashMap<>();
        model.put("endpoint", endpoint);
        model.put("line", line(endpoint, zone));
        model.put(
                "rotation",
                endpoint.previousSecretValidUntil()
                        .map(until -> "The previous secret also signs until " + Texts.when(until, zone) + ".")
                        .orElse(""));
        model.put(
                "deliveries",
                webhooks().deliveries(admin, id).stream()
                        .map(d -> line(d, zone))
                        .toList());
        model.put(
                "attempts",
                webhooks().attempts(admin, id).stream().map(a -> line(a, zone)).toList());
        issued.ifPresent(secret -> model.put("issued", secret));
        model.put(
                "saved",
                saved == null
                        ? ""
                        : switch (saved) {
                            case "enabled" -> "The endpoint is on: events that waited are being sent.";
                            case "disabled" -> "The endpoint is off: its events wait until it is on again.";
                            case "redelivered" -> "The event will be sent again shortly, with the same id.";
                            default -> "";
                        });
        return new PortalView("admin-webhook", viewer, "Webhook endpoint", model);
    }

    private static EndpointLine line(EndpointView endpoint, ZoneId zone) {
        return new EndpointLine(
                endpoint.id(),
                endpoint.url(),
                endpoint.description(),
                String.join(", ", endpoint.events()),
                endpoint.enabled(),
                endpoint.enabled() ? "on" : "off: " + endpoint.disabledReason().orElse("turned off"),
                endpoint.failingSince()
                        .map(since -> "failing since " + Texts.when(since, zone))
                        .orElse(""));
    }

    private static DeliveryLine line(DeliveryView delivery, ZoneId zone) {
        String last = delivery.lastStatus().map(status -> "HTTP " + status).orElse("")
                + delivery.lastError()
                        .map(error -> (delivery.lastStatus().isPresent() ? "; " : "") + error)
                        .orElse("");
        return new DeliveryLine(
                delivery.id(),
                delivery.eventId(),
                delivery.eventType(),
                delivery.state().toLowerCase(java.util.Locale.ROOT),
                delivery.attempts(),
                delivery.state().equals("PENDING")
                        ? delivery.nextAttemptAt()
                                .map(at -> Texts.when(at, zone))
                                .orElse("now")
                        : "",
                last);
    }

    private static AttemptLine line(AttemptView attempt, ZoneId zone) {
        return new AttemptLine(
                Texts.when(attempt.attemptedAt(), zone),
                attempt.eventId(),
                attempt.eventType(),
                attempt.status().map(String::valueOf).orElse("not reached"),
                attempt.durationMs() + " ms",
                attempt.error().orElse(""));
    }
}
