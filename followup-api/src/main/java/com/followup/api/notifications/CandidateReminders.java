package com.followup.api.notifications;

import static java.util.Objects.requireNonNull;

import com.followup.api.db.JdbiInterviewRecords;
import com.followup.core.model.ContactId;
import com.followup.core.model.InterviewId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.model.Reply;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.repository.PolicyStore;
import com.followup.core.rules.Plan;
import com.followup.core.rules.PlanEvaluator;
import com.followup.core.rules.Step;
import com.followup.core.rules.StepKind;
import com.followup.core.ruleset.RuleId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * What a candidate is reminded of: the steps of their plans that opened or whose deadline is near, and the text of the
 * e-mail that says so. The same check runs when a reminder is planned and again just before it is sent, so a step done
 * or a reply logged in between takes the reminder back.
 */
public final class CandidateReminders {
    private final JdbiInterviewRecords records;
    private final PolicyStore policies;
    private final PlanEvaluator evaluator;
    private final String portalBaseUrl;

    public CandidateReminders(
            JdbiInterviewRecords records, PolicyStore policies, PlanEvaluator evaluator, String portalBaseUrl) {
        this.records = requireNonNull(records, "records is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.evaluator = requireNonNull(evaluator, "evaluator is null");
        this.portalBaseUrl = requireNonNull(portalBaseUrl, "portalBaseUrl is null");
    }

    /**
     * The reminders a plan calls for at its instant: of the steps still to do ({@link StepsToDo}, the rule the calendar
     * feed follows too), those that just opened or whose deadline is near.
     */
    public static List<ReminderItem> itemsOf(Plan plan) {
        List<ReminderItem> items = new ArrayList<>();
        for (Step step : plan.steps()) {
            if (!StepsToDo.offered(step)) {
                continue;
            }
            Optional<Long> contact = step.contact().map(ContactId::value);
            switch (step.state()) {
                case OPEN ->
                    items.add(new ReminderItem(
                            plan.interview().value(),
                            step.kind(),
                            step.sequence(),
                            contact,
                            ReminderItem.Event.OPENS,
                            step.window().earliest()));
                case DUE_SOON ->
                    items.add(new ReminderItem(
                            plan.interview().value(),
                            step.kind(),
                            step.sequence(),
                            contact,
                            ReminderItem.Event.DUE_SOON,
                            step.window().deadline().orElseThrow()));
                case NOT_YET, OVERDUE, DONE_ON_TIME, DONE_LATE, MISSED, NOT_NEEDED -> {}
            }
        }
        return items;
    }

    /** The step an item is about, if the plan still has it. */
    static Optional<Step> stepOf(Plan plan, ReminderItem item) {
        return plan.steps().stream()
                .filter(step -> step.kind() == item.kind()
                        && step.sequence() == item.sequence()
                        && step.contact().map(ContactId::value).equals(item.contactId()))
                .findFirst();
    }

    /** Why an item no longer needs saying at {@code now}, or empty when it still does. */
    static Optional<String> staleness(Plan plan, InterviewRecord record, Outbox.StoredItem stored) {
        ReminderItem item = stored.item();
        if (item.kind() == StepKind.STATUS_CHECK) {
            for (Reply reply : record.replies()) {
                if (!reply.receivedAt().isBefore(stored.createdAt())
                        && !reply.receivedAt().isAfter(plan.evaluatedAt())) {
                    return Optional.of("the company replied");
                }
            }
        }
        return still(plan, item);
    }

    private static Optional<String> still(Plan plan, ReminderItem item) {
        Optional<Step> step = stepOf(plan, item);
        if (step.isEmpty()) {
            return Optional.of("the step is no longer in the plan");
        }
        return switch (item.event()) {
            case OPENS ->
                switch (step.get().state()) {
                    case OPEN, DUE_SOON ->
                        step.get().window().earliest().equals(item.moment())
                                ? Optional.empty()
                                : Optional.of("the window moved");
                    case NOT_YET -> Optional.of("the window moved");
                    case DONE_ON_TIME, DONE_LATE -> Optional.of("done");
                    case OVERDUE, MISSED, NOT_NEEDED ->
                        Optional.of("no longer needed: " + step.get().state());
                };
            case DUE_SOON ->
                switch (step.get().state()) {
                    case DUE_SOON -> Optional.empty();
                    case DONE_ON_TIME, DONE_LATE -> Optional.of("done");
                    case NOT_YET, OPEN, OVERDUE, MISSED, NOT_NEEDED ->
                        Optional.of("no longer due soon: " + step.get().state());
                };
        };
    }

    /**
     * Re-checks the items of a message at {@code now}, cancels the stale ones, and renders the rest; empty when nothing
     * is left to say.
     */
    public Optional<MailText> render(
            Handle handle, long outboxId, OutboxKind kind, String unsubscribeUrl, Instant now) {
        List<Outbox.StoredItem> items = Outbox.items(handle, outboxId);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        List<InterviewId> ids = items.stream()
                .map(stored -> new InterviewId(stored.item().interviewId()))
                .distinct()
                .toList();
        AgencyPolicy policy = policies.current();
        Map<Long, InterviewRecord> loaded = new HashMap<>();
        Map<Long, Plan> plans = new HashMap<>();
        for (InterviewRecord record : records.findAll(handle, ids)) {
            long id = record.interview().id().value();
            loaded.put(id, record);
            plans.put(id, evaluator.evaluate(record, policy, now));
        }
        List<MailText.Line> lines = new ArrayList<>();
        ZoneId zone = null;
        String candidate = null;
        boolean urgent = false;
        for (Outbox.StoredItem stored : items) {
            ReminderItem item = stored.item();
            InterviewRecord record = loaded.get(item.interviewId());
            Plan plan = plans.get(item.interviewId());
            Optional<String> stale =
                    record == null ? Optional.of("the interview is gone") : staleness(plan, record, stored);
            if (stale.isPresent()) {
                Outbox.cancelItem(handle, outboxId, item, now, stale.get());
                continue;
            }
            zone = record.candidate().zone();
            candidate = record.candidate().name();
            urgent |= item.event() == ReminderItem.Event.DUE_SOON;
            lines.add(line(record, stepOf(plan, item).orElseThrow(), item));
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        String subject =
                switch (kind) {
                    case CANDIDATE_URGENT -> "Due within hours: " + lines.get(0).what();
                    case CANDIDATE_DIGEST ->
                        lines.size() == 1
                                ? (urgent ? "Due soon: " : "To do: ")
                                        + lines.get(0).what()
                                : "Your follow-ups today: " + lines.size() + " things to do";
                    case RECRUITER_DIGEST, WEEKLY_REPORT, ACCOUNT, WEBHOOK_ALERT ->
                        throw new IllegalArgumentException("not a candidate's message");
                };
        return Optional.of(MailText.of(
                subject,
                "Hello " + candidate + ",",
                "Here is what to do next after your interviews (times in " + zone.getId() + "):",
                lines,
                unsubscribeUrl,
                "You get at most one of these a day, and an extra one only when a deadline is hours away."));
    }

    private MailText.Line line(InterviewRecord record, Step step, ReminderItem item) {
        ZoneId zone = record.candidate().zone();
        String company = record.company().name();
        String role = record.interview().role();
        String link = portalBaseUrl + "/interviews/" + record.interview().id().value();
        String rules = step.rules().stream()
                .map(RuleId::name)
                .sorted(java.util.Comparator.comparingInt(name -> Integer.parseInt(name.substring(1))))
                .collect(Collectors.joining(", "));
        Optional<String> deadline = step.window().deadline().map(at -> "By " + MailText.moment(at, zone));
        String what =
                switch (step.kind()) {
                    case THANK_YOU ->
                        "Thank "
                                + step.contact()
                                        .map(contact -> record.contact(contact).name())
                                        .orElse("your interviewer")
                                + " (" + company + ") for the " + role
                                + " interview";
                    case DEBRIEF -> "Write your debrief of the " + role + " interview at " + company;
                    case STATUS_CHECK ->
                        "You may now ask " + company + " where the " + role + " decision stands (status check "
                                + step.sequence() + ")";
                    case THANKS_AFTER_REJECTION -> "If you like, thank " + company + " after their decision on " + role;
                    case CLOSING -> "The thread with " + company + " closes";
                };
        Optional<String> byWhen =
                switch (step.kind()) {
                    case THANK_YOU ->
                        Optional.of("Ideally between "
                                + MailText.moment(step.window().ideal(), zone)
                                + " and " + MailText.moment(step.window().idealUntil(), zone)
                                + deadline.map(text -> "; at the latest " + text.substring(3))
                                        .orElse(""));
                    case STATUS_CHECK ->
                        Optional.of(
                                "Not before " + MailText.moment(step.window().earliest(), zone));
                    case DEBRIEF, THANKS_AFTER_REJECTION, CLOSING -> deadline;
                };
        if (item.event() == ReminderItem.Event.DUE_SOON) {
            what = what + " (due soon)";
        }
        return new MailText.Line(what, byWhen, link, rules);
    }
}
