package com.followup.web;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.interviews.InterviewBodies;
import com.followup.api.representations.Page;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The start page: a candidate's "what to do next" across all their interviews; staff go to the dashboard. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomePage {
    static final int PAGE_SIZE = 10;
    private static final int ALL = Page.MAX_LIMIT;

    /** An interview in the candidate's list. */
    public record InterviewLine(long id, String company, String role, String when, String format) {}

    private final Portal portal;

    public HomePage(Portal portal) {
        this.portal = requireNonNull(portal, "portal is null");
    }

    @GET
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public Response home(@Auth UserPrincipal user, @QueryParam("offset") @DefaultValue("0") long offset) {
        if (user.role() != Role.CANDIDATE) {
            return Portal.seeOther("/dashboard");
        }
        Viewer viewer = portal.viewer(user);
        Page<InterviewBodies.InterviewView> all = portal.interviews().list(user, null, null, ALL, 0);
        List<PlanLines.StepLine> steps = new ArrayList<>();
        for (InterviewBodies.InterviewView interview : all.items()) {
            steps.addAll(PlanLines.steps(
                    portal.interviews().plan(user, interview.id()),
                    interview.companyName(),
                    interview.role(),
                    viewer.zone()));
        }
        steps.sort(PlanLines.URGENCY);
        List<PlanLines.StepLine> now =
                steps.stream().filter(PlanLines.StepLine::open).toList();
        List<PlanLines.StepLine> later =
                steps.stream().filter(step -> step.rank() == 3).toList();
        long start = Math.max(0, offset);
        List<InterviewLine> interviews = all.items().stream()
                .skip(start)
                .limit(PAGE_SIZE)
                .map(interview -> line(interview, viewer))
                .toList();
        return Response.ok(new PortalView(
                        "home",
                        viewer,
                        "What to do next",
                        Map.of(
                                "now", now,
                                "later", later,
                                "interviews", interviews,
                                "pager",
                                        Pager.of(
                                                "/",
                                                start,
                                                PAGE_SIZE,
                                                all.items().size(),
                                                Map.of()))))
                .build();
    }

    static InterviewLine line(InterviewBodies.InterviewView interview, Viewer viewer) {
        return new InterviewLine(
                interview.id(),
                interview.companyName(),
                interview.role(),
                Texts.when(interview.start(), viewer.zone()),
                Texts.label(interview.format()));
    }
}
