package com.followup.api.notifications;

import static java.util.Objects.requireNonNull;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Method;
import com.followup.api.access.Visibility;
import com.followup.api.auth.Role;
import com.followup.api.auth.Secrets;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.problem.ProblemException;
import com.followup.core.model.ContactId;
import com.followup.core.model.InterviewId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.repository.PolicyStore;
import com.followup.core.rules.Plan;
import com.followup.core.rules.PlanEvaluator;
import com.followup.core.rules.Step;
import com.followup.core.rules.StepKind;
import com.followup.core.ruleset.RuleId;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * A candidate's private calendar feed (iCalendar, RFC 5545): one event per step still to do, from its earliest moment
 * to its deadline. The feed's URL is a secret; only its hash is stored, and renewing it makes the old URL useless.
 */
@Path("/api")
public class CalendarResource {
    public static final String TEXT_CALENDAR = "text/calendar";

    public record FeedView(String url, Instant renewedAt) {}

    private final Jdbi jdbi;
    private final Clock clock;
    private final PolicyStore policies;
    private final PlanEvaluator evaluator;
    private final NotificationsConfiguration configuration;

    public CalendarResource(
            Jdbi jdbi,
            Clock clock,
            PolicyStore policies,
            PlanEvaluator evaluator,
            NotificationsConfiguration configuration) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.evaluator = requireNonNull(evaluator, "evaluator is null");
        this.configuration = requireNonNull(configuration, "configuration is null");
    }

    /** Creates the feed, or renews it; the URL is shown this once. */
    @POST
    @Path("/me/calendar")
    @RolesAllowed(Role.Names.CANDIDATE)
    @Produces(MediaType.APPLICATION_JSON)
    @ApiResponse(
            responseCode = "201",
            description = "The feed's secret URL, shown once; any earlier URL stops working",
            content = @Content(schema = @Schema(implementation = FeedView.class)))
    public Response renew(@Auth UserPrincipal user) {
        String token = Secrets.newToken();
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            long candidate = Visibility.candidateOf(handle, user);
            handle.createUpdate(
                            """
                            INSERT INTO calendar_feeds (candidate_id, token_hash, created_at, renewed_at)
                            VALUES (:candidate, :hash, :now, :now)
                            ON CONFLICT (candidate_id) DO UPDATE SET token_hash = :hash, renewed_at = :now
                            """)
                    .bind("candidate", candidate)
                    .bind("hash", Secrets.hash(token))
                    .bind("now", now)
                    .execute();
        });
        return Response.status(Response.Status.CREATED)
                .entity(new FeedView(configuration.getPortalBaseUrl() + "/api/calendar/" + token + ".ics", now))
                .build();
    }

    @GET
    @Path("/calendar/{token}.ics")
    @PermitAll
    @Produces(TEXT_CALENDAR)
    public String feed(@PathParam("token") String token) {
        Instant now = clock.instant();
        List<InterviewRecord> records = jdbi.inTransaction(handle -> {
            long candidate = handle.createQuery("SELECT candidate_id FROM calendar_feeds WHERE token_hash = :hash")
                    .bind("hash", Secrets.hash(token))
                    .mapTo(Long.class)
                    .findOne()
                    .orElseThrow(() -> ProblemException.notFound("calendar feed"));
            List<InterviewId> ids = handle.createQuery(
                            "SELECT id FROM interviews WHERE candidate_id = :candidate AND ends_at > :since")
                    .bind("candidate", candidate)
                    .bind("since", now.minus(configuration.getLookBack()))
                    .map((rs, context) -> new InterviewId(rs.getLong("id")))
                    .list();
            return JdbiInterviewRecords.load(handle, ids);
        });
        AgencyPolicy policy = policies.current();
        ICalendar calendar = new ICalendar();
        calendar.setProductId("-//Followup//Follow-up steps//EN");
        calendar.setMethod(Method.publish());
        calendar.setExperimentalProperty("X-WR-CALNAME", "Followup");
        for (InterviewRecord record : records) {
            Plan plan = evaluator.evaluate(record, policy, now);
            for (Step step : plan.steps()) {
                if (step.kind() != StepKind.CLOSING && !step.state().isDone()) {
                    calendar.addEvent(event(record, step, now));
                }
            }
        }
        return Biweekly.write(calendar).go();
    }

    private VEvent event(InterviewRecord record, Step step, Instant now) {
        String rules = step.rules().stream()
                .map(RuleId::name)
                .sorted(java.util.Comparator.comparingInt(name -> Integer.parseInt(name.substring(1))))
                .collect(Collectors.joining(", "));
        String who = step.contact()
                .map(contact -> record.contact(contact).name())
                .orElse(record.company().name());
        String what =
                switch (step.kind()) {
                    case THANK_YOU -> "Thank " + who;
                    case DEBRIEF -> "Write the debrief";
                    case STATUS_CHECK ->
                        "Status check " + step.sequence() + " with "
                                + record.company().name();
                    case THANKS_AFTER_REJECTION ->
                        "Optional thanks to " + record.company().name();
                    case CLOSING -> "Thread closes";
                };
        Instant start = step.window().earliest();
        // An open-ended window (a status check) shows as half an hour at its start.
        Instant end = step.window().deadline().orElse(start.plus(Duration.ofMinutes(30)));
        VEvent event = new VEvent();
        event.setUid("followup-" + record.interview().id().value() + "-" + step.kind() + "-" + step.sequence() + "-"
                + step.contact().map(ContactId::value).map(String::valueOf).orElse("0") + "@followup");
        event.setDateTimeStamp(Date.from(now));
        event.setSummary(what + " (" + record.interview().role() + ", "
                + record.company().name() + ") [" + rules + "]");
        event.setDateStart(Date.from(start));
        event.setDateEnd(Date.from(end.equals(start) ? start.plus(Duration.ofMinutes(30)) : end));
        event.setDescription("Ideally between " + step.window().ideal() + " and "
                + step.window().idealUntil()
                + step.window()
                        .deadline()
                        .map(deadline -> "; deadline " + deadline)
                        .orElse("; no deadline")
                + ". State: " + step.state() + ". Rules: " + rules + ".");
        event.setUrl(configuration.getPortalBaseUrl() + "/interviews/"
                + record.interview().id().value());
        return event;
    }
}
