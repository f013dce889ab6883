package com.followup.core.rules;

import com.followup.core.model.Channel;
import com.followup.core.model.Outcome;
import com.followup.core.model.Reply;
import com.followup.core.model.ReplyKind;
import com.followup.core.model.Touch;
import com.followup.core.policy.PolicySetting;
import com.followup.core.ruleset.RuleId;
import com.followup.core.time.BusinessCalendar;
import com.followup.core.time.LocalMoments;
import com.followup.core.time.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * R6 to R10 and R18: the thread of status checks with the company, and its closing.
 *
 * <p>The thread is walked once, in time order, over the touches and replies known at the evaluated instant. A reply
 * restarts it: the count of unanswered status checks (R8) goes back to zero, spacing (R7) runs from the reply, and a
 * new date in it becomes the timeline (R6). After the walk, the status checks still allowed are projected, each one
 * spacing after the previous, followed by the closing.
 */
final class ThreadRules {
    private static final Set<RuleId> FIRST_WITH_DATE = Set.of(RuleId.R6, RuleId.R10);
    private static final Set<RuleId> FIRST_WITHOUT_DATE = Set.of(RuleId.R7, RuleId.R9, RuleId.R10);
    private static final Set<RuleId> LATER_WITH_DATE = Set.of(RuleId.R6, RuleId.R7, RuleId.R8, RuleId.R10);
    private static final Set<RuleId> LATER_WITHOUT_DATE = Set.of(RuleId.R7, RuleId.R8, RuleId.R10);
    private static final Set<RuleId> CLOSING = Set.of(RuleId.R8);
    private static final Set<RuleId> CLOSING_NO_REPLY_EXPECTED = Set.of(RuleId.R8, RuleId.R18);

    private static final Set<PolicySetting> FIRST_WITH_DATE_SETTINGS =
            Set.of(PolicySetting.DECISION_DATE, PolicySetting.FOLLOW_UP_CHANNEL);
    private static final Set<PolicySetting> FIRST_WITHOUT_DATE_SETTINGS =
            Set.of(PolicySetting.SPACING, PolicySetting.FOLLOW_UP_CHANNEL);
    private static final Set<PolicySetting> LATER_WITH_DATE_SETTINGS = Set.of(
            PolicySetting.DECISION_DATE,
            PolicySetting.SPACING,
            PolicySetting.STATUS_CHECK_LIMIT,
            PolicySetting.FOLLOW_UP_CHANNEL);
    private static final Set<PolicySetting> LATER_WITHOUT_DATE_SETTINGS =
            Set.of(PolicySetting.SPACING, PolicySetting.STATUS_CHECK_LIMIT, PolicySetting.FOLLOW_UP_CHANNEL);
    private static final Set<PolicySetting> CLOSING_SETTINGS =
            Set.of(PolicySetting.SPACING, PolicySetting.STATUS_CHECK_LIMIT, PolicySetting.DOES_NOT_REPLY);

    private final Evaluation evaluation;
    private final Duration spacing;
    private final int limit;
    private final boolean doesNotReply;
    private final BusinessCalendar calendar;
    /** When the company's decision became known (a decision reply or the outcome); null while it is not. */
    private final Instant decidedAt;

    /** R6: the date the company gave, as last changed by a reply; null when none was given. */
    private LocalDate decisionDate;

    private LocalDate openingDate;
    private Instant openingForDate;
    private int statusChecks;
    private int unanswered;
    private int closings;
    private boolean closed;
    private Instant lastStatusCheck;
    private Instant lastReply;
    private Instant lastExtraInformation;
    private Instant lastThankYou;

    private ThreadRules(Evaluation evaluation) {
        this.evaluation = evaluation;
        this.spacing = evaluation.resolved.spacing().value();
        this.limit = evaluation.resolved.statusCheckLimit().value();
        this.doesNotReply = evaluation.resolved.companyDoesNotReply().value();
        this.calendar = evaluation.policy.calendar();
        this.decisionDate = evaluation.resolved.decisionDate().value().orElse(null);
        this.decidedAt = decidedAt(evaluation);
    }

