package com.followup.web;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.candidates.CandidateBodies;
import com.followup.api.companies.CompanyBodies;
import com.followup.api.interviews.InterviewBodies;
import com.followup.api.problem.ProblemException;
import com.followup.api.representations.BreachWords;
import com.followup.api.representations.PlanView;
import com.followup.api.threads.ThreadBodies;
import com.followup.core.model.Channel;
import com.followup.core.model.InterviewFormat;
import com.followup.core.model.OutcomeKind;
import com.followup.core.model.ReplyKind;
import com.followup.core.model.TouchKind;
import com.followup.core.rules.StepKind;
import com.followup.core.rules.StepState;
import com.followup.core.ruleset.RuleId;
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
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Recording an interview and following it up: the plan, the history and the forms that log each step. */
@Path("/interviews")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
public class InterviewPages {
    static final int DEFAULT_ROWS = 3;
    static final int MAX_ROWS = 10;

    /** R12, R13: touches that break the rules whatever else is true; explained before they are saved. */
    static final Map<String, String> FORBIDDEN = Map.of(
            TouchKind.GIFT.name(),
            "No gifts of any kind: flowers, plants, anything of value (R13).",
            TouchKind.FACEBOOK_FRIEND_REQUEST.name(),
            "A Facebook friend request is personal; connect on LinkedIn instead (R13).",
            Channel.FACEBOOK.name(),
            "Facebook is a personal network, not a business channel (R12).",
            Channel.PARCEL.name(),
            "A parcel is how gifts arrive; write by email instead (R13).");

    public record Option(String value, String label) {}

    public record ContactLine(long id, String name, String title, String email, boolean interviewer, boolean thanked) {}

    public record Finding(String rule, String severity, String message) {}

    public record NoteFeedback(
            List<Finding> findings, int words, boolean thanks, boolean interest, boolean specific, String similar) {}

    private final Portal portal;

    public InterviewPages(Portal portal) {
        this.portal = requireNonNull(portal, "portal is null");
    }

    // ---- recording an interview

