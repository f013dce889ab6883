package com.followup.web;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.companies.CompanyBodies;
import com.followup.api.interviews.InterviewBodies;
import com.followup.api.problem.ProblemException;
import com.followup.api.threads.ThreadBodies;
import com.followup.core.model.Channel;
import com.followup.core.model.ReplyKind;
import com.followup.core.model.TouchKind;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Correcting or retracting a touch or reply logged by mistake (issue 14, decision 0019): one page per logged item,
 * reached from the "Correct" and "Retract" links next to it on the interview's timeline, with the correction form
 * filled in with the item as logged and the retraction form asking for a reason. Form parsing only; the rules, the
 * version check and the audit are {@code Threads}'.
 */
@Path("/interviews")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
public class CorrectionPages {
    private static final String CORRECT = "correct";
    private static final String RETRACT = "retract";

    private final Portal portal;

    public CorrectionPages(Portal portal) {
        this.portal = requireNonNull(portal, "portal is null");
    }

    // ---- touches

    @GET
    @Path("/{id}/touches/{touchId}")
    public Response touch(@Auth UserPrincipal user, @PathParam("id") long id, @PathParam("touchId") long touchId) {
        return Response.ok(touchPage(user, id, touchId, Map.of())).build();
    }

    @POST
    @Path("/{id}/touches/{touchId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response correctTouch(
            @Auth UserPrincipal user,
            @PathParam("id") long id,
            @PathParam("touchId") long touchId,
            MultivaluedMap<String, String> form) {
        FormState typed = FormState.typed(CORRECT, form);
        Map<String, String> values = typed.values();
        ZoneId zone = portal.viewer(user).zone();
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<TouchKind> kind = InterviewPages.parseEnum(TouchKind.class, values.get("kind"));
        Optional<Channel> channel = InterviewPages.parseEnum(Channel.class, values.get("channel"));
        Optional<Long> recipient = InterviewPages.parseLong(values.get("recipientId"));
        Optional<OffsetDateTime> sentAt = Texts.parseLocal(values.get("sentAt"), zone);
        if (kind.isEmpty()) {
            errors.put("kind", "Choose what you sent.");
        }
        if (channel.isEmpty()) {
            errors.put("channel", "Choose how it was sent.");
        }
        if (recipient.isEmpty()) {
            errors.put("recipientId", "Choose who it went to.");
        }
        if (sentAt.isEmpty()) {
            errors.put("sentAt", "Enter when it was sent, such as 2026-04-14 09:30.");
        }
        if (!errors.isEmpty()) {
            return invalid(touchPage(
                    user, id, touchId, Map.of(CORRECT, typed.withErrors(errors, "Not corrected: see below."))));
        }
        ThreadBodies.TouchCorrection correction = new ThreadBodies.TouchCorrection(
                kind.get(),
                channel.get(),
                recipient.get(),
                Texts.blankToNull(values.get("address")),
                sentAt.get(),
                Texts.blankToNull(values.get("subject")),
                Texts.blankToNull(values.get("text")),
                version(values));
        var violations = portal.validator().validate(correction);
        if (!violations.isEmpty()) {
            return invalid(touchPage(user, id, touchId, Map.of(CORRECT, typed.withViolations(violations))));
        }
        try {
            portal.threads().correctTouch(user, id, touchId, correction);
            return Portal.seeOther("/interviews/" + id + "?saved=corrected");
        } catch (ProblemException e) {
            return invalid(touchPage(user, id, touchId, Map.of(CORRECT, refused(typed, e))));
        }
    }

    @POST
    @Path("/{id}/touches/{touchId}/retraction")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response retractTouch(
            @Auth UserPrincipal user,
            @PathParam("id") long id,
            @PathParam("touchId") long touchId,
            MultivaluedMap<String, String> form) {
        FormState typed = FormState.typed(RETRACT, form);
        Optional<ThreadBodies.Retraction> retraction = retraction(typed);
        if (retraction.isEmpty()) {
            return invalid(touchPage(user, id, touchId, Map.of(RETRACT, reasonMissing(typed))));
        }
        try {
            portal.threads().retractTouch(user, id, touchId, retraction.get());
            return Portal.seeOther("/interviews/" + id + "?saved=retracted");
        } catch (ProblemException e) {
            return invalid(touchPage(user, id, touchId, Map.of(RETRACT, refused(typed, e))));
        }
    }

