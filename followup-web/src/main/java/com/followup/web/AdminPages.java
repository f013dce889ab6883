package com.followup.web;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.PasswordRules;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.auth.UserView;
import com.followup.api.policy.PolicyDocument;
import com.followup.api.policy.PublicHolidays;
import com.followup.api.problem.ProblemException;
import com.followup.api.representations.Page;
import com.followup.api.settings.SettingsBodies;
import com.followup.api.users.UserBodies;
import com.followup.core.ruleset.RuleId;
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
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Users and roles, assignments of candidates to recruiters, API tokens, the agency policy. */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.Names.ADMIN)
public class AdminPages {
    static final int PAGE_SIZE = 20;

    public record UserLine(long id, String email, String name, String role, boolean active) {}

    public record CandidateLine(
            long id, String name, String email, String zone, String recruiters, List<Assigned> assigned) {}

    /** A recruiter assigned to a candidate, with the id the unassign button posts. */
    public record Assigned(long id, String name) {}

    public record TokenLine(long id, String name, String user, String created, String state, boolean revoked) {}

    public record RuleLine(String id, String name, String text, String defaults) {}

    private final Portal portal;

    public AdminPages(Portal portal) {
        this.portal = requireNonNull(portal, "portal is null");
    }

    @GET
    public PortalView admin(@Auth UserPrincipal admin, @QueryParam("offset") @DefaultValue("0") long offset) {
        return page(admin, Math.max(0, offset), Map.of(), Optional.empty(), null);
    }

    @GET
    @Path("/done")
    public PortalView done(@Auth UserPrincipal admin, @QueryParam("saved") String saved) {
        return page(admin, 0, Map.of(), Optional.empty(), saved);
    }

    @POST
    @Path("/users")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createUser(@Auth UserPrincipal admin, MultivaluedMap<String, String> form) {
        FormState typed = FormState.typed("user", form);
        Map<String, String> values = typed.values();
        Optional<Role> role = InterviewPages.parseEnum(Role.class, values.get("role"));
        UserBodies.NewUser request = new UserBodies.NewUser(
                values.getOrDefault("email", "").trim(),
                values.getOrDefault("displayName", "").trim(),
                role.orElse(null),
                form.getFirst("password") == null ? "" : form.getFirst("password"),
                // A candidate's zone belongs to their candidate profile; a staff member's to their login.
                role.filter(Role.CANDIDATE::equals).isPresent()
                                || portal.agencyZone()
                                        .getId()
                                        .equals(values.getOrDefault("zone", "").trim())
                        ? null
                        : Texts.blankToNull(values.get("zone")));
        FormState shown = typed.withoutPassword();
        var violations = portal.validator().validate(request);
        Map<String, String> errors = new LinkedHashMap<>();
        String zone = values.getOrDefault("zone", "").trim();
        if (role.filter(Role.CANDIDATE::equals).isPresent() && !validZone(zone)) {
            errors.put("zone", "Enter a time zone such as Europe/Berlin.");
        }
        if (role.filter(Role.CANDIDATE::equals).isEmpty() && !zone.isEmpty() && !validZone(zone)) {
            errors.put("zone", "Enter a time zone such as Europe/Berlin, or leave it empty for the agency's.");
        }
        if (!violations.isEmpty() || !errors.isEmpty()) {
            return Response.status(400)
                    .entity(page(
                            admin,
                            0,
                            Map.of(
                                    "user",
                                    shown.withViolations(violations)
                                            .withErrors(errors, "The user was not created: see below.")),
                            Optional.empty(),
                            null))
                    .build();
        }
        try {
            if (request.role() == Role.CANDIDATE) {
                portal.users().createCandidateLogin(admin, request, zone);
            } else {
                portal.users().create(admin, request);
            }
            return Portal.seeOther("/admin/done?saved=user");
        } catch (ProblemException e) {
            return Response.status(400)
                    // A candidate login's display name is its candidate profile's name.
                    .entity(page(
                            admin,
                            0,
                            Map.of("user", shown.withProblem(e, Map.of("name", "displayName"))),
                            Optional.empty(),
                            null))
                    .build();
        }
    }

