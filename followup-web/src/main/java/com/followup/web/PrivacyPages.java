package com.followup.web;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.privacy.Erasures;
import com.followup.api.privacy.Erasures.ErasureRequest;
import com.followup.api.privacy.Erasures.Subject;
import com.followup.api.privacy.PersonKind;
import com.followup.api.privacy.Privacy;
import com.followup.api.privacy.PrivacyExports;
import com.followup.api.privacy.Retention;
import com.followup.api.privacy.Retention.RetentionPolicy;
import com.followup.api.privacy.Retention.RetentionPolicyRequest;
import com.followup.api.problem.ProblemException;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Personal data in the portal (issue 20): a candidate's download of their own data, and for admins the retention
 * policy with its preview, a person's export and their erasure behind a confirmation. Thin: the use cases are
 * {@link PrivacyExports}, {@link Erasures} and {@link Retention}.
 */
@Path("/privacy")
@Produces(MediaType.TEXT_HTML)
public class PrivacyPages {
    /** What a preview line shows. */
    static final String ZIP = "application/zip";

    public record DueLine(String kind, String name, String lastActivity, String erasedFrom, String page) {}

    private final Portal portal;

    public PrivacyPages(Portal portal) {
        this.portal = requireNonNull(portal, "portal is null");
    }

    private Privacy privacy() {
        return portal.services().privacy();
    }

    /** The candidate's own data as one ZIP, from the settings page. */
    @GET
    @Path("/export")
    @RolesAllowed(Role.Names.CANDIDATE)
    @Produces(ZIP)
    public Response ownExport(@Auth UserPrincipal user) {
        return zip(privacy().exports().own(user));
    }

    @GET
    @RolesAllowed(Role.Names.ADMIN)
    public PortalView overview(@Auth UserPrincipal admin, @QueryParam("saved") String saved) {
        RetentionPolicy policy = privacy().retention().policy(admin);
        return overviewPage(
                admin,
                FormState.of(
                        "retention",
                        Map.of(
                                "candidateMonths", String.valueOf(policy.candidateMonths()),
                                "contactMonths", String.valueOf(policy.contactMonths()),
                                "enabled", policy.enabled() ? "on" : "off",
                                "version", String.valueOf(policy.version()))),
                saved);
    }

