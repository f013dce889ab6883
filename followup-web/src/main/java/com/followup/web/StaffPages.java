package com.followup.web;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.candidates.CandidateBodies;
import com.followup.api.companies.CompanyBodies;
import com.followup.api.dashboard.DashboardBodies;
import com.followup.api.dashboard.Reasons;
import com.followup.api.interviews.InterviewBodies;
import com.followup.api.policy.PolicyDocument;
import com.followup.api.problem.ProblemException;
import com.followup.api.representations.PlanView;
import com.followup.core.model.Channel;
import com.followup.core.model.ContactRole;
import com.followup.core.rules.ThreadStatus;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The recruiters' dashboard, a candidate's page with every interview, a company's page. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class StaffPages {
    static final int PAGE_SIZE = 20;

    /**
     * A dashboard row as the page shows it (issue 16): why it stands where it does, the step to do, and what the
     * recruiter plans around; times in the viewer's zone.
     */
    public record DashboardRow(
            long candidateId,
            String name,
            int interviews,
            int due,
            int overdue,
            int breaches,
            int waiting,
            long urgentInterviewId,
            String urgent,
            String urgentState,
            String urgentWhen,
            String urgentRules,
            String priority,
            String priorityLabel,
            String reason,
            boolean newBreaches,
            long latestBreachInterviewId,
            String latestBreach,
            String latestBreachWhen,
            long nextInterviewId,
            String nextInterview,
            List<String> endedWithoutAnswer,
            String lastContact) {}

    public record CandidateInterview(
            long id,
            long companyId,
            String company,
            String role,
            String when,
            List<PlanLines.StepLine> steps,
            List<PlanLines.BreachLine> breaches,
            List<PlanLines.HistoryLine> history) {}

    public record Speed(long threads, long answered, String median, String p90) {}

    private final Portal portal;

    public StaffPages(Portal portal) {
        this.portal = requireNonNull(portal, "portal is null");
    }

    @GET
    @Path("dashboard")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    public PortalView dashboard(
            @Auth UserPrincipal user,
            @QueryParam("state") @DefaultValue("ALL") String state,
            @QueryParam("companyId") Long companyId,
            @QueryParam("candidateId") Long candidateId,
            @QueryParam("offset") @DefaultValue("0") long offset,
            @QueryParam("seen") Boolean seen) {
        Viewer viewer = portal.viewer(user);
        DashboardBodies.Filter chosen = InterviewPages.parseEnum(
                        DashboardBodies.Filter.class, state.toUpperCase(Locale.ROOT))
                .orElse(DashboardBodies.Filter.ALL);
        String filter = chosen.name();
        long start = Math.max(0, offset);
        DashboardBodies.Dashboard dashboard = portal.dashboards()
                .show(
                        user,
                        new DashboardBodies.Query(
                                Optional.empty(),
                                Optional.ofNullable(companyId),
                                Optional.ofNullable(candidateId),
                                chosen,
                                DashboardBodies.Sort.URGENCY,
                                PAGE_SIZE,
                                start));
        Instant now = portal.services().clock().instant();
        List<DashboardRow> rows = dashboard.items().stream()
                .map(row -> dashboardRow(row, viewer, now))
                .toList();
        Map<String, String> query = new HashMap<>();
        query.put("state", filter);
        query.put("companyId", companyId == null ? "" : companyId.toString());
        query.put("candidateId", candidateId == null ? "" : candidateId.toString());
        Map<String, Object> model = new HashMap<>();
        model.put("counts", dashboard.counts());
        // Interviews whose stored records break a rule have no plan (issue 14): named above the list, not hidden.
        model.put("cannotBeEvaluated", dashboard.cannotBeEvaluated());
        model.put("rows", rows);
        model.put("states", InterviewPages.options(DashboardBodies.Filter.values()));
        model.put("state", filter);
        model.put("companyId", companyId == null ? "" : companyId.toString());
        model.put("candidateId", candidateId == null ? "" : candidateId.toString());
        model.put(
                "companies",
                portal.companies().list(user, null, 500, 0).items().stream()
                        .map(company -> new InterviewPages.Option(Long.toString(company.id()), company.name()))
                        .toList());
        model.put(
                "candidates",
                portal.candidates().list(user, null, null, 500, 0).items().stream()
                        .map(candidate -> new InterviewPages.Option(Long.toString(candidate.id()), candidate.name()))
                        .toList());
        model.put("pager", Pager.of("/dashboard", start, PAGE_SIZE, dashboard.total(), query));
        model.put("seen", seen != null && seen);
        return new PortalView("dashboard", viewer, "Dashboard", model);
    }

    private static DashboardRow dashboardRow(DashboardBodies.CandidateRow row, Viewer viewer, Instant now) {
        Optional<DashboardBodies.NextStep> next = row.mostUrgent();
        Optional<DashboardBodies.LatestBreach> breach = row.latestBreach();
        Optional<DashboardBodies.NextInterview> interview = row.nextInterview();
        return new DashboardRow(
                row.candidateId(),
                row.name(),
                row.interviews(),
                row.due(),
                row.overdue(),
                row.breaches(),
                row.waitingOnCompany(),
                next.map(DashboardBodies.NextStep::interviewId).orElse(0L),
                next.map(step -> PlanLines.kindLabel(step.kind(), 1).replace(" 1", "") + " (" + step.company() + ")")
                        .orElse(""),
                next.map(step -> Texts.label(step.state())).orElse(""),
                next.flatMap(DashboardBodies.NextStep::deadline)
                        .map(at -> Texts.when(at, viewer.zone()))
                        .orElse(""),
                next.map(step -> String.join(", ", step.rules())).orElse(""),
                row.priority().name().toLowerCase(Locale.ROOT),
                priorityLabel(row.priority()),
                // Worded again in the viewer's zone, like every other time on the page (the API's is the candidate's).
                Reasons.of(row, Optional.of(viewer.zone()), now),
                row.newBreaches(),
                breach.map(DashboardBodies.LatestBreach::interviewId).orElse(0L),
                breach.map(DashboardBodies.LatestBreach::text).orElse(""),
                breach.map(each -> Texts.when(each.at(), viewer.zone())).orElse(""),
                interview.map(DashboardBodies.NextInterview::interviewId).orElse(0L),
                interview
                        .map(each -> each.company() + ", " + Texts.when(each.start(), viewer.zone()))
                        .orElse(""),
                row.endedWithoutAnswer().stream()
                        .map(thread -> thread.company()
                                + (thread.status() == ThreadStatus.CLOSED_NO_REPLY_EXPECTED
                                        ? ": does not reply (R18)"
                                        : ": no answer, closed as no response (R8)"))
                        .toList(),
                row.lastContact()
                        .map(contact -> ("COMPANY".equals(contact.by())
                                        ? "Reply from " + contact.company()
                                        : "To " + contact.company())
                                + ", " + Texts.when(contact.at(), viewer.zone()))
                        .orElse(""));
    }

    private static String priorityLabel(DashboardBodies.Priority priority) {
        return switch (priority) {
            case OVERDUE -> "Overdue";
            case DUE_SOON -> "Due soon";
            case DUE -> "Due";
            case NEW_BREACHES -> "New breaches";
            case WAITING -> "Waiting";
            case NOTHING_TO_DO -> "Nothing to do now";
        };
    }

    /**
     * Marks a candidate's breaches as seen by the viewer (issue 16), then back to the dashboard (POST, redirect, GET):
     * the row no longer ranks as "new breaches" for this viewer. 404 for a candidate the viewer does not see.
     */
    @POST
    @Path("dashboard/candidates/{id}/breaches-seen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    public Response markBreachesSeen(@Auth UserPrincipal user, @PathParam("id") long id) {
        portal.dashboards().markBreachesSeen(user, id);
        return Portal.seeOther("/dashboard?seen=true");
    }

    @GET
    @Path("candidates/{id}")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public PortalView candidate(
            @Auth UserPrincipal user, @PathParam("id") long id, @QueryParam("offset") @DefaultValue("0") long offset) {
        Viewer viewer = portal.viewer(user);
        CandidateBodies.CandidateView candidate = portal.candidates().get(user, id);
        long start = Math.max(0, offset);
        var page = portal.interviews().list(user, id, null, 10, start);
        List<CandidateInterview> interviews = new ArrayList<>();
        for (InterviewBodies.InterviewView interview : page.items()) {
            PlanView plan = portal.interviews().plan(user, interview.id());
            Map<Long, String> names = new HashMap<>();
            portal.companies()
                    .contacts(user, interview.companyId())
                    .forEach(contact -> names.put(contact.id(), contact.name()));
            List<PlanLines.StepLine> steps =
                    new ArrayList<>(PlanLines.steps(plan, interview.companyName(), interview.role(), viewer.zone()));
            steps.sort(PlanLines.URGENCY);
            interviews.add(new CandidateInterview(
                    interview.id(),
                    interview.companyId(),
                    interview.companyName(),
                    interview.role(),
                    Texts.when(interview.start(), viewer.zone())
                            + Texts.alsoIn(interview.start().toInstant(), viewer.zone(), ZoneId.of(plan.zone())),
                    steps,
                    PlanLines.breaches(plan, viewer.zone()),
                    PlanLines.history(
                            plan,
                            portal.threads().touches(user, interview.id()),
                            portal.threads().replies(user, interview.id()),
                            names,
                            viewer.zone())));
        }
        List<String> recruiters = new ArrayList<>();
        if (viewer.staff()) {
            recruiters.addAll(portal.candidates().recruiterNames(user, id));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("candidate", candidate);
        // Staff read times in their own zone; the candidate's clock beside it says when a call would reach them.
        model.put("candidateNow", Texts.when(portal.services().clock().instant(), ZoneId.of(candidate.zone())));
        model.put("recruiters", recruiters);
        model.put("interviews", interviews);
        model.put("pager", Pager.of("/candidates/" + id, start, 10, page.total(), Map.of()));
        return new PortalView("candidate", viewer, candidate.name(), model);
    }

    @GET
    @Path("companies/{id}")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public PortalView company(
            @Auth UserPrincipal user,
            @PathParam("id") long id,
            @QueryParam("saved") String saved,
            @QueryParam("contact") String contact) {
        Optional<Long> editing = InterviewPages.parseLong(contact);
        Optional<FormState> contactForm = Optional.empty();
        if (editing.isPresent() && portal.viewer(user).staff()) {
            CompanyBodies.ContactView shown = portal.companies().contact(user, editing.get());
            if (shown.companyId() != id) {
                throw com.followup.api.problem.ProblemException.notFound("Contact " + editing.get());
            }
            Map<String, String> values = new LinkedHashMap<>();
            values.put("contactId", Long.toString(shown.id()));
            values.put("version", Integer.toString(shown.version()));
            values.put("name", shown.name());
            values.put("title", shown.title() == null ? "" : shown.title());
            values.put("role", shown.role().name());
            values.put("businessEmail", shown.businessEmail().orElse(""));
            values.put("businessPhone", shown.businessPhone().orElse(""));
            values.put("linkedInUrl", shown.linkedInUrl().orElse(""));
            contactForm = Optional.of(FormState.of("contact", values));
        }
        String message =
                "overrides".equals(saved) ? "Overrides saved." : "contact".equals(saved) ? "Contact saved." : "";
        return companyPage(user, id, Optional.empty(), message, contactForm);
    }

    /**
     * Issue 16: staff add a contact to the company, or change one ({@code contactId} and {@code version}), with the
     * API's checks (the request's bean validation, then the service's); then a redirect.
     */
    @POST
    @Path("companies/{id}/contacts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    public Response saveContact(
            @Auth UserPrincipal user, @PathParam("id") long id, MultivaluedMap<String, String> form) {
        FormState typed = FormState.typed("contact", form);
        Map<String, String> values = typed.values();
        Optional<Long> contactId = InterviewPages.parseLong(values.get("contactId"));
        Optional<ContactRole> role = InterviewPages.parseEnum(ContactRole.class, values.get("role"));
        CompanyBodies.ContactRequest request = new CompanyBodies.ContactRequest(
                values.getOrDefault("name", "").trim(),
                Texts.blankToNull(values.get("title")),
                role.orElse(null),
                Texts.blankToNull(values.get("businessEmail")),
                Texts.blankToNull(values.get("businessPhone")),
                Texts.blankToNull(values.get("linkedInUrl")),
                InterviewPages.parseLong(values.get("version"))
                        .map(Long::intValue)
                        .orElse(null));
        var violations = portal.validator().validate(request);
        if (!violations.isEmpty()) {
            return contactRefused(
                    user,
                    id,
                    typed.withViolations(violations).withErrors(Map.of(), "The contact was not saved: see below."),
                    400);
        }
        try {
            if (contactId.isPresent()) {
                CompanyBodies.ContactView existing = portal.companies().contact(user, contactId.get());
                if (existing.companyId() != id) {
                    throw com.followup.api.problem.ProblemException.notFound("Contact " + contactId.get());
                }
                portal.companies().updateContact(user, contactId.get(), request);
            } else {
                portal.companies().createContact(user, id, request);
            }
            return Portal.seeOther("/companies/" + id + "?saved=contact");
        } catch (ProblemException e) {
            if (e.problem().status() == 404 || e.problem().status() >= 500) {
                throw e;
            }
            return contactRefused(
                    user, id, typed.withProblem(e, Map.of()), e.problem().status() == 409 ? 409 : 400);
        }
    }

    private Response contactRefused(UserPrincipal user, long id, FormState shown, int status) {
        return Response.status(status)
                .entity(companyPage(user, id, Optional.empty(), "", Optional.of(shown)))
                .build();
    }

    /** R7, R8, R10/R11, R18: what this company asked for, over the agency policy. Staff only. */
    @POST
    @Path("companies/{id}/overrides")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    public Response overrides(@Auth UserPrincipal user, @PathParam("id") long id, MultivaluedMap<String, String> form) {
        CompanyBodies.CompanyView company = portal.companies().get(user, id);
        FormState typed = FormState.typed("overrides", form);
        Map<String, String> values = typed.values();
        Map<String, String> errors = new LinkedHashMap<>();
        String spacingText = values.get("spacingDays");
        Optional<Long> spacingDays = InterviewPages.parseLong(spacingText);
        if (!InterviewPages.blank(spacingText)
                && (spacingDays.isEmpty() || spacingDays.get() < 1 || spacingDays.get() > 90)) {
            errors.put("spacingDays", "Enter a number of days between 1 and 90, or leave it empty.");
        }
        String limitText = values.get("statusCheckLimit");
        Optional<Long> limit = InterviewPages.parseLong(limitText);
        if (!InterviewPages.blank(limitText) && (limit.isEmpty() || limit.get() < 1 || limit.get() > 10)) {
            errors.put("statusCheckLimit", "Enter a number between 1 and 10, or leave it empty.");
        }
        Optional<Channel> channel = InterviewPages.parseEnum(Channel.class, values.get("preferredChannel"));
        if (!InterviewPages.blank(values.get("preferredChannel")) && channel.isEmpty()) {
            errors.put("preferredChannel", "Choose a channel.");
        }
        if (!errors.isEmpty()) {
            return Response.status(400)
                    .entity(companyPage(
                            user, id, Optional.of(typed.withErrors(errors, "The overrides were not saved.")), false))
                    .build();
        }
        CompanyBodies.CompanyRequest request = new CompanyBodies.CompanyRequest(
                company.name(),
                spacingDays.map(Duration::ofDays).orElse(null),
                limit.map(Long::intValue).orElse(null),
                channel.orElse(null),
                "yes".equals(values.get("doesNotReply")),
                InterviewPages.parseLong(values.get("version"))
                        .map(Long::intValue)
                        .orElse(null));
        try {
            portal.companies().update(user, id, request);
            return Portal.seeOther("/companies/" + id + "?saved=overrides");
        } catch (ProblemException e) {
            if (e.problem().status() == 404 || e.problem().status() >= 500) {
                throw e;
            }
            return Response.status(e.problem().status() == 409 ? 409 : 400)
                    .entity(companyPage(user, id, Optional.of(typed.withProblem(e, Map.of())), false))
                    .build();
        }
    }

    /** The company page lists at most this many interviews, newest first as the list gives them. */
    private static final int COMPANY_INTERVIEWS = 100;

    private PortalView companyPage(UserPrincipal user, long id, Optional<FormState> typed, boolean saved) {
        return companyPage(user, id, typed, saved ? "Overrides saved." : "", Optional.empty());
    }

    private PortalView companyPage(
            UserPrincipal user, long id, Optional<FormState> typed, String saved, Optional<FormState> contactForm) {
        Viewer viewer = portal.viewer(user);
        CompanyBodies.CompanyView company = portal.companies().get(user, id);
        List<CompanyBodies.ContactView> contacts = portal.companies().contacts(user, id);
        CompanyBodies.Overrides overrides = company.overrides();
        List<String[]> overrideLines = new ArrayList<>();
        overrides
                .spacing()
                .ifPresent(spacing -> overrideLines.add(
                        new String[] {"R7 spacing", spacing.toDays() + " days between unanswered follow-ups"}));
        overrides
                .statusCheckLimit()
                .ifPresent(limit ->
                        overrideLines.add(new String[] {"R8 limit", limit + " unanswered status checks at most"}));
        overrides
                .preferredChannel()
                .ifPresent(channel -> overrideLines.add(new String[] {
                    "R10 channel-order", "prefers " + Texts.label(channel).toLowerCase(Locale.ROOT)
                }));
        if (overrides.doesNotReply()) {
            overrideLines.add(new String[] {"R18 company-does-not-reply", "does not answer follow-ups"});
        }
        Speed speed = speed(user, id);
        Map<String, Object> model = new HashMap<>();
        model.put("company", company);
        model.put(
                "contacts",
                contacts.stream()
                        .map(contact -> new InterviewPages.ContactLine(
                                contact.id(),
                                contact.name(),
                                contact.title() == null ? "" : contact.title(),
                                contact.businessEmail().orElse(""),
                                false,
                                false))
                        .toList());
        model.put("overrides", overrideLines);
        model.put("speed", speed);
        model.put("doesNotReply", overrides.doesNotReply());
        // The agency's interviews at this company that the viewer may see (their own, their candidates', or all).
        com.followup.api.representations.Page<com.followup.api.interviews.InterviewBodies.InterviewView> atCompany =
                portal.interviews().list(user, null, id, COMPANY_INTERVIEWS, 0);
        model.put(
                "interviews",
                atCompany.items().stream()
                        .map(interview -> Map.of(
                                "id", Long.toString(interview.id()),
                                "candidate", interview.candidateName(),
                                "role", interview.role() == null ? "" : interview.role(),
                                "when", Texts.when(interview.start(), viewer.zone())))
                        .toList());
        model.put("interviewsTotal", atCompany.total());
        model.put(
                "candidatesAtCompany",
                atCompany.items().stream()
                        .map(com.followup.api.interviews.InterviewBodies.InterviewView::candidateName)
                        .distinct()
                        .sorted()
                        .toList());
        Map<String, String> values = new LinkedHashMap<>();
        overrides.spacing().ifPresent(spacing -> values.put("spacingDays", Long.toString(spacing.toDays())));
        overrides.statusCheckLimit().ifPresent(limit -> values.put("statusCheckLimit", limit.toString()));
        overrides.preferredChannel().ifPresent(channel -> values.put("preferredChannel", channel.name()));
        if (overrides.doesNotReply()) {
            values.put("doesNotReply", "yes");
        }
        values.put("version", Integer.toString(company.version()));
        model.put("form", typed.orElse(FormState.of("overrides", values)));
        model.put("channels", InterviewPages.channelOptions());
        PolicyDocument policy = portal.policies().get();
        model.put(
                "agencyDefaults",
                Map.of(
                        "spacing", policy.spacing().toDays() + " days",
                        "limit", policy.statusCheckLimit().toString(),
                        "channel", Texts.label(policy.firstStatusCheckChannel())));
        model.put("saved", saved);
        model.put(
                "contactForm",
                contactForm.orElse(FormState.of("contact", Map.of("role", ContactRole.RECRUITER.name()))));
        model.put(
                "contactRoles",
                java.util.Arrays.stream(ContactRole.values())
                        .map(role -> new InterviewPages.Option(role.name(), Texts.label(role)))
                        .toList());
        return new PortalView("company", viewer, company.name(), model);
    }

    /** How fast the company answers, for the page: hours below two days, days above, blank without answers. */
    private Speed speed(UserPrincipal user, long companyId) {
        CompanyBodies.ResponseSpeed speed = portal.companies().responseSpeed(user, companyId);
        return new Speed(
                speed.threads(),
                speed.answered(),
                speed.medianHours().map(StaffPages::hours).orElse(""),
                speed.p90Hours().map(StaffPages::hours).orElse(""));
    }

    private static String hours(double hours) {
        return hours < 48 ? Math.round(hours) + " h" : String.format(Locale.ENGLISH, "%.1f days", hours / 24);
    }
}