    static void evaluate(Evaluation evaluation) {
        new ThreadRules(evaluation).walk();
    }

    private void walk() {
        List<Touch> touches = evaluation.record.touches();
        List<Reply> replies = evaluation.record.replies();
        int touchIndex = 0;
        int replyIndex = 0;
        while (true) {
            Touch touch = touchIndex < touches.size()
                            && evaluation.happened(touches.get(touchIndex).sentAt())
                    ? touches.get(touchIndex)
                    : null;
            Reply reply = replyIndex < replies.size()
                            && evaluation.happened(replies.get(replyIndex).receivedAt())
                    ? replies.get(replyIndex)
                    : null;
            if (touch == null && reply == null) {
                break;
            }
            // At the same instant the reply counts first: the benefit of the doubt goes to the candidate.
            if (reply != null && (touch == null || !reply.receivedAt().isAfter(touch.sentAt()))) {
                closeIfDue(reply.receivedAt());
                onReply(reply);
                replyIndex++;
            } else {
                closeIfDue(touch.sentAt());
                onTouch(touch);
                touchIndex++;
            }
        }
        closeIfDue(evaluation.now);
        project();
    }

    private void onReply(Reply reply) {
        lastReply = reply.receivedAt();
        unanswered = 0;
        // A late answer reopens a closed thread.
        closed = false;
        if (reply.newDecisionDate().isPresent()) {
            decisionDate = reply.newDecisionDate().get();
            evaluation.resolved = evaluation.resolved.withDecisionDate(decisionDate);
        }
    }

    private void onTouch(Touch touch) {
        switch (touch.kind()) {
            case THANK_YOU -> lastThankYou = touch.sentAt();
            case EXTRA_INFORMATION -> lastExtraInformation = touch.sentAt();
            case STATUS_CHECK -> onStatusCheck(touch);
            case THANKS_AFTER_REJECTION, GIFT, FACEBOOK_FRIEND_REQUEST, LINKEDIN_CONNECTION -> {
                // Not follow-ups of the thread: a LinkedIn connection request is not a status check (R10).
            }
        }
    }

    private void onStatusCheck(Touch touch) {
        boolean first = statusChecks == 0;
        Opening opening = nextOpening();
        Instant sentAt = touch.sentAt();
        statusChecks++;

        // R6: not before the company's date has passed.
        if (opening.afterDecisionDate() != null && sentAt.isBefore(opening.afterDecisionDate())) {
            evaluation.breaches.add(Breach.byTouch(
                    RuleId.R6,
                    "Status check " + statusChecks + " went out before the company's date had passed; the earliest"
                            + " moment was " + local(opening.afterDecisionDate()) + ".",
                    touch.id(),
                    sentAt));
        }
        // R7, and R9 for a first check without a date: spacing from the last follow-up or reply.
        if (opening.spacingFrom() != null
                && sentAt.isBefore(opening.spacingFrom().plus(spacing))) {
            evaluation.breaches.add(Breach.byTouch(
                    RuleId.R7,
                    "Status check " + statusChecks + " came "
                            + Durations.describe(Duration.between(opening.spacingFrom(), sentAt))
                            + " after the previous contact; follow-ups without an answer need "
                            + Durations.describe(spacing) + " between them.",
                    touch.id(),
                    sentAt));
        }
        // R8: the limit counts unanswered checks since the last reply.
        if (unanswered >= limit) {
            evaluation.breaches.add(Breach.byTouch(
                    RuleId.R8,
                    "This is unanswered status check number " + (unanswered + 1) + "; after " + limit
                            + " without an answer the thread should be left closed.",
                    touch.id(),
                    sentAt));
        }
        // R10: the first check by the company's channel (e-mail unless it named one), later ones also by phone.
        Channel preferred = evaluation.resolved.followUpChannel().value();
        Channel channel = touch.channel();
        boolean allowedChannel = first
                ? channel == preferred
                : channel == preferred
                        || evaluation.policy.laterStatusCheckChannels().contains(channel);
        if (!allowedChannel) {
            evaluation.breaches.add(Breach.byTouch(
                    RuleId.R10,
                    "Status check " + statusChecks + " went by " + TouchRules.channelName(channel)
                            + (first
                                    ? "; the first one goes by " + TouchRules.channelName(preferred) + "."
                                    : ", a channel not meant for status checks."),
                    touch.id(),
                    sentAt));
        }

        evaluation.steps.add(new Step(
                StepKind.STATUS_CHECK,
                statusChecks,
                Optional.empty(),
                Window.openingAt(working(opening.earliest())),
                StepState.DONE_ON_TIME,
                rulesOf(first),
                settingsOf(first),
                Optional.of(touch.id()),
                Optional.empty()));
        unanswered++;
        lastStatusCheck = sentAt;
    }

