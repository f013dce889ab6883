package com.followup.web;

import com.followup.api.representations.BreachWords;
import com.followup.api.representations.PlanView;
import com.followup.api.threads.ThreadBodies;
import com.followup.core.rules.StepKind;
import com.followup.core.rules.StepState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An interview's plan and history as lines of text for the pages, every time in the viewer's zone. */
public final class PlanLines {
    /** One step: what to do, for whom, by when, and the rules behind it. */
    public record StepLine(
            long interviewId,
            String company,
            String role,
            String kind,
            String who,
            String state,
            String stateLabel,
            String when,
            String ideal,
            String rules,
            String explanation,
            int rank,
            Instant sortKey) {
        public boolean open() {
            return rank < 3;
        }
    }

    /**
     * Something that happened: a touch sent or a reply received. {@code page} is where it is corrected or retracted;
     * {@code retraction} says when, by whom and why it was retracted, empty while it counts (decision 0019).
     */
    public record HistoryLine(
            String when,
            Instant at,
            String what,
            String text,
            String timing,
            List<String> breaches,
            String page,
            String retraction) {}

    public record BreachLine(String rule, String name, String explanation, String at) {}

    public record AdviceLine(String rule, String text) {}

    private PlanLines() {}

    public static List<StepLine> steps(PlanView plan, String company, String role, ZoneId zone) {
        List<StepLine> lines = new ArrayList<>();
        for (PlanView.StepView step : plan.steps()) {
            lines.add(step(plan.interviewId(), step, company, role, zone));
        }
        return lines;
    }

    /** Most urgent first: overdue, due soon, open (earliest deadline first), then what opens later. */
    public static final Comparator<StepLine> URGENCY =
            Comparator.comparingInt(StepLine::rank).thenComparing(StepLine::sortKey);

    private static StepLine step(long interviewId, PlanView.StepView step, String company, String role, ZoneId zone) {
        int rank =
                switch (step.state()) {
                    case OVERDUE -> 0;
                    case DUE_SOON -> 1;
                    case OPEN -> 2;
                    case NOT_YET -> 3;
                    case MISSED -> 4;
                    case DONE_ON_TIME, DONE_LATE -> 5;
                    case NOT_NEEDED -> 6;
                };
        Optional<OffsetDateTime> deadline = step.deadline();
        String when =
                switch (step.state()) {
                    case NOT_YET -> "not before " + Texts.when(step.earliest(), zone);
                    case OPEN, DUE_SOON ->
                        deadline.map(at -> "due by " + Texts.when(at, zone))
                                .orElse("allowed since " + Texts.when(step.earliest(), zone));
                    case OVERDUE ->
                        deadline.map(at -> "was due by " + Texts.when(at, zone)).orElse("overdue");
                    case DONE_ON_TIME -> "done on time";
                    case DONE_LATE -> "done late";
                    case MISSED ->
                        deadline.map(at -> "missed; it was due by " + Texts.when(at, zone))
                                .orElse("missed");
                    case NOT_NEEDED -> "no longer needed";
                };
        String ideal = step.kind() == StepKind.THANK_YOU && !step.state().isDone()
                ? "ideally between " + Texts.when(step.ideal(), zone) + " and " + Texts.when(step.idealUntil(), zone)
                : "";
        Instant sortKey =
                switch (step.state()) {
                    case NOT_YET -> step.earliest().toInstant();
                    case OPEN, DUE_SOON, OVERDUE, DONE_ON_TIME, DONE_LATE, MISSED, NOT_NEEDED ->
                        deadline.map(OffsetDateTime::toInstant).orElse(Instant.MAX);
                };
        // One state per step: a step whose touch broke a rule says what happened, never "done on time".
        Optional<String> outcome = step.outcome();
        return new StepLine(
                interviewId,
                company,
                role,
                kindLabel(step.kind(), step.sequence()),
                step.contactName().orElse(""),
                outcome.isPresent() ? "BREACHED" : step.state().name(),
                outcome.isPresent() ? "Done, breaking a rule" : Texts.label(step.state()),
                outcome.orElse(when),
                ideal,
                String.join(", ", step.rules()),
                Texts.explain(step.rules()),
                rank,
                sortKey);
    }