    @GET
    @Path("/new")
    public Response newForm(@Auth UserPrincipal user, @QueryParam("candidateId") Long candidateId) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("format", InterviewFormat.VIDEO.name());
        values.put("round", "1");
        values.put("rows", Integer.toString(DEFAULT_ROWS));
        if (candidateId != null) {
            values.put("candidateId", candidateId.toString());
        }
        return Response.ok(newPage(user, FormState.of("interview", values))).build();
    }

    @POST
    @Path("/new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@Auth UserPrincipal user, MultivaluedMap<String, String> form) {
        FormState typed = FormState.typed("interview", form);
        Map<String, String> values = new LinkedHashMap<>(typed.values());
        int rows = rows(values.get("rows"));
        if ("more".equals(values.get("action"))) {
            values.put("rows", Integer.toString(Math.min(MAX_ROWS, rows + 2)));
            return Response.ok(newPage(user, FormState.of("interview", values))).build();
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Long candidateId = null;
        if (user.role() != Role.CANDIDATE) {
            candidateId = parseLong(values.get("candidateId")).orElse(null);
            if (candidateId == null) {
                errors.put("candidateId", "Choose the candidate.");
            }
        }
        ZoneId zone = candidateZone(user, candidateId);
        Optional<OffsetDateTime> start = Texts.parseLocal(values.get("start"), zone);
        Optional<OffsetDateTime> end = Texts.parseLocal(values.get("end"), zone);
        if (start.isEmpty()) {
            errors.put("start", "Enter the date and time the interview started.");
        }
        if (end.isEmpty()) {
            errors.put("end", "Enter the date and time the interview ended.");
        }
        if (blank(values.get("companyName"))) {
            errors.put("companyName", "Name the company.");
        }
        if (blank(values.get("role"))) {
            errors.put("role", "Name the role you interviewed for.");
        }
        InterviewFormat format =
                parseEnum(InterviewFormat.class, values.get("format")).orElse(null);
        if (format == null) {
            errors.put("format", "Choose how the interview took place.");
        }
        Integer round = parseLong(values.get("round")).map(Long::intValue).orElse(null);
        if (round == null || round < 1 || round > 20) {
            errors.put("round", "Enter a round between 1 and 20.");
        }
        List<InterviewBodies.InterviewerRequest> interviewers = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            String prefix = "interviewers[" + row + "].";
            String name = Texts.blankToNull(values.get(prefix + "name"));
            if (name != null) {
                interviewers.add(new InterviewBodies.InterviewerRequest(
                        null,
                        name,
                        Texts.blankToNull(values.get(prefix + "title")),
                        Texts.blankToNull(values.get(prefix + "businessEmail")),
                        null,
                        null));
            } else if (!blank(values.get(prefix + "title")) || !blank(values.get(prefix + "businessEmail"))) {
                errors.put(prefix + "name", "Give this interviewer's name.");
            }
        }
        if (interviewers.isEmpty()) {
            errors.put("interviewers[0].name", "Name at least one person who interviewed you.");
        }
        Optional<InterviewBodies.TimelineRequest> timeline = Optional.empty();
        try {
            timeline = timelineRequest(values, null);
        } catch (IllegalArgumentException e) {
            errors.put(e.getMessage(), timelineError(e.getMessage()));
        }
        if (!errors.isEmpty()) {
            return invalid(newPage(user, typed.withErrors(errors, "The interview was not saved: see below.")));
        }
        InterviewBodies.InterviewRequest request = new InterviewBodies.InterviewRequest(
                candidateId,
                null,
                values.get("companyName").trim(),
                values.get("role").trim(),
                start.get(),
                end.get(),
                format,
                round,
                interviewers,
                null);
        var violations = portal.validator().validate(request);
        if (!violations.isEmpty()) {
            return invalid(newPage(user, typed.withViolations(violations)));
        }
        try {
            InterviewBodies.InterviewView created = portal.interviews().create(user, request, timeline);
            return Portal.seeOther("/interviews/" + created.id() + "?saved=interview");
        } catch (ProblemException e) {
            if (e.problem().status() >= 500) {
                throw e;
            }
            return invalid(newPage(user, typed.withProblem(e, Map.of("interviewers[0]", "interviewers[0].name"))));
        }
    }

    private PortalView newPage(UserPrincipal user, FormState form) {
        Viewer viewer = portal.viewer(user);
        List<Option> candidates = new ArrayList<>();
        if (viewer.staff()) {
            for (CandidateBodies.CandidateView candidate :
                    portal.candidates().list(user, null, null, 500, 0).items()) {
                candidates.add(new Option(Long.toString(candidate.id()), candidate.name()));
            }
        }
        List<String> companies = portal.companies().list(user, null, 500, 0).items().stream()
                .map(CompanyBodies.CompanyView::name)
                .toList();
        int rows = rows(form.values().get("rows"));
        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        model.put("rows", rows);
        model.put("candidates", candidates);
        model.put("companies", companies);
        model.put("formats", options(InterviewFormat.values()));
        model.put("channels", channelOptions());
        return new PortalView("interview-new", viewer, "Record an interview", model);
    }

    // ---- the interview page

    @GET
    @Path("/{id}")
    public Response show(
            @Auth UserPrincipal user,
            @PathParam("id") long id,
            @QueryParam("saved") String saved,
            @QueryParam("touch") Long touch) {
        return Response.ok(page(user, id, Map.of(), Optional.empty(), saved, Optional.ofNullable(touch)))
                .build();
    }

    @POST
    @Path("/{id}/timeline")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response timeline(@Auth UserPrincipal user, @PathParam("id") long id, MultivaluedMap<String, String> form) {
        FormState typed = FormState.typed("timeline", form);
        Optional<InterviewBodies.TimelineRequest> request;
        try {
            request = timelineRequest(
                    typed.values(),
                    parseLong(typed.values().get("version")).map(Long::intValue).orElse(null));
        } catch (IllegalArgumentException e) {
            return invalidOn(
                    user, id, typed.withErrors(Map.of(e.getMessage(), timelineError(e.getMessage())), "Not saved."));
        }
        try {
            portal.interviews()
                    .putTimeline(
                            user,
                            id,
                            request.orElse(new InterviewBodies.TimelineRequest(null, null, null, null, null)));
            return Portal.seeOther("/interviews/" + id + "?saved=timeline");
        } catch (ProblemException e) {
            return problemOn(user, id, typed, e, Map.of());
        }
    }

    /** The company's decision; after a rejection the plan offers the optional R19 thank-you. */
    @POST
    @Path("/{id}/outcome")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response outcome(@Auth UserPrincipal user, @PathParam("id") long id, MultivaluedMap<String, String> form) {
        FormState typed = FormState.typed("outcome", form);
        Map<String, String> values = typed.values();
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<OutcomeKind> kind = parseEnum(OutcomeKind.class, values.get("kind"));
        Optional<OffsetDateTime> at =
                Texts.parseLocal(values.get("at"), portal.viewer(user).zone());
        if (kind.isEmpty()) {
            errors.put("kind", "Choose what the company decided.");
        }
        if (at.isEmpty()) {
            errors.put("at", "Enter when you heard, such as 2026-04-14T09:30.");
        }
        if (!errors.isEmpty()) {
            return invalidOn(user, id, typed.withErrors(errors, "The outcome was not saved: see below."));
        }
        try {
            portal.interviews().putOutcome(user, id, new InterviewBodies.OutcomeRequest(kind.get(), at.get()));
            return Portal.seeOther("/interviews/" + id + "?saved=outcome");
        } catch (ProblemException e) {
            return problemOn(user, id, typed, e, Map.of());
        }
    }

    @POST
    @Path("/{id}/debrief")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response debrief(@Auth UserPrincipal user, @PathParam("id") long id, MultivaluedMap<String, String> form) {
        FormState typed = FormState.typed("debrief", form);
        Map<String, String> values = typed.values();
        InterviewBodies.InterviewView interview = portal.interviews().get(user, id);
        List<InterviewBodies.Concern> concerns = new ArrayList<>();
        for (InterviewBodies.Interviewer interviewer : interview.interviewers()) {
            String concern = Texts.blankToNull(values.get("concern-" + interviewer.contactId()));
            if (concern != null) {
                concerns.add(new InterviewBodies.Concern(interviewer.contactId(), concern));
            }
        }
        List<String> unasked = Arrays.stream(values.getOrDefault("unasked", "").split("\\R"))
                .map(String::trim)
                .filter(line -> !line.isEmpty())
                .toList();
        if (blank(values.get("notes"))) {
            return invalidOn(
                    user,
                    id,
                    typed.withErrors(
                            Map.of("notes", "Write a few lines on how it went."), "The debrief was not saved."));
        }
        InterviewBodies.DebriefRequest request = new InterviewBodies.DebriefRequest(
                values.get("notes"),
                concerns,
                unasked,
                null,
                parseLong(values.get("version")).map(Long::intValue).orElse(null));
        var violations = portal.validator().validate(request);
        if (!violations.isEmpty()) {
            return invalidOn(user, id, typed.withViolations(violations));
        }
        try {
            portal.interviews().putDebrief(user, id, request);
            return Portal.seeOther("/interviews/" + id + "?saved=debrief");
        } catch (ProblemException e) {
            return problemOn(user, id, typed, e, Map.of());
        }
    }

    @POST
    @Path("/{id}/thank-you")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response thankYou(@Auth UserPrincipal user, @PathParam("id") long id, MultivaluedMap<String, String> form) {
        FormState typed = FormState.typed("thankYou", form);
        Map<String, String> values = typed.values();
        Optional<Long> recipient = parseLong(values.get("recipientId"));
        if ("check".equals(values.get("action"))) {
            // Without JavaScript, "Check" shows the checker's findings on the page again, with the text kept.
            if (recipient.isEmpty() || blank(values.get("text"))) {
                return invalidOn(
                        user,
                        id,
                        typed.withErrors(Map.of("text", "Write the note first, then check it."), "Nothing to check."));
            }
            NoteFeedback feedback = check(user, id, recipient.get(), values.get("text"));
            return Response.ok(page(user, id, Map.of("thankYou", typed), Optional.of(feedback), null, Optional.empty()))
                    .build();
        }
        return logTouch(user, id, typed, TouchKind.THANK_YOU, "thank-you");
    }

    @POST
    @Path("/{id}/touches")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response touch(@Auth UserPrincipal user, @PathParam("id") long id, MultivaluedMap<String, String> form) {
        FormState typed = FormState.typed("touch", form);
        Optional<TouchKind> kind = parseEnum(TouchKind.class, typed.values().get("kind"));
        if (kind.isEmpty()) {
            return invalidOn(user, id, typed.withErrors(Map.of("kind", "Choose what you sent."), "Not saved."));
        }
        return logTouch(user, id, typed, kind.get(), "touch");
    }

    private Response logTouch(UserPrincipal user, long id, FormState typed, TouchKind kind, String saved) {
        Map<String, String> values = typed.values();
        Viewer viewer = portal.viewer(user);
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Long> recipient = parseLong(values.get("recipientId"));
        Optional<Channel> channel = parseEnum(Channel.class, values.get("channel"));
        Optional<OffsetDateTime> sentAt = Texts.parseLocal(values.get("sentAt"), viewer.zone());
        if (recipient.isEmpty()) {
            errors.put("recipientId", "Choose who it went to.");
        }
        if (channel.isEmpty()) {
            errors.put("channel", "Choose how it was sent.");
        }
        if (sentAt.isEmpty()) {
            errors.put("sentAt", "Enter when it was sent.");
        }
        if (kind == TouchKind.THANK_YOU && blank(values.get("text"))) {
            errors.put("text", "Paste the note you sent, so it can be checked and kept.");
        }
        if (!errors.isEmpty()) {
            return invalidOn(user, id, typed.withErrors(errors, "Not logged yet: see below."));
        }
        ThreadBodies.TouchRequest request = new ThreadBodies.TouchRequest(
                kind,
                channel.get(),
                recipient.get(),
                null,
                sentAt.get(),
                Texts.blankToNull(values.get("subject")),
                Texts.blankToNull(values.get("text")));
        var violations = portal.validator().validate(request);
        if (!violations.isEmpty()) {
            return invalidOn(user, id, typed.withViolations(violations));
        }
        try {
            // A touch is judged before it is saved: one that would break a rule is logged only once confirmed.
            List<String> warnings =
                    portal.threads().checkTouch(user, id, request, Optional.of(viewer.zone())).breaches().stream()
                            .map(ThreadBodies.WouldBreach::warning)
                            .toList();
            if (!warnings.isEmpty() && !"yes".equals(values.get("confirmed"))) {
                Map<String, String> asking = withConfirm(values);
                asking.put("wouldBreak", String.join("\n", warnings));
                FormState asked = new FormState(
                        typed.id(),
                        asking,
                        Map.of("confirmed", "Tick this to log it anyway, or change what you log."),
                        "Not logged yet: this would break a rule (see the warning by the button). Log it anyway only"
                                + " if it really happened.");
                return invalidOn(user, id, asked);
            }
            ThreadBodies.TouchView logged = portal.threads()
                    .logTouch(user, id, request, Optional.empty())
                    .view();
            return Portal.seeOther("/interviews/" + id + "?saved=" + saved + "&touch=" + logged.id());
        } catch (ProblemException e) {
            return problemOn(user, id, typed, e, Map.of());
        }
    }

    private static Map<String, String> withConfirm(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put("askConfirm", "yes");
        return copy;
    }

    @POST
    @Path("/{id}/replies")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reply(@Auth UserPrincipal user, @PathParam("id") long id, MultivaluedMap<String, String> form) {
        FormState typed = FormState.typed("reply", form);
        Map<String, String> values = typed.values();
        Viewer viewer = portal.viewer(user);
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Long> from = parseLong(values.get("fromContactId"));
        Optional<ReplyKind> kind = parseEnum(ReplyKind.class, values.get("kind"));
        Optional<OffsetDateTime> receivedAt = Texts.parseLocal(values.get("receivedAt"), viewer.zone());
        Optional<LocalDate> newDate = Texts.parseDate(values.get("newDecisionDate"));
        if (from.isEmpty()) {
            errors.put("fromContactId", "Choose who answered.");
        }
        if (kind.isEmpty()) {
            errors.put("kind", "Choose what the answer said.");
        }
        if (receivedAt.isEmpty()) {
            errors.put("receivedAt", "Enter when it arrived.");
        }
        if (!blank(values.get("newDecisionDate")) && newDate.isEmpty()) {
            errors.put("newDecisionDate", "Enter a date such as 2026-04-14.");
        }
        if (!errors.isEmpty()) {
            return invalidOn(user, id, typed.withErrors(errors, "The reply was not logged: see below."));
        }
        try {
            portal.threads()
                    .logReply(
                            user,
                            id,
                            new ThreadBodies.ReplyRequest(
                                    from.get(), receivedAt.get(), kind.get(), newDate.orElse(null)),
                            Optional.empty());
            return Portal.seeOther("/interviews/" + id + "?saved=reply");
        } catch (ProblemException e) {
            return problemOn(user, id, typed, e, Map.of());
        }
    }

    private NoteFeedback check(UserPrincipal user, long id, long recipient, String text) {
        ThreadBodies.NoteCheckView result =
                portal.threads().checkNote(user, id, new ThreadBodies.DraftRequest(recipient, text));
        List<Finding> findings = result.findings().stream()
                .map(finding -> new Finding(finding.rule(), finding.severity(), finding.message()))
                .toList();
        return new NoteFeedback(
                findings,
                result.wordCount(),
                result.thanksPresent(),
                result.interestPresent(),
                result.specificPresent(),
                // R16: a note that shares nothing, or less than half a percent, is not "most alike" (issue 16).
                result.mostSimilarNote()
                        .filter(similar -> Math.round(similar.similarity() * 100) > 0)
                        .map(similar ->
                                similar.recipient() + " (" + Math.round(similar.similarity() * 100) + "% alike)")
                        .orElse(""));
    }

    private Response invalidOn(UserPrincipal user, long id, FormState form) {
        return invalid(page(user, id, Map.of(form.id(), form), Optional.empty(), null, Optional.empty()));
    }

    private Response problemOn(
            UserPrincipal user, long id, FormState typed, ProblemException e, Map<String, String> fieldNames) {
        if (e.problem().status() == 404 || e.problem().status() >= 500) {
            throw e;
        }
        return invalidOn(user, id, typed.withProblem(e, fieldNames));
    }

    private static Response invalid(PortalView view) {
        return Response.status(400).entity(view).build();
    }

    private PortalView page(
            UserPrincipal user,
            long id,
            Map<String, FormState> typed,
            Optional<NoteFeedback> feedback,
            String saved,
            Optional<Long> savedTouch) {
        Viewer viewer = portal.viewer(user);
        ZoneId zone = viewer.zone();
        InterviewBodies.InterviewView interview = portal.interviews().get(user, id);
        PlanView plan = portal.interviews().plan(user, id);
        // Retracted ones too: the timeline shows them struck through with their reason (decision 0019).
        List<ThreadBodies.TouchView> touches = portal.threads().touches(user, id, true);
        List<ThreadBodies.ReplyView> replies = portal.threads().replies(user, id, true);
        List<CompanyBodies.ContactView> contacts = portal.companies().contacts(user, interview.companyId());

        Set<Long> interviewerIds = new java.util.HashSet<>();
        interview.interviewers().forEach(interviewer -> interviewerIds.add(interviewer.contactId()));
        Set<Long> thanked = new java.util.HashSet<>();
        touches.stream()
                .filter(touch -> touch.kind() == TouchKind.THANK_YOU
                        && touch.retraction().isEmpty())
                .forEach(touch -> thanked.add(touch.recipientId()));
        Map<Long, String> names = new HashMap<>();
        List<ContactLine> contactLines = new ArrayList<>();
        for (CompanyBodies.ContactView contact : contacts) {
            names.put(contact.id(), contact.name());
            contactLines.add(new ContactLine(
                    contact.id(),
                    contact.name(),
                    contact.title() == null ? "" : contact.title(),
                    contact.businessEmail().orElse(""),
                    interviewerIds.contains(contact.id()),
                    thanked.contains(contact.id())));
        }
        contactLines.sort(
                java.util.Comparator.comparing(ContactLine::interviewer).reversed());
        String now = Texts.input(portal.services().clock().instant(), zone);

        Map<String, FormState> forms = new HashMap<>();
        Map<String, String> timelineValues = new HashMap<>();
        interview.timeline().ifPresent(timeline -> {
            timeline.decisionDate().ifPresent(date -> timelineValues.put("decisionDate", date.toString()));
            timeline.preferredChannel().ifPresent(channel -> timelineValues.put("preferredChannel", channel.name()));
            timeline.preferredSpacing()
                    .ifPresent(spacing -> timelineValues.put("spacingDays", Long.toString(spacing.toDays())));
            timeline.notes().ifPresent(notes -> timelineValues.put("nextStepNotes", notes));
            timelineValues.put("version", Integer.toString(timeline.version()));
        });
        forms.put("timeline", FormState.of("timeline", timelineValues));
        Map<String, String> debriefValues = new HashMap<>();
        interview.debrief().ifPresent(debrief -> {
            debriefValues.put("notes", debrief.notes());
            debriefValues.put("unasked", String.join("\n", debrief.unaskedQuestions()));
            debrief.concerns()
                    .forEach(concern -> debriefValues.put("concern-" + concern.contactId(), concern.concern()));
            debriefValues.put("version", Integer.toString(debrief.version()));
        });
        forms.put("debrief", FormState.of("debrief", debriefValues));
        String firstUnthanked = interview.interviewers().stream()
                .map(InterviewBodies.Interviewer::contactId)
                .filter(contact -> !thanked.contains(contact))
                .findFirst()
                .map(Object::toString)
                .orElse("");
        forms.put(
                "thankYou",
                FormState.of(
                        "thankYou",
                        Map.of("recipientId", firstUnthanked, "channel", Channel.EMAIL.name(), "sentAt", now)));
        forms.put(
                "touch",
                FormState.of(
                        "touch",
                        Map.of(
                                "kind",
                                TouchKind.STATUS_CHECK.name(),
                                "channel",
                                Channel.EMAIL.name(),
                                "sentAt",
                                now,
                                "recipientId",
                                interview.interviewers().isEmpty()
                                        ? ""
                                        : Long.toString(
                                                interview.interviewers().get(0).contactId()))));
        forms.put("reply", FormState.of("reply", Map.of("receivedAt", now, "kind", ReplyKind.UPDATE.name())));
        forms.put(
                "outcome",
                FormState.of(
                        "outcome",
                        interview
                                .outcome()
                                .map(outcome -> Map.of(
                                        "kind",
                                        outcome.kind().name(),
                                        "at",
                                        Texts.input(outcome.at().toInstant(), zone)))
                                .orElse(Map.of("at", now))));
        forms.putAll(typed);

        List<PlanLines.StepLine> steps =
                new ArrayList<>(PlanLines.steps(plan, interview.companyName(), interview.role(), zone));
        steps.sort(PlanLines.URGENCY);

        Map<String, Object> model = new HashMap<>();
        model.put("interview", interview);
        model.put(
                "start",
                Texts.when(interview.start(), zone)
                        + Texts.alsoIn(interview.start().toInstant(), zone, ZoneId.of(plan.zone())));
        model.put("end", Texts.when(interview.end(), zone));
        model.put("format", Texts.label(interview.format()));
        model.put(
                "decisionDate",
                interview
                        .timeline()
                        .flatMap(InterviewBodies.TimelineView::decisionDate)
                        .map(Texts::day)
                        .orElse(""));
        model.put(
                "nextStepNotes",
                interview
                        .timeline()
                        .flatMap(InterviewBodies.TimelineView::notes)
                        .orElse(""));
        model.put("steps", steps);
        model.put("breaches", PlanLines.breaches(plan, zone));
        model.put("advice", PlanLines.advice(plan));
        model.put("history", PlanLines.history(plan, touches, replies, names, zone));
        model.put("thread", Texts.label(plan.thread()));
        model.put(
                "coverage",
                coverage(
                        plan.thankYouCoverage().thanked(),
                        plan.thankYouCoverage().met()));
        model.put("contacts", contactLines);
        model.put("forms", forms);
        model.put("channels", channelOptions());
        model.put("touchKinds", touchKindOptions());
        model.put("replyKinds", options(ReplyKind.values()));
        model.put("outcomeKinds", options(OutcomeKind.values()));
        model.put(
                "outcome",
                interview
                        .outcome()
                        .map(outcome -> Texts.label(outcome.kind()) + ", " + Texts.when(outcome.at(), zone))
                        .orElse(""));
        model.put(
                "rejected",
                interview
                        .outcome()
                        .map(outcome -> outcome.kind() == OutcomeKind.REJECTION)
                        .orElse(false));
        model.put("thanksAfterRejection", Texts.rule(RuleId.R19));
        model.put("forbidden", FORBIDDEN);
        // After a touch is logged, the banner says what it broke instead of a plain "Logged." (issue 16).
        Optional<String> broke = savedTouch.flatMap(touchId -> broke(plan, touches, touchId, zone));
        model.put("saved", broke.orElse(savedMessage(saved)));
        model.put("savedBroke", broke.isPresent());
        model.put("open", openNow(plan, interview, typed, feedback.isPresent()));
        model.put(
                "checkNotYet",
                plan.steps().stream()
                        .anyMatch(step -> step.kind() == StepKind.STATUS_CHECK && step.state() == StepState.NOT_YET));
        model.put("concerns", concerns(interview));
        feedback.ifPresent(found -> model.put("feedback", found));
        return new PortalView("interview", viewer, interview.companyName() + ": " + interview.role(), model);
    }

    /** "Logged, but it breaks a rule: Status check 1 sent too early (R6)."; empty when the touch broke none. */
    private static Optional<String> broke(
            PlanView plan, List<ThreadBodies.TouchView> touches, long touchId, ZoneId zone) {
        Optional<ThreadBodies.TouchView> touch =
                touches.stream().filter(one -> one.id() == touchId).findFirst();
        if (touch.isEmpty() || touch.get().breaches().isEmpty()) {
            return Optional.empty();
        }
        Optional<String> onStep = plan.steps().stream()
                .filter(step -> step.doneByTouchId().equals(Optional.of(touchId)))
                .findFirst()
                .flatMap(step -> step.outcome()
                        .map(words -> PlanLines.kindLabel(step.kind(), step.sequence())
                                + step.contactName().map(name -> " to " + name).orElse("") + ": " + words));
        String details = touch.get().breaches().stream()
                .map(breach -> BreachWords.reword(breach.explanation(), zone) + " (" + breach.rule() + ")")
                .collect(java.util.stream.Collectors.joining(" "));
        return Optional.of("Logged, but it breaks a rule. "
                + onStep.map(words -> words + ". ").orElse("") + details);
    }

    /** R3 coverage in words: "Your interviewer is thanked", "All 3 interviewers thanked", "1 of 3 interviewers thanked". */
    static String coverage(int thanked, int met) {
        if (met == 1) {
            return thanked == 1 ? "Your interviewer is thanked" : "Your interviewer is not thanked yet";
        }
        if (thanked == met) {
            return "All " + met + " interviewers thanked";
        }
        return thanked + " of " + met + " interviewers thanked";
    }

    /**
     * Which forms are open now; the others fold away. A form that came back with errors is always open. The
     * thank-you while someone is not thanked; a status check once one may go out (not while checks are "not yet");
     * the next steps (R5) and the debrief (R4) until they are recorded; a reply while the thread waits on the company.
     */
    private static Map<String, Boolean> openNow(
            PlanView plan, InterviewBodies.InterviewView interview, Map<String, FormState> typed, boolean checked) {
        boolean decided = interview.outcome().isPresent();
        boolean someoneUnthanked =
                plan.thankYouCoverage().thanked() < plan.thankYouCoverage().met();
        boolean thankYouOpen = plan.steps().stream()
                .anyMatch(step -> (step.kind() == StepKind.THANK_YOU || step.kind() == StepKind.THANKS_AFTER_REJECTION)
                        && openState(step.state()));
        boolean checkDue =
                plan.steps().stream().anyMatch(step -> step.kind() == StepKind.STATUS_CHECK && openState(step.state()));
        Map<String, Boolean> open = new HashMap<>();
        open.put(
                "thankYou", typed.containsKey("thankYou") || checked || (someoneUnthanked && !decided) || thankYouOpen);
        open.put("touch", typed.containsKey("touch") || checkDue);
        open.put(
                "reply",
                typed.containsKey("reply")
                        || (!decided
                                && plan.steps().stream()
                                        .anyMatch(step -> step.kind() == StepKind.STATUS_CHECK
                                                && step.state().isDone())));
        open.put("outcome", typed.containsKey("outcome"));
        open.put(
                "timeline",
                typed.containsKey("timeline") || interview.timeline().isEmpty());
        open.put("debrief", typed.containsKey("debrief") || interview.debrief().isEmpty());
        return open;
    }

    private static boolean openState(StepState state) {
        return switch (state) {
            case OPEN, DUE_SOON, OVERDUE -> true;
            case NOT_YET, DONE_ON_TIME, DONE_LATE, MISSED, NOT_NEEDED -> false;
        };
    }

    /** What each interviewer raised, from the debrief, to answer in their thank-you (R14 may address a concern). */
    private static List<Map<String, String>> concerns(InterviewBodies.InterviewView interview) {
        Map<Long, String> names = new HashMap<>();
        interview.interviewers().forEach(person -> names.put(person.contactId(), person.name()));
        List<Map<String, String>> lines = new ArrayList<>();
        interview.debrief().ifPresent(debrief -> debrief.concerns()
                .forEach(concern -> lines.add(Map.of(
                        "contactId",
                        Long.toString(concern.contactId()),
                        "name",
                        names.getOrDefault(concern.contactId(), "Your interviewer"),
                        "concern",
                        concern.concern()))));
        return lines;
    }

    private static String savedMessage(String saved) {
        if (saved == null) {
            return "";
        }
        return switch (saved) {
            case "interview" -> "Interview recorded. Your next steps are below.";
            case "timeline" -> "Next steps saved.";
            case "debrief" -> "Debrief saved.";
            case "thank-you" -> "Thank-you logged as sent.";
            case "touch" -> "Logged.";
            case "reply" -> "Reply logged.";
            case "outcome" -> "Outcome saved.";
            case "corrected" -> "Corrected. The plan below follows the corrected version.";
            case "retracted" -> "Retracted. It is kept, struck through, and no longer counts.";
            default -> "";
        };
    }

    // ---- parsing

    /** The API's limit on what was said about next steps (R5); the form field is "nextStepNotes". */
    static final int MAX_NEXT_STEP_NOTES = 4000;

    private static String timelineError(String field) {
        return switch (field) {
            case "decisionDate" -> "Enter a date such as 2026-04-14.";
            case "spacingDays" -> "Enter a number of days between 1 and 90.";
            case "nextStepNotes" -> "Keep it under " + MAX_NEXT_STEP_NOTES + " characters.";
            default -> "Enter a valid value.";
        };
    }

    private static Optional<InterviewBodies.TimelineRequest> timelineRequest(
            Map<String, String> values, Integer version) {
        String dateText = values.get("decisionDate");
        Optional<LocalDate> date = Texts.parseDate(dateText);
        if (!blank(dateText) && date.isEmpty()) {
            throw new IllegalArgumentException("decisionDate");
        }
        Optional<Channel> channel = parseEnum(Channel.class, values.get("preferredChannel"));
        String spacingText = values.get("spacingDays");
        Optional<Long> spacingDays = parseLong(spacingText);
        if (!blank(spacingText) && (spacingDays.isEmpty() || spacingDays.get() < 1 || spacingDays.get() > 90)) {
            throw new IllegalArgumentException("spacingDays");
        }
        String notes = Texts.blankToNull(values.get("nextStepNotes"));
        if (notes != null && notes.length() > MAX_NEXT_STEP_NOTES) {
            throw new IllegalArgumentException("nextStepNotes");
        }
        if (date.isEmpty() && channel.isEmpty() && spacingDays.isEmpty() && notes == null && version == null) {
            return Optional.empty();
        }
        return Optional.of(new InterviewBodies.TimelineRequest(
                date.orElse(null),
                channel.orElse(null),
                spacingDays.map(Duration::ofDays).orElse(null),
                notes,
                version));
    }

    private ZoneId candidateZone(UserPrincipal user, Long candidateId) {
        if (user.role() == Role.CANDIDATE || candidateId == null) {
            return portal.viewer(user).zone();
        }
        return portal.candidates().zoneOf(user, candidateId).orElse(portal.agencyZone());
    }

    static int rows(String value) {
        return parseLong(value)
                .map(Long::intValue)
                .filter(rows -> rows >= 1 && rows <= MAX_ROWS)
                .orElse(DEFAULT_ROWS);
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static Optional<Long> parseLong(String value) {
        if (blank(value)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static <E extends Enum<E>> Optional<E> parseEnum(Class<E> type, String value) {
        if (blank(value)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, value.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static List<Option> options(Enum<?>[] values) {
        return Arrays.stream(values)
                .map(value -> new Option(value.name(), Texts.label(value)))
                .toList();
    }

    static List<Option> channelOptions() {
        return Arrays.stream(Channel.values())
                .map(channel -> new Option(
                        channel.name(),
                        Texts.label(channel) + (FORBIDDEN.containsKey(channel.name()) ? " (breaks a rule)" : "")))
                .toList();
    }

    static List<Option> touchKindOptions() {
        return EnumSet.complementOf(EnumSet.of(TouchKind.THANK_YOU)).stream()
                .map(kind -> new Option(
                        kind.name(),
                        Texts.label(kind) + (FORBIDDEN.containsKey(kind.name()) ? " (breaks a rule)" : "")))
                .toList();
    }
}
