package com.followup.core.rules;

import com.followup.core.model.ContactId;
import com.followup.core.model.Touch;
import com.followup.core.model.TouchKind;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.policy.PolicySetting;
import com.followup.core.ruleset.RuleId;
import com.followup.core.time.LocalMoments;
import com.followup.core.time.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** R1, R2, R3: one thank-you per interviewer, within 48 hours, ideally after some reflection and by the next noon. */
final class ThankYouRules {
    private static final Set<RuleId> RULES = Set.of(RuleId.R1, RuleId.R2, RuleId.R3, RuleId.R11);
    private static final Set<PolicySetting> SETTINGS = Set.of(
            PolicySetting.THANK_YOU_DEADLINE, PolicySetting.THANK_YOU_IDEAL_WINDOW, PolicySetting.THANK_YOU_CHANNEL);

    private ThankYouRules() {}

    static void evaluate(Evaluation evaluation) {
        Window window = window(evaluation.policy, evaluation.interviewEnd, evaluation.zone);
        List<ContactId> interviewers = evaluation.record.interview().interviewers();
        int thanked = 0;
        for (ContactId interviewer : interviewers) {
            Touch note = firstThankYou(evaluation, interviewer);
            if (note != null) {
                thanked++;
            }
            evaluateOne(evaluation, window, interviewer, note);
        }
        evaluation.thankYouCoverage = new Coverage(thanked, interviewers.size());
    }

    /**
     * The thank-you window for an interview that ended at {@code end}: open at the end, ideal from a few hours later
     * (R2) until noon of the next day in the candidate's zone, due 48 hours of elapsed time after the end (R1).
     */
    static Window window(AgencyPolicy policy, Instant end, ZoneId zone) {
        // R1: elapsed time, so a daylight-saving night neither adds nor removes an hour.
        Instant deadline = end.plus(policy.thankYouDeadline());
        Instant ideal = end.plus(policy.idealWindowStart());
        // R2: calendar days in the candidate's zone; a policy may make the ideal end fall outside [ideal, deadline].
        Instant nextMorning =
                LocalMoments.daysLaterAt(end, policy.idealWindowEndDaysLater(), policy.idealWindowEndTime(), zone);
        Instant idealUntil = nextMorning.isBefore(ideal) ? ideal : nextMorning;
        if (idealUntil.isAfter(deadline)) {
            idealUntil = deadline;
        }
        return new Window(end, ideal, idealUntil, Optional.of(deadline));
    }

    private static void evaluateOne(Evaluation evaluation, Window window, ContactId interviewer, Touch note) {
        Instant sentAt = note == null ? null : note.sentAt();
        // R1: a note never sent is missed; sending one late is better but still a breach.
        StepState state = evaluation.stateOf(window, sentAt, StepState.MISSED);
        Optional<ThankYouTiming> timing =
                note == null ? Optional.empty() : Optional.of(ThankYouTiming.of(window, sentAt));
        evaluation.steps.add(new Step(
                StepKind.THANK_YOU,
                1,
                Optional.of(interviewer),
                window,
                state,
                RULES,
                SETTINGS,
                note == null ? Optional.empty() : Optional.of(note.id()),
                timing));

        Instant deadline = window.deadline().orElseThrow();
        String name = evaluation.nameOf(interviewer);
        if (state == StepState.MISSED) {
            // R3: every person met gets their own note; this one got none in time.
            evaluation.breaches.add(Breach.byDeadline(
                    RuleId.R3,
                    name + " was not thanked within "
                            + Durations.describe(Duration.between(window.earliest(), deadline))
                            + " of the interview.",
                    deadline));
            return;
        }
        if (note == null) {
            return;
        }
        switch (timing.orElseThrow()) {
            case EARLY ->
                evaluation.advice.add(Advice.aboutTouch(
                        AdviceKind.THANK_YOU_EARLY,
                        "The note to " + name + " left "
                                + Durations.describe(Duration.between(window.earliest(), sentAt))
                                + " after the interview; a few hours of reflection make a note more specific.",
                        note.id()));
            case IDEAL -> {
                // Nothing to say: this is what R2 asks for.
            }
            case ACCEPTABLE ->
                evaluation.advice.add(Advice.aboutTouch(
                        AdviceKind.THANK_YOU_AFTER_IDEAL_WINDOW,
                        "The note to " + name + " is on time but arrived after the next morning; earlier keeps the"
                                + " conversation fresh.",
                        note.id()));
            case LATE ->
                evaluation.breaches.add(new Breach(
                        RuleId.R1,
                        "The note to " + name + " went out " + Durations.describe(Duration.between(deadline, sentAt))
                                + " after the " + Durations.describe(Duration.between(window.earliest(), deadline))
                                + " limit.",
                        Optional.of(note.id()),
                        Optional.of(deadline),
                        sentAt));
        }
    }

    private static Touch firstThankYou(Evaluation evaluation, ContactId interviewer) {
        // Touches are in time order, so the first match is the earliest note.
        for (Touch touch : evaluation.record.touches()) {
            if (!evaluation.happened(touch.sentAt())) {
                return null;
            }
            if (touch.kind() == TouchKind.THANK_YOU && touch.recipient().equals(interviewer)) {
                return touch;
            }
        }
        return null;
    }
}