    @POST
    @Path("/assignments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response assign(@Auth UserPrincipal admin, MultivaluedMap<String, String> form) {
        FormState typed = FormState.typed("assignment", form);
        Optional<Long> candidate = InterviewPages.parseLong(typed.values().get("candidateId"));
        Optional<Long> recruiter = InterviewPages.parseLong(typed.values().get("recruiterId"));
        Map<String, String> errors = new LinkedHashMap<>();
        if (candidate.isEmpty()) {
            errors.put("candidateId", "Choose a candidate.");
        }
        if (recruiter.isEmpty()) {
            errors.put("recruiterId", "Choose a recruiter.");
        }
        if (errors.isEmpty()) {
            try {
                portal.candidates().assignRecruiter(admin, candidate.get(), recruiter.get());
                return Portal.seeOther("/admin/done?saved=assignment");
            } catch (ProblemException e) {
                return Response.status(400)
                        .entity(page(
                                admin, 0, Map.of("assignment", typed.withProblem(e, Map.of())), Optional.empty(), null))
                        .build();
            }
        }
        return Response.status(400)
                .entity(page(
                        admin,
                        0,
                        Map.of("assignment", typed.withErrors(errors, "Not assigned.")),
                        Optional.empty(),
                        null))
                .build();
    }

    /** Issue 16: takes a recruiter off a candidate (the candidate's records stay; the recruiter no longer sees them). */
    @POST
    @Path("/assignments/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response unassign(@Auth UserPrincipal admin, MultivaluedMap<String, String> form) {
        Optional<Long> candidate = InterviewPages.parseLong(form.getFirst("candidateId"));
        Optional<Long> recruiter = InterviewPages.parseLong(form.getFirst("recruiterId"));
        if (candidate.isEmpty() || recruiter.isEmpty()) {
            return Response.status(400)
                    .entity(page(
                            admin,
                            0,
                            Map.of(
                                    "assignment",
                                    FormState.empty("assignment")
                                            .withErrors(
                                                    Map.of(),
                                                    "Not unassigned: the form named no candidate" + " and recruiter.")),
                            Optional.empty(),
                            null))
                    .build();
        }
        portal.candidates().unassignRecruiter(admin, candidate.get(), recruiter.get());
        return Portal.seeOther("/admin/done?saved=unassignment");
    }

    @POST
    @Path("/tokens")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response issueToken(@Auth UserPrincipal admin, MultivaluedMap<String, String> form) {
        FormState typed = FormState.typed("token", form);
        Optional<Long> user = InterviewPages.parseLong(typed.values().get("userId"));
        String name = typed.values().getOrDefault("name", "").trim();
        Map<String, String> errors = new LinkedHashMap<>();
        if (user.isEmpty()) {
            errors.put("userId", "Choose whose token it is.");
        }
        if (name.isEmpty()) {
            errors.put("name", "Name the token after what will use it.");
        }
        if (!errors.isEmpty()) {
            return Response.status(400)
                    .entity(page(
                            admin,
                            0,
                            Map.of("token", typed.withErrors(errors, "No token issued.")),
                            Optional.empty(),
                            null))
                    .build();
        }
        try {
            UserBodies.IssuedToken issued = portal.users().issueToken(admin, user.get(), new UserBodies.NewToken(name));
            // Shown once, in this answer only: a redirect would have to carry the secret in a URL.
            return Response.ok(page(admin, 0, Map.of(), Optional.of(issued), null))
                    .header("Cache-Control", "no-store")
                    .build();
        } catch (ProblemException e) {
            return Response.status(400)
                    .entity(page(admin, 0, Map.of("token", typed.withProblem(e, Map.of())), Optional.empty(), null))
                    .build();
        }
    }

    // ---- one user: name, role, active

    @GET
    @Path("/users/{id}")
    public PortalView editUser(@Auth UserPrincipal admin, @PathParam("id") long id) {
        UserView user = portal.users().get(id);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("displayName", user.displayName());
        values.put("role", user.role().name());
        if (user.active()) {
            values.put("active", "yes");
        }
        values.put("version", Integer.toString(user.version()));
        user.zone().ifPresent(zone -> values.put("zone", zone));
        return userPage(admin, user, FormState.of("user", values));
    }

