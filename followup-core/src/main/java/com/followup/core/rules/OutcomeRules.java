package com.followup.core.rules;

import com.followup.core.model.Outcome;
import com.followup.core.model.Touch;
import com.followup.core.model.TouchKind;
import com.followup.core.policy.PolicySetting;
import com.followup.core.ruleset.RuleId;
import com.followup.core.time.Window;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** R19: after a rejection, an optional short thank-you keeps the relationship. Never a breach. */
final class OutcomeRules {
    private static final Set<RuleId> RULES = Set.of(RuleId.R19);
    private static final Set<PolicySetting> SETTINGS = Set.of(PolicySetting.THANKS_AFTER_REJECTION_WINDOW);

    private OutcomeRules() {}

    static void evaluate(Evaluation evaluation) {
        Optional<Outcome> outcome = evaluation.record.outcome();
        if (outcome.isEmpty() || !evaluation.happened(outcome.get().at())) {
            return;
        }
        boolean rejected =
                switch (outcome.get().kind()) {
                    case REJECTION -> true;
                    case OFFER, WITHDRAWN, NEXT_ROUND -> false;
                };
        if (!rejected) {
            return;
        }
        Instant rejectedAt = outcome.get().at();
        Window window = Window.between(
                rejectedAt,
                rejectedAt.plus(evaluation.resolved.thanksAfterRejectionWindow().value()));
        Touch note = firstNote(evaluation);
        // Optional: once its window closed unused, the step is simply no longer needed.
        StepState state = evaluation.stateOf(window, note == null ? null : note.sentAt(), StepState.NOT_NEEDED);
        evaluation.steps.add(new Step(
                StepKind.THANKS_AFTER_REJECTION,
                1,
                Optional.empty(),
                window,
                state,
                RULES,
                SETTINGS,
                note == null ? Optional.empty() : Optional.of(note.id()),
                Optional.empty()));
    }

    private static Touch firstNote(Evaluation evaluation) {
        for (Touch touch : evaluation.record.touches()) {
            if (!evaluation.happened(touch.sentAt())) {
                return null;
            }
            if (touch.kind() == TouchKind.THANKS_AFTER_REJECTION) {
                return touch;
            }
        }
        return null;
    }
}
