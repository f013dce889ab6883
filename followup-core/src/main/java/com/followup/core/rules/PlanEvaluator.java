package com.followup.core.rules;

import static java.util.Objects.requireNonNull;

import com.followup.core.model.InterviewRecord;
import com.followup.core.policy.AgencyPolicy;
import java.time.Instant;

/**
 * Evaluates the follow-up rules R1 to R20 for one interview: a pure function of the record, the agency's policy and
 * the instant. It never reads the clock, so the same inputs always give the same plan, and a caller can ask "what did
 * the plan look like last Tuesday" as easily as "now".
 *
 * <p>Events after {@code now} in the record are ignored, as if they had not happened yet. The note-quality rules R14,
 * R16 and R17 are checked by {@code com.followup.core.notes} when a note is drafted or logged; this class applies the
 * one note rule that counts against compliance, R15 beyond its breach threshold.
 */
public final class PlanEvaluator {
    /** The plan of {@code record} at the instant {@code now}, under {@code policy}. */
    public Plan evaluate(InterviewRecord record, AgencyPolicy policy, Instant now) {
        requireNonNull(record, "record is null");
        requireNonNull(policy, "policy is null");
        requireNonNull(now, "now is null");
        Evaluation evaluation = new Evaluation(record, policy, now);
        DebriefRules.evaluate(evaluation);
        ThankYouRules.evaluate(evaluation);
        ThreadRules.evaluate(evaluation);
        OutcomeRules.evaluate(evaluation);
        TouchRules.evaluate(evaluation);
        TouchRules.contactsAtEntry(evaluation);
        askedForNextSteps(evaluation);
        return evaluation.toPlan();
    }

    // R5: an interview without a recorded timeline is flagged once it is over.
    private static void askedForNextSteps(Evaluation evaluation) {
        if (evaluation.record.timeline().isEmpty() && evaluation.happened(evaluation.interviewEnd)) {
            evaluation.advice.add(Advice.general(
                    AdviceKind.NO_TIMELINE_RECORDED,
                    "Nothing was recorded about next steps. Asking at the close when the company will decide, and"
                            + " how it likes to be followed up, makes every later step easier to time."));
        }
    }
}