    @POST
    @Path("/users/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response updateUser(
            @Auth UserPrincipal admin, @PathParam("id") long id, MultivaluedMap<String, String> form) {
        UserView user = portal.users().get(id);
        FormState typed = FormState.typed("user", form);
        Map<String, String> values = typed.values();
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Role> role = InterviewPages.parseEnum(Role.class, values.get("role"));
        Optional<Long> version = InterviewPages.parseLong(values.get("version"));
        if (role.isEmpty()) {
            errors.put("role", "Choose a role.");
        }
        if (version.isEmpty()) {
            errors.put("displayName", "Reload the page: the form lost its version.");
        }
        String zone = values.getOrDefault("zone", "").trim();
        if (!zone.isEmpty() && !validZone(zone)) {
            errors.put("zone", "Enter a time zone such as Europe/Berlin, or leave it empty for the agency's.");
        }
        if (!errors.isEmpty()) {
            return Response.status(400)
                    .entity(userPage(admin, user, typed.withErrors(errors, "The user was not saved: see below.")))
                    .build();
        }
        UserBodies.UserChange change = new UserBodies.UserChange(
                values.getOrDefault("displayName", "").trim(),
                role.get(),
                "yes".equals(values.get("active")),
                version.get().intValue(),
                Texts.blankToNull(zone));
        var violations = portal.validator().validate(change);
        if (!violations.isEmpty()) {
            return Response.status(400)
                    .entity(userPage(admin, user, typed.withViolations(violations)))
                    .build();
        }
        try {
            portal.users().update(admin, id, change);
            return Portal.seeOther("/admin/done?saved=user-updated");
        } catch (ProblemException e) {
            if (e.problem().status() == 404) {
                throw e;
            }
            return Response.status(e.problem().status() == 409 ? 409 : 400)
                    .entity(userPage(admin, user, typed.withProblem(e, Map.of())))
                    .build();
        }
    }

    private PortalView userPage(UserPrincipal admin, UserView user, FormState form) {
        Map<String, Object> model = new HashMap<>();
        model.put("user", user);
        model.put("form", form);
        model.put("roles", InterviewPages.options(Role.values()));
        model.put("self", admin.id() == user.id());
        model.put("agencyZone", portal.agencyZone().getId());
        return new PortalView("admin-user", portal.viewer(admin), "User: " + user.displayName(), model);
    }

    // ---- API tokens

    @POST
    @Path("/tokens/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revokeToken(@Auth UserPrincipal admin, @PathParam("id") long id) {
        portal.users().revoke(admin, id);
        return Portal.seeOther("/admin/done?saved=token-revoked");
    }

    // ---- notification settings (issue #6)

    @POST
    @Path("/notification-settings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response updateNotificationSettings(@Auth UserPrincipal admin, MultivaluedMap<String, String> form) {
        FormState typed = FormState.typed("notifications", form);
        String hourText = typed.values().get("recruiterDigestHour");
        Optional<Long> hour = InterviewPages.parseLong(hourText);
        if (!InterviewPages.blank(hourText) && (hour.isEmpty() || hour.get() < 0 || hour.get() > 23)) {
            return Response.status(400)
                    .entity(page(
                            admin,
                            0,
                            Map.of(
                                    "notifications",
                                    typed.withErrors(
                                            Map.of(
                                                    "recruiterDigestHour",
                                                    "Enter an hour from 0 to 23, or leave it empty."),
                                            "The digest hour was not saved.")),
                            Optional.empty(),
                            null))
                    .build();
        }
        try {
            portal.notificationSettings()
                    .update(
                            admin,
                            new SettingsBodies.SettingsChange(
                                    hour.map(Long::intValue).orElse(null),
                                    InterviewPages.parseLong(typed.values().get("version"))
                                            .map(Long::intValue)
                                            .orElse(null)));
            return Portal.seeOther("/admin/done?saved=notifications");
        } catch (ProblemException e) {
            return Response.status(e.problem().status() == 409 ? 409 : 400)
                    .entity(page(
                            admin, 0, Map.of("notifications", typed.withProblem(e, Map.of())), Optional.empty(), null))
                    .build();
        }
    }

    // ---- the agency policy

    @GET
    @Path("/policy")
    public PortalView policy(@Auth UserPrincipal admin) {
        return policyPage(
                admin,
                FormState.of("policy", PolicyForm.values(portal.policies().get())));
    }

    /**
     * Saves one section of the policy (its form names it in {@code section}) over the policy as it is, so the other
     * sections keep their values; a form without a section (an older client) carries every field.
     */
    @POST
    @Path("/policy")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response updatePolicy(@Auth UserPrincipal admin, MultivaluedMap<String, String> form) {
        Optional<PolicyForm.Section> section = PolicyForm.section(
                portal.agencyZone(),
                Optional.ofNullable(form.getFirst("section")).orElse(""));
        MultivaluedMap<String, String> merged = new MultivaluedHashMap<>();
        if (section.isPresent()) {
            PolicyForm.values(portal.policies().get()).forEach(merged::putSingle);
            for (PolicyForm.Field field : section.get().fields()) {
                merged.putSingle(field.name(), "");
            }
        }
        form.forEach((name, list) -> {
            if (!list.isEmpty()) {
                // Checkboxes send one value each; the form reads them as one list.
                merged.putSingle(name, name.equals("laterStatusCheckChannels") ? String.join(",", list) : list.get(0));
            }
        });
        FormState typed = FormState.typed("policy", merged);
        Map<String, String> errors = new LinkedHashMap<>();
        PolicyDocument document = PolicyForm.parse(typed.values(), errors);
        if (!errors.isEmpty()) {
            return Response.status(400)
                    .entity(policyPage(admin, typed.withErrors(errors, "The policy was not saved: see below.")))
                    .build();
        }
        try {
            portal.policies().update(admin, document);
            return Portal.seeOther("/admin/done?saved=policy");
        } catch (ProblemException e) {
            return Response.status(e.problem().status() == 409 ? 409 : 400)
                    .entity(policyPage(admin, typed.withProblem(e, Map.of())))
                    .build();
        }
    }