    /** R8, R18: once the allowed checks went unanswered for the spacing, the thread closes at that moment. */
    private void closeIfDue(Instant moment) {
        if (closed || unanswered < limit) {
            return;
        }
        Instant closing = latestFollowUpOrReply().plus(spacing);
        if (moment.isBefore(closing) || (decidedAt != null && decidedAt.isBefore(closing))) {
            return;
        }
        closed = true;
        closings++;
        evaluation.steps.add(new Step(
                StepKind.CLOSING,
                closings,
                Optional.empty(),
                Window.at(closing),
                StepState.DONE_ON_TIME,
                doesNotReply ? CLOSING_NO_REPLY_EXPECTED : CLOSING,
                CLOSING_SETTINGS,
                Optional.empty(),
                Optional.empty()));
        if (doesNotReply) {
            evaluation.advice.add(Advice.general(
                    AdviceKind.NO_REPLY_EXPECTED,
                    "This company is known not to answer follow-ups: the silence says nothing about the candidate."));
        }
    }

    /** The status checks still allowed and the closing after them, or why there are none. */
    private void project() {
        boolean decided = decidedAt != null;
        if (closed) {
            evaluation.thread = decided
                    ? ThreadStatus.DECIDED
                    : doesNotReply ? ThreadStatus.CLOSED_NO_REPLY_EXPECTED : ThreadStatus.CLOSED_NO_RESPONSE;
            return;
        }
        evaluation.thread = decided ? ThreadStatus.DECIDED : ThreadStatus.OPEN;
        Instant now = evaluation.now;
        Instant previous = null;
        int sequence = statusChecks;
        for (int count = unanswered; count < limit; count++) {
            boolean first = sequence == 0;
            sequence++;
            Instant earliest;
            if (previous == null) {
                Opening opening = nextOpening();
                earliest = working(opening.earliest());
                if (first && decisionDate == null && !decided && evaluation.happened(evaluation.interviewEnd)) {
                    evaluation.advice.add(Advice.general(
                            AdviceKind.NO_DATE_DEFAULT_SPACING,
                            "The company gave no date, so the first status check waits "
                                    + Durations.describe(spacing) + " after the thank-you: " + local(earliest)
                                    + "."));
                }
            } else {
                // Assume the previous check goes out as soon as it may, or now if that moment has passed.
                earliest = working(later(previous, now).plus(spacing));
            }
            Window window = Window.openingAt(earliest);
            StepState state = decided ? StepState.NOT_NEEDED : evaluation.stateOf(window, null, StepState.OPEN);
            evaluation.steps.add(new Step(
                    StepKind.STATUS_CHECK,
                    sequence,
                    Optional.empty(),
                    window,
                    state,
                    rulesOf(first),
                    settingsOf(first),
                    Optional.empty(),
                    Optional.empty()));
            previous = earliest;
        }
        Instant closing = previous == null
                ? latestFollowUpOrReply().plus(spacing)
                : later(previous, now).plus(spacing);
        evaluation.steps.add(new Step(
                StepKind.CLOSING,
                closings + 1,
                Optional.empty(),
                Window.at(closing),
                decided ? StepState.NOT_NEEDED : StepState.NOT_YET,
                doesNotReply ? CLOSING_NO_REPLY_EXPECTED : CLOSING,
                CLOSING_SETTINGS,
                Optional.empty(),
                Optional.empty()));
    }

