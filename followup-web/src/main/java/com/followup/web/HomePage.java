package com.followup.web;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.interviews.InterviewBodies;
import com.followup.api.representations.Page;
import com.followup.api.representations.PlanView;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The start page: a candidate's "what to do next" across all their interviews; staff go to the dashboard. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomePage {
    static final int PAGE_SIZE = 10;
    private static final int ALL = Page.MAX_LIMIT;

    /** An interview in the candidate's list. */
    public record InterviewLine(long id, String company, String role, String when, String format) {}

    /** A breach to learn from: where, what happened in words, and when. */
    public record LessonLine(
            long interviewId, String company, String rule, String ruleText, String explanation, String at) {}

    static final int LESSONS = 5;

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
        record Lesson(Instant at, LessonLine line) {}
        List<Lesson> lessons = new ArrayList<>();
        for (InterviewBodies.InterviewView interview : all.items()) {
            PlanView plan = portal.interviews().plan(user, interview.id());
            steps.addAll(PlanLines.steps(plan, interview.companyName(), interview.role(), viewer.zone()));
            // PlanLines.breaches keeps the plan's order, so each line sits at its breach's index.
            List<PlanLines.BreachLine> lines = PlanLines.breaches(plan, viewer.zone());
            for (int index = 0; index < lines.size(); index++) {
                PlanLines.BreachLine breach = lines.get(index);
                lessons.add(new Lesson(
                        plan.breaches().get(index).at().toInstant(),
                        new LessonLine(
                                interview.id(),
                                interview.companyName(),
                                breach.rule(),
                                breach.name(),
                                breach.explanation(),
                                breach.at())));
            }
        }
        // The latest breaches first: what to do differently next time.
        List<LessonLine> learn = lessons.stream()
                .sorted(Comparator.comparing(Lesson::at).reversed())
                .limit(LESSONS)
                .map(Lesson::line)
                .toList();
        Instant now = portal.services().clock().instant();
        Optional<InterviewLine> next = all.items().stream()
                .filter(interview -> interview.start().toInstant().isAfter(now))
                .min(Comparator.comparing(interview -> interview.start().toInstant()))
                .map(interview -> line(interview, viewer));
        steps.sort(PlanLines.URGENCY);
        List<PlanLines.StepLine> nowSteps =
                steps.stream().filter(PlanLines.StepLine::open).toList();
        List<PlanLines.StepLine> later =
                steps.stream().filter(step -> step.rank() == 3).toList();
        long start = Math.max(0, offset);
        List<InterviewLine> interviews = all.items().stream()
                .skip(start)
                .limit(PAGE_SIZE)
                .map(interview -> line(interview, viewer))
                .toList();
        // Mail-in (issue 19): e-mails that wait for the candidate to say which interview they belong to.
        int mailInWaiting = portal.services().mailIn().waitingCount(user);
        return Response.ok(new PortalView(
                        "home",
                        viewer,
                        "What to do next",
                        Map.of(
                                "lessons", learn,
                                "mailInWaiting", mailInWaiting,
                                "lessonCount", lessons.size(),
                                "next", next.map(List::of).orElse(List.of()),
                                "now", nowSteps,
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