    private PortalView policyPage(UserPrincipal admin, FormState form) {
        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        model.put("sections", PolicyForm.sections(portal.agencyZone()));
        model.put("channels", PolicyForm.channelOptions());
        List<String> laterChannels = Arrays.asList(
                form.values().getOrDefault("laterStatusCheckChannels", "").split("[,\\s]+"));
        model.put("laterChannels", laterChannels);
        model.put(
                "countries",
                PublicHolidays.countries().stream()
                        .map(country -> new InterviewPages.Option(country.code(), country.name()))
                        .toList());
        String country = form.values().getOrDefault("holidayCountry", "");
        model.put("countryName", country.isBlank() ? "" : PublicHolidays.countryName(country));
        model.put(
                "regions",
                PublicHolidays.country(country.toUpperCase(Locale.ROOT))
                        .map(known -> known.regions().entrySet().stream()
                                .map(region -> new InterviewPages.Option(region.getKey(), region.getValue()))
                                .toList())
                        .orElse(List.of()));
        return new PortalView("admin-policy", portal.viewer(admin), "Agency policy", model);
    }

    private PortalView page(
            UserPrincipal admin,
            long offset,
            Map<String, FormState> typed,
            Optional<UserBodies.IssuedToken> issued,
            String saved) {
        Viewer viewer = portal.viewer(admin);
        Page<UserView> users = portal.users().list(PAGE_SIZE, offset);
        List<UserView> everyone = portal.users().list(Page.MAX_LIMIT, 0).items();
        Map<Long, String> names = new HashMap<>();
        everyone.forEach(user -> names.put(user.id(), user.displayName()));
        List<CandidateLine> candidates = portal.candidates().list(admin, null, null, Page.MAX_LIMIT, 0).items().stream()
                .map(candidate -> new CandidateLine(
                        candidate.id(),
                        candidate.name(),
                        candidate.email(),
                        candidate.zone(),
                        candidate.recruiterIds().stream()
                                .map(id -> names.getOrDefault(id, "#" + id))
                                .collect(Collectors.joining(", ")),
                        candidate.recruiterIds().stream()
                                .map(id -> new Assigned(id, names.getOrDefault(id, "#" + id)))
                                .toList()))
                .toList();
        List<TokenLine> tokens = portal.users().tokens(PAGE_SIZE, 0).items().stream()
                .map(token -> new TokenLine(
                        token.id(),
                        token.name(),
                        names.getOrDefault(token.userId(), "#" + token.userId()),
                        Texts.when(token.createdAt(), viewer.zone()),
                        token.revokedAt()
                                .map(at -> "revoked " + Texts.when(at, viewer.zone()))
                                .orElse(token.lastUsedAt()
                                        .map(at -> "last used " + Texts.when(at, viewer.zone()))
                                        .orElse("never used")),
                        token.revokedAt().isPresent()))
                .toList();
        Map<String, Object> model = new HashMap<>();
        Map<String, FormState> forms = new HashMap<>();
        forms.put(
                "user",
                FormState.of(
                        "user",
                        Map.of(
                                "role",
                                Role.CANDIDATE.name(),
                                "zone",
                                portal.agencyZone().getId())));
        forms.put("assignment", FormState.empty("assignment"));
        forms.put("token", FormState.empty("token"));
        SettingsBodies.SettingsView settings = portal.notificationSettings().get();
        Map<String, String> settingsValues = new LinkedHashMap<>();
        if (settings.setByAdmin()) {
            settingsValues.put("recruiterDigestHour", Integer.toString(settings.recruiterDigestHour()));
        }
        settingsValues.put("version", Integer.toString(settings.version()));
        forms.put("notifications", FormState.of("notifications", settingsValues));
        model.put("digestHour", settings.recruiterDigestHour());
        model.put("configuredDigestHour", settings.configuredDigestHour());
        forms.putAll(typed);
        model.put(
                "users",
                users.items().stream()
                        .map(user -> new UserLine(
                                user.id(), user.email(), user.displayName(), Texts.label(user.role()), user.active()))
                        .toList());
        model.put("pager", Pager.of("/admin", offset, PAGE_SIZE, users.total(), Map.of()));
        model.put("candidates", candidates);
        model.put(
                "recruiters",
                everyone.stream()
                        .filter(user -> user.role() == Role.RECRUITER && user.active())
                        .map(user -> new InterviewPages.Option(Long.toString(user.id()), user.displayName()))
                        .toList());
        model.put(
                "people",
                everyone.stream()
                        .map(user -> new InterviewPages.Option(
                                Long.toString(user.id()), user.displayName() + " (" + Texts.label(user.role()) + ")"))
                        .toList());
        model.put("roles", InterviewPages.options(Role.values()));
        model.put("passwordHint", PasswordRules.HINT);
        model.put("tokens", tokens);
        model.put("rules", rules(portal.policies().get()));
        model.put("forms", forms);
        issued.ifPresent(token -> model.put("issued", token));
        model.put(
                "saved",
                saved == null
                        ? ""
                        : switch (saved) {
                            case "user" -> "User created.";
                            case "assignment" -> "Candidate assigned.";
                            case "unassignment" -> "Recruiter unassigned: they no longer see this candidate.";
                            case "user-updated" -> "User saved.";
                            case "token-revoked" -> "Token revoked: it no longer opens the API.";
                            case "policy" -> "Policy saved. Plans use it from now on.";
                            case "notifications" -> "Digest hour saved: the next digest goes out at the new hour.";
                            case "password-reset" ->
                                "Password reset forced: the user's sessions and API tokens are ended and a link to"
                                        + " choose a new password is on its way to them.";
                            default -> "";
                        });
        return new PortalView("admin", viewer, "Administration", model);
    }