    /**
     * When the next status check may go out. R6: at the opening after the decision date, if there is one. R7: the
     * spacing after the last status check, reply or extra information. R9: for a first check without a date, the
     * spacing after the thank-you (the notes to several interviewers count as one touch: the last one), or after the
     * interview if no thank-you went out.
     */
    private Opening nextOpening() {
        boolean first = statusChecks == 0;
        Instant afterDecisionDate = decisionDate == null ? null : openingAfter(decisionDate);
        Instant spacingFrom = null;
        if (!first || decisionDate == null) {
            spacingFrom = latestFollowUpOrReply();
            if (first) {
                spacingFrom = later(spacingFrom, lastThankYou == null ? evaluation.interviewEnd : lastThankYou);
            }
        }
        Instant earliest = later(afterDecisionDate, spacingFrom == null ? null : spacingFrom.plus(spacing));
        return new Opening(earliest, afterDecisionDate, spacingFrom);
    }

    private Instant latestFollowUpOrReply() {
        return later(later(lastStatusCheck, lastReply), lastExtraInformation);
    }

    /** R6: 09:00 on the first business day after the date, in the candidate's zone; cached as dates rarely change. */
    private Instant openingAfter(LocalDate date) {
        if (!date.equals(openingDate)) {
            openingDate = date;
            openingForDate = calendar.opensAfter(
                    date,
                    evaluation.policy.businessDaysAfterDecision(),
                    evaluation.policy.statusCheckOpensAt(),
                    evaluation.zone);
        }
        return openingForDate;
    }

    /**
     * Working hours for what the system proposes: the earliest moment a status check may go out by elapsed time,
     * moved to the next opening ({@code statusCheckOpensAt}, 09:00 by default) on a business day when it falls outside
     * working hours, on a weekend or on a holiday, in the candidate's zone. Breaches above still compare the touch's
     * time with the elapsed-time moments, so a check sent after the spacing but before the opening breaks nothing.
     */
    private Instant working(Instant earliest) {
        return calendar.nextWorkingMoment(
                earliest, evaluation.zone, evaluation.policy.statusCheckOpensAt(), evaluation.policy.workingDayEnds());
    }

    private Set<RuleId> rulesOf(boolean first) {
        if (first) {
            return decisionDate == null ? FIRST_WITHOUT_DATE : FIRST_WITH_DATE;
        }
        return decisionDate == null ? LATER_WITHOUT_DATE : LATER_WITH_DATE;
    }

    private Set<PolicySetting> settingsOf(boolean first) {
        if (first) {
            return decisionDate == null ? FIRST_WITHOUT_DATE_SETTINGS : FIRST_WITH_DATE_SETTINGS;
        }
        return decisionDate == null ? LATER_WITHOUT_DATE_SETTINGS : LATER_WITH_DATE_SETTINGS;
    }

    private String local(Instant moment) {
        return LocalMoments.describe(moment, evaluation.zone);
    }

    private static Instant decidedAt(Evaluation evaluation) {
        Instant decided = null;
        Optional<Outcome> outcome = evaluation.record.outcome();
        if (outcome.isPresent() && evaluation.happened(outcome.get().at())) {
            decided = outcome.get().at();
        }
        for (Reply reply : evaluation.record.replies()) {
            if (!evaluation.happened(reply.receivedAt())) {
                break;
            }
            if (reply.kind() == ReplyKind.DECISION) {
                decided = earlier(decided, reply.receivedAt());
                break;
            }
        }
        return decided;
    }

    private static Instant later(Instant left, Instant right) {
        if (left == null) {
            return right;
        }
        if (right == null) {
            return left;
        }
        return left.isAfter(right) ? left : right;
    }

    private static Instant earlier(Instant left, Instant right) {
        if (left == null) {
            return right;
        }
        return left.isBefore(right) ? left : right;
    }

    /**
     * When a status check may go out, and why.
     *
     * @param afterDecisionDate R6's opening, null without a date
     * @param spacingFrom the contact R7 or R9 measures from, null when spacing does not apply
     */
    private record Opening(Instant earliest, Instant afterDecisionDate, Instant spacingFrom) {}
}