    @POST
    @Path("/retention")
    @RolesAllowed(Role.Names.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response updateRetention(@Auth UserPrincipal admin, MultivaluedMap<String, String> form) {
        FormState typed = FormState.typed("retention", form);
        Map<String, String> errors = new LinkedHashMap<>();
        Integer candidateMonths = months(typed, "candidateMonths", errors);
        Integer contactMonths = months(typed, "contactMonths", errors);
        String enabled = typed.values().getOrDefault("enabled", "");
        if (!enabled.equals("on") && !enabled.equals("off")) {
            errors.put("enabled", "Choose whether the daily pass erases: yes or no.");
        }
        if (!errors.isEmpty()) {
            return Response.status(400)
                    .entity(overviewPage(admin, typed.withErrors(errors, "The policy was not saved: see below."), null))
                    .build();
        }
        try {
            privacy()
                    .retention()
                    .update(
                            admin,
                            new RetentionPolicyRequest(
                                    candidateMonths,
                                    contactMonths,
                                    enabled.equals("on"),
                                    parseOrNull(typed.values().get("version"))));
            return Portal.seeOther("/privacy?saved=retention");
        } catch (ProblemException e) {
            return Response.status(e.problem().status() == 409 ? 409 : 400)
                    .entity(overviewPage(admin, typed.withProblem(e, Map.of()), null))
                    .build();
        }
    }

    @GET
    @Path("/{kind}/{id}")
    @RolesAllowed(Role.Names.ADMIN)
    public PortalView person(@Auth UserPrincipal admin, @PathParam("kind") String kind, @PathParam("id") long id) {
        return personPage(admin, kind(kind), id, FormState.empty("erase"));
    }

    @GET
    @Path("/{kind}/{id}/export")
    @RolesAllowed(Role.Names.ADMIN)
    @Produces(ZIP)
    public Response export(@Auth UserPrincipal admin, @PathParam("kind") String kind, @PathParam("id") long id) {
        return zip(privacy().exports().of(admin, kind(kind), id));
    }

    @POST
    @Path("/{kind}/{id}/erase")
    @RolesAllowed(Role.Names.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response erase(
            @Auth UserPrincipal admin,
            @PathParam("kind") String kind,
            @PathParam("id") long id,
            MultivaluedMap<String, String> form) {
        PersonKind person = kind(kind);
        FormState typed = FormState.typed("erase", form);
        try {
            privacy()
                    .erasures()
                    .erase(admin, person, id, new ErasureRequest(typed.values().get("confirmName")));
            return Portal.seeOther("/privacy/" + kind + "/" + id + "?erased=1");
        } catch (ProblemException e) {
            if (e.problem().status() == 404) {
                throw e;
            }
            return Response.status(e.problem().status())
                    .entity(personPage(admin, person, id, typed.withProblem(e, Map.of("confirmName", "confirmName"))))
                    .build();
        }
    }

    private PortalView overviewPage(UserPrincipal admin, FormState retention, String saved) {
        Viewer viewer = portal.viewer(admin);
        Retention.Preview preview = privacy().retention().preview(admin);
        List<DueLine> due = preview.due().stream()
                .map(line -> new DueLine(
                        line.kind(),
                        line.name(),
                        Texts.when(line.lastActivity(), viewer.zone()),
                        line.erasedFrom().isAfter(preview.asOf())
                                ? Texts.when(line.erasedFrom(), viewer.zone())
                                : "at the next daily pass",
                        "/privacy/" + (line.kind().equals("candidate") ? "candidates" : "contacts") + "/" + line.id()))
                .toList();
        Map<String, Object> model = new HashMap<>();
        model.put("retention", retention);
        model.put("due", due);
        model.put(
                "lastRun",
                preview.policy()
                        .lastRunAt()
                        .map(at -> Texts.when(at, viewer.zone()))
                        .orElse("never"));
        model.put("enabled", preview.policy().enabled());
        model.put("saved", "retention".equals(saved) ? "Saved: the retention policy." : "");
        return new PortalView("privacy", viewer, "Personal data", model);
    }

    private PortalView personPage(UserPrincipal admin, PersonKind kind, long id, FormState form) {
        Viewer viewer = portal.viewer(admin);
        Subject subject = privacy().erasures().subject(admin, kind, id);
        Map<String, Object> model = new HashMap<>();
        model.put("kind", kind.word());
        model.put("path", "/privacy/" + (kind == PersonKind.CANDIDATE ? "candidates" : "contacts") + "/" + id);
        model.put("name", subject.name());
        model.put("erased", subject.erasedAt().isPresent());
        model.put(
                "erasedAt",
                subject.erasedAt().map(at -> Texts.when(at, viewer.zone())).orElse(""));
        model.put("interviews", subject.interviews());
        model.put("touches", subject.touches());
        model.put("form", form);
        return new PortalView("privacy-person", viewer, "Personal data of " + subject.name(), model);
    }

    private static PersonKind kind(String segment) {
        return switch (segment) {
            case "candidates" -> PersonKind.CANDIDATE;
            case "contacts" -> PersonKind.CONTACT;
            default -> throw new NotFoundException();
        };
    }

    private static Integer months(FormState form, String field, Map<String, String> errors) {
        Integer months = parseOrNull(form.values().get(field));
        if (months == null || months < 1 || months > 1200) {
            errors.put(field, "Enter a whole number of months from 1 to 1200.");
        }
        return months;
    }

    private static Integer parseOrNull(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Response zip(PrivacyExports.Export export) {
        StreamingOutput body = export::writeTo;
        return Response.ok(body, ZIP)
                .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"")
                .build();
    }
}