    static List<RuleLine> rules(PolicyDocument policy) {
        Map<RuleId, String> defaults = new LinkedHashMap<>();
        defaults.put(RuleId.R1, "within " + policy.thankYouDeadline().toHours() + " h of the end");
        defaults.put(
                RuleId.R2,
                "from end + " + policy.idealWindowStart().toHours() + " h to " + policy.idealWindowEndTime() + ", "
                        + policy.idealWindowEndDaysLater() + " day(s) later");
        defaults.put(RuleId.R3, "every interviewer");
        defaults.put(RuleId.R4, "within " + policy.debriefWithin().toHours() + " h");
        defaults.put(RuleId.R5, "required");
        defaults.put(
                RuleId.R6,
                policy.businessDaysAfterDecision() + " business day(s) after the decision date, from "
                        + policy.statusCheckOpensAt());
        defaults.put(RuleId.R7, policy.spacing().toDays() + " days");
        defaults.put(RuleId.R8, policy.statusCheckLimit() + " unanswered status checks");
        defaults.put(RuleId.R9, policy.spacing().toDays() + " days after the thank-you");
        defaults.put(
                RuleId.R10,
                Texts.label(policy.firstStatusCheckChannel()) + " first, then "
                        + policy.laterStatusCheckChannels().stream()
                                .map(Texts::label)
                                .collect(Collectors.joining(" or ")));
        defaults.put(RuleId.R11, Texts.label(policy.thankYouChannel()));
        defaults.put(RuleId.R12, "business only; free-mail domains: " + String.join(", ", policy.freeMailDomains()));
        defaults.put(RuleId.R13, "forbidden");
        defaults.put(RuleId.R14, "thanks + interest + something specific");
        defaults.put(
                RuleId.R15,
                "advice above " + policy.noteAdviceWords() + " words, breach above " + policy.noteBreachWords());
        defaults.put(RuleId.R16, "similarity below " + policy.noteSimilarityThreshold());
        defaults.put(RuleId.R17, "spell-check clean");
        defaults.put(RuleId.R18, "off (set per company)");
        defaults.put(
                RuleId.R19,
                "optional, within " + policy.thanksAfterRejectionWindow().toHours() + " h");
        defaults.put(RuleId.R20, "within " + policy.debriefWithin().toHours() + " h");
        List<RuleLine> lines = new ArrayList<>();
        defaults.forEach((rule, value) -> lines.add(new RuleLine(rule.name(), rule.slug(), Texts.rule(rule), value)));
        return lines;
    }

    private static boolean validZone(String zone) {
        // The API's test: a region id people live in, not a fixed offset.
        return ZoneId.getAvailableZoneIds().contains(zone);
    }
}
