package com.followup.api.notifications;

import static java.util.Objects.requireNonNull;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Method;
import com.followup.api.access.Visibility;
import com.followup.api.audit.Audit;
import com.followup.api.auth.Secrets;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.notifications.NotificationBodies.FeedView;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * A candidate's private calendar feed (iCalendar, RFC 5545): one event per step still to do, from its earliest moment
 * to its deadline. The feed's URL is a secret; only its hash is stored, and renewing it makes the old URL useless. The
 * SQL is in {@link CalendarFeedRepository}; the interviews' records come from the one {@link JdbiInterviewRecords}.
 */
public final class CalendarFeeds {
    private final Jdbi jdbi;
    private final Audit audit;
    private final JdbiInterviewRecords records;
    private final PolicyStore policies;
    private final PlanEvaluator evaluator;
    private final Clock clock;
    private final NotificationsConfiguration configuration;

    public CalendarFeeds(
            Jdbi jdbi,
            Audit audit,
            JdbiInterviewRecords records,
            PolicyStore policies,
            PlanEvaluator evaluator,
            Clock clock,
            NotificationsConfiguration configuration) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.records = requireNonNull(records, "records is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.evaluator = requireNonNull(evaluator, "evaluator is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.configuration = requireNonNull(configuration, "configuration is null");
    }

    /**
     * Creates the calling candidate's feed, or renews it; the URL is in the answer this once. 403 for a login without
     * a candidate profile.
     */
    public FeedView renew(UserPrincipal candidate) {
        String token = Secrets.newToken();
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            long candidateId = Visibility.candidateOf(handle, candidate);
            handle.attach(CalendarFeedRepository.class).renew(candidateId, Secrets.hash(token), now);
            audit.record(handle, candidate, "calendar-feed.renewed", "candidate", candidateId, Map.of());
        });
        return new FeedView(configuration.getPortalBaseUrl() + "/api/calendar/" + token + ".ics", now);
    }

    /** The feed whose secret is {@code token}, as iCalendar text; 404 when no feed has it (or it was renewed). */
    public String feed(String token) {
        Instant now = clock.instant();
        List<InterviewRecord> interviews = jdbi.inTransaction(handle -> {
            CalendarFeedRepository feeds = handle.attach(CalendarFeedRepository.class);
            long candidate = feeds.candidateOf(Secrets.hash(token))
                    .orElseThrow(() -> ProblemException.notFound("calendar feed"));
            List<InterviewId> ids =
                    feeds.interviewsEndingAfter(candidate, now.minus(configuration.getLookBack())).stream()
                            .map(InterviewId::new)
                            .toList();
            return records.findAll(handle, ids);
        });
        AgencyPolicy policy = policies.current();
        ICalendar calendar = new ICalendar();
        calendar.setProductId("-//Followup//Follow-up steps//EN");
        calendar.setMethod(Method.publish());
        calendar.setExperimentalProperty("X-WR-CALNAME", "Followup");
        for (InterviewRecord record : interviews) {
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
                .sorted(Comparator.comparingInt(name -> Integer.parseInt(name.substring(1))))
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