    private PortalView touchPage(UserPrincipal user, long id, long touchId, Map<String, FormState> typed) {
        ZoneId zone = portal.viewer(user).zone();
        ThreadBodies.TouchView touch = portal.threads().touches(user, id, true).stream()
                .filter(candidate -> candidate.id() == touchId)
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("Touch " + touchId));
        Map<String, String> values = new HashMap<>();
        values.put("kind", touch.kind().name());
        values.put("channel", touch.channel().name());
        values.put("recipientId", Long.toString(touch.recipientId()));
        values.put("address", touch.address());
        values.put("sentAt", Texts.input(touch.sentAt().toInstant(), zone));
        touch.subject().ifPresent(subject -> values.put("subject", subject));
        touch.text().ifPresent(text -> values.put("text", text));
        Map<String, Object> model = new HashMap<>();
        model.put("item", "touch");
        model.put("what", Texts.label(touch.kind()) + " sent " + Texts.when(touch.sentAt(), zone));
        model.put("path", "/interviews/" + id + "/touches/" + touchId);
        model.put("touchKinds", InterviewPages.options(TouchKind.values()));
        model.put("channels", InterviewPages.channelOptions());
        model.put("forbidden", InterviewPages.FORBIDDEN);
        return page(user, id, touch.version(), PlanLines.retraction(touch.retraction(), zone), values, typed, model);
    }

    // ---- replies

    @GET
    @Path("/{id}/replies/{replyId}")
    public Response reply(@Auth UserPrincipal user, @PathParam("id") long id, @PathParam("replyId") long replyId) {
        return Response.ok(replyPage(user, id, replyId, Map.of())).build();
    }

    @POST
    @Path("/{id}/replies/{replyId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response correctReply(
            @Auth UserPrincipal user,
            @PathParam("id") long id,
            @PathParam("replyId") long replyId,
            MultivaluedMap<String, String> form) {
        FormState typed = FormState.typed(CORRECT, form);
        Map<String, String> values = typed.values();
        ZoneId zone = portal.viewer(user).zone();
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Long> from = InterviewPages.parseLong(values.get("fromContactId"));
        Optional<ReplyKind> kind = InterviewPages.parseEnum(ReplyKind.class, values.get("kind"));
        Optional<OffsetDateTime> receivedAt = Texts.parseLocal(values.get("receivedAt"), zone);
        Optional<LocalDate> newDate = Texts.parseDate(values.get("newDecisionDate"));
        if (from.isEmpty()) {
            errors.put("fromContactId", "Choose who answered.");
        }
        if (kind.isEmpty()) {
            errors.put("kind", "Choose what the answer said.");
        }
        if (receivedAt.isEmpty()) {
            errors.put("receivedAt", "Enter when it arrived, such as 2026-04-14 09:30.");
        }
        if (!InterviewPages.blank(values.get("newDecisionDate")) && newDate.isEmpty()) {
            errors.put("newDecisionDate", "Enter a date such as 2026-04-14.");
        }
        if (!errors.isEmpty()) {
            return invalid(replyPage(
                    user, id, replyId, Map.of(CORRECT, typed.withErrors(errors, "Not corrected: see below."))));
        }
        ThreadBodies.ReplyCorrection correction = new ThreadBodies.ReplyCorrection(
                from.get(), receivedAt.get(), kind.get(), newDate.orElse(null), version(values));
        try {
            portal.threads().correctReply(user, id, replyId, correction);
            return Portal.seeOther("/interviews/" + id + "?saved=corrected");
        } catch (ProblemException e) {
            return invalid(replyPage(user, id, replyId, Map.of(CORRECT, refused(typed, e))));
        }
    }

    @POST
    @Path("/{id}/replies/{replyId}/retraction")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response retractReply(
            @Auth UserPrincipal user,
            @PathParam("id") long id,
            @PathParam("replyId") long replyId,
            MultivaluedMap<String, String> form) {
        FormState typed = FormState.typed(RETRACT, form);
        Optional<ThreadBodies.Retraction> retraction = retraction(typed);
        if (retraction.isEmpty()) {
            return invalid(replyPage(user, id, replyId, Map.of(RETRACT, reasonMissing(typed))));
        }
        try {
            portal.threads().retractReply(user, id, replyId, retraction.get());
            return Portal.seeOther("/interviews/" + id + "?saved=retracted");
        } catch (ProblemException e) {
            return invalid(replyPage(user, id, replyId, Map.of(RETRACT, refused(typed, e))));
        }
    }

    private PortalView replyPage(UserPrincipal user, long id, long replyId, Map<String, FormState> typed) {
        ZoneId zone = portal.viewer(user).zone();
        ThreadBodies.ReplyView reply = portal.threads().replies(user, id, true).stream()
                .filter(candidate -> candidate.id() == replyId)
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("Reply " + replyId));
        Map<String, String> values = new HashMap<>();
        values.put("fromContactId", Long.toString(reply.fromContactId()));
        values.put("kind", reply.kind().name());
        values.put("receivedAt", Texts.input(reply.receivedAt().toInstant(), zone));
        reply.newDecisionDate().ifPresent(date -> values.put("newDecisionDate", date.toString()));
        Map<String, Object> model = new HashMap<>();
        model.put("item", "reply");
        model.put("what", Texts.label(reply.kind()) + " received " + Texts.when(reply.receivedAt(), zone));
        model.put("path", "/interviews/" + id + "/replies/" + replyId);
        model.put("replyKinds", InterviewPages.options(ReplyKind.values()));
        return page(user, id, reply.version(), PlanLines.retraction(reply.retraction(), zone), values, typed, model);
    }

    // ---- both

    private PortalView page(
            UserPrincipal user,
            long id,
            int version,
            String retraction,
            Map<String, String> values,
            Map<String, FormState> typed,
            Map<String, Object> model) {
        InterviewBodies.InterviewView interview = portal.interviews().get(user, id);
        List<InterviewPages.Option> contacts = portal.companies().contacts(user, interview.companyId()).stream()
                .map(contact -> new InterviewPages.Option(Long.toString(contact.id()), contactLabel(contact)))
                .toList();
        values.put("version", Integer.toString(version));
        Map<String, FormState> forms = new HashMap<>();
        forms.put(CORRECT, FormState.of(CORRECT, values));
        forms.put(RETRACT, FormState.of(RETRACT, Map.of("version", Integer.toString(version))));
        forms.putAll(typed);
        model.put("interview", interview);
        model.put("contacts", contacts);
        model.put("retraction", retraction);
        model.put("forms", forms);
        String title = ("touch".equals(model.get("item")) ? "Correct or retract a touch" : "Correct or retract a reply")
                + ": " + interview.companyName();
        return new PortalView("correction", portal.viewer(user), title, model);
    }

    private static String contactLabel(CompanyBodies.ContactView contact) {
        return contact.title() == null || contact.title().isBlank()
                ? contact.name()
                : contact.name() + " (" + contact.title() + ")";
    }

    private static Integer version(Map<String, String> values) {
        return InterviewPages.parseLong(values.get("version"))
                .map(Long::intValue)
                .orElse(null);
    }

    /** The retraction the form asks for, or empty when it gives no reason. */
    private static Optional<ThreadBodies.Retraction> retraction(FormState typed) {
        String reason = typed.values().get("reason");
        if (InterviewPages.blank(reason)) {
            return Optional.empty();
        }
        return Optional.of(new ThreadBodies.Retraction(reason.strip(), version(typed.values())));
    }

    private static FormState reasonMissing(FormState typed) {
        return typed.withErrors(
                Map.of("reason", "Say why you retract it, so whoever reads the thread later knows."),
                "Not retracted: see below.");
    }

    /** A refusal of the shared rules, shown next to its fields; a missing record or our own fault is not a form's. */
    private static FormState refused(FormState typed, ProblemException e) {
        if (e.problem().status() == 404 || e.problem().status() >= 500) {
            throw e;
        }
        return typed.withProblem(e, Map.of());
    }

    private static Response invalid(PortalView view) {
        return Response.status(400).entity(view).build();
    }
}