    static String kindLabel(StepKind kind, int sequence) {
        return switch (kind) {
            case DEBRIEF -> "Write the debrief";
            case THANK_YOU -> "Send a thank-you";
            case STATUS_CHECK -> "Status check " + sequence;
            case CLOSING -> "Close the thread";
            case THANKS_AFTER_REJECTION -> "Thank them after the rejection (optional)";
        };
    }

    public static List<BreachLine> breaches(PlanView plan, ZoneId zone) {
        return plan.breaches().stream()
                .map(breach -> new BreachLine(
                        breach.rule(),
                        Texts.ruleOf(breach.rule()).map(Texts::rule).orElse(""),
                        BreachWords.reword(breach.explanation(), zone),
                        Texts.when(breach.at(), zone)))
                .toList();
    }

    public static List<AdviceLine> advice(PlanView plan) {
        return plan.advice().stream()
                .map(advice -> new AdviceLine(advice.rule(), advice.text()))
                .toList();
    }

    public static List<HistoryLine> history(
            PlanView plan,
            List<ThreadBodies.TouchView> touches,
            List<ThreadBodies.ReplyView> replies,
            Map<Long, String> contactNames,
            ZoneId zone) {
        Map<Long, StepState> doneBy = new HashMap<>();
        Map<Long, String> brokeBy = new HashMap<>();
        for (PlanView.StepView step : plan.steps()) {
            step.doneByTouchId().ifPresent(touch -> doneBy.put(touch, step.state()));
            step.doneByTouchId().ifPresent(touch -> step.outcome().ifPresent(words -> brokeBy.put(touch, words)));
        }
        List<HistoryLine> lines = new ArrayList<>();
        for (ThreadBodies.TouchView touch : touches) {
            String timing = brokeBy.containsKey(touch.id())
                    ? brokeBy.get(touch.id())
                    : Optional.ofNullable(doneBy.get(touch.id()))
                            .map(state -> state == StepState.DONE_ON_TIME
                                    ? "on time"
                                    : state == StepState.DONE_LATE ? "late" : "")
                            .orElse("");
            lines.add(new HistoryLine(
                    Texts.when(touch.sentAt(), zone),
                    touch.sentAt().toInstant(),
                    what(touch, contactNames),
                    touch.text().orElse(""),
                    timing,
                    touch.breaches().stream()
                            .map(breach -> BreachWords.reword(breach.explanation(), zone) + " (" + breach.rule() + ")")
                            .toList(),
                    "/interviews/" + touch.interviewId() + "/touches/" + touch.id(),
                    retraction(touch.retraction(), zone)));
        }
        for (ThreadBodies.ReplyView reply : replies) {
            lines.add(new HistoryLine(
                    Texts.when(reply.receivedAt(), zone),
                    reply.receivedAt().toInstant(),
                    Texts.label(reply.kind()) + " received from "
                            + contactNames.getOrDefault(reply.fromContactId(), "contact " + reply.fromContactId())
                            + reply.newDecisionDate()
                                    .map(date -> "; new decision date " + Texts.day(date))
                                    .orElse(""),
                    "",
                    "",
                    List.of(),
                    "/interviews/" + reply.interviewId() + "/replies/" + reply.id(),
                    retraction(reply.retraction(), zone)));
        }
        lines.sort(Comparator.comparing(HistoryLine::at));
        return lines;
    }

    /**
     * "Status check by email to Grace Hopper"; a LinkedIn connection request says only where it went, as its kind
     * already names the network.
     */
    static String what(ThreadBodies.TouchView touch, Map<Long, String> contactNames) {
        String recipient = contactNames.getOrDefault(touch.recipientId(), "contact " + touch.recipientId());
        return switch (touch.kind()) {
            case LINKEDIN_CONNECTION -> "LinkedIn connection request to " + recipient;
            case FACEBOOK_FRIEND_REQUEST -> "Facebook friend request to " + recipient;
            case THANK_YOU, STATUS_CHECK, EXTRA_INFORMATION, GIFT, THANKS_AFTER_REJECTION ->
                Texts.label(touch.kind()) + " by " + Texts.channelWords(touch.channel()) + " to " + recipient;
        };
    }

    /** "Retracted by Ada Admin on ...: the reason", or empty for a touch or reply that counts. */
    static String retraction(Optional<ThreadBodies.RetractionView> retraction, ZoneId zone) {
        return retraction
                .map(taken -> "Retracted by " + taken.byName() + " on " + Texts.when(taken.at(), zone) + ": "
                        + taken.reason())
                .orElse("");
    }
}
