package com.followup.api.notifications;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.problem.ProblemException;
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
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** E-mail on or off for oneself, the one-click unsubscribe link, and the admins' view of the outbox. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotificationResource {
    public record PreferenceView(boolean emailEnabled) {}

    public record PreferenceChange(@NotNull Boolean emailEnabled) {}

    public record OutboxView(
            long id,
            long recipientId,
            String recipientEmail,
            OutboxKind kind,
            String dedupeKey,
            String subject,
            OutboxState state,
            Instant dueAt,
            int attempts,
            Instant nextAttemptAt,
            Optional<String> lastError,
            Optional<Instant> sentAt,
            Instant createdAt,
            Optional<String> messageId) {
        static OutboxView of(Outbox.Stored stored) {
            return new OutboxView(
                    stored.id(),
                    stored.recipientId(),
                    stored.recipientEmail(),
                    stored.kind(),
                    stored.dedupeKey(),
                    stored.subject(),
                    stored.state(),
                    stored.dueAt(),
                    stored.attempts(),
                    stored.nextAttemptAt(),
                    stored.lastError(),
                    stored.sentAt(),
                    stored.createdAt(),
                    stored.messageId());
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;

    public NotificationResource(Jdbi jdbi, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @GET
    @Path("/me/notifications")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public PreferenceView preferences(@Auth UserPrincipal user) {
        return jdbi.inTransaction(handle -> new PreferenceView(
                Preferences.of(handle, user.id(), clock.instant()).emailEnabled()));
    }

    @PUT
    @Path("/me/notifications")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public PreferenceView change(@Auth UserPrincipal user, @NotNull @Valid PreferenceChange change) {
        return jdbi.inTransaction(handle -> new PreferenceView(
                Preferences.setEmailEnabled(handle, user.id(), change.emailEnabled(), clock.instant())
                        .emailEnabled()));
    }

    /** The link in every e-mail: opening it turns e-mails off, without logging in. */
    @GET
    @Path("/unsubscribe/{token}")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    public String unsubscribe(@PathParam("token") String token) {
        unsubscribed(token);
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
        unsubscribed(token);
        return new PreferenceView(false);
    }

    private void unsubscribed(String token) {
        jdbi.inTransaction(handle -> Preferences.unsubscribe(handle, token, clock.instant()))
                .orElseThrow(() -> ProblemException.notFound("unsubscribe link"));
    }

    @GET
    @Path("/admin/outbox")
    @RolesAllowed(Role.Names.ADMIN)
    public Page<OutboxView> outbox(
            @QueryParam("state") OutboxState state,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) long offset) {
        Optional<OutboxState> filter = Optional.ofNullable(state);
        return jdbi.inTransaction(handle -> new Page<>(
                Outbox.list(handle, filter, limit, offset).stream()
                        .map(OutboxView::of)
                        .toList(),
                Outbox.count(handle, filter),
                limit,
                offset));
    }
}
