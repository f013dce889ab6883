package com.followup.core.rules;

import com.followup.core.model.Debrief;
import com.followup.core.policy.PolicySetting;
import com.followup.core.ruleset.RuleId;
import com.followup.core.time.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** R4 and R20: the debrief, the candidate's notes that also tell the agency how the interview went. */
final class DebriefRules {
    private static final Set<RuleId> RULES = Set.of(RuleId.R4, RuleId.R20);
    private static final Set<PolicySetting> SETTINGS = Set.of(PolicySetting.DEBRIEF_DEADLINE);

    private DebriefRules() {}

    static void evaluate(Evaluation evaluation) {
        Instant end = evaluation.interviewEnd;
        Instant deadline = end.plus(evaluation.resolved.debriefWithin().value());
        Window window = Window.between(end, deadline);

        Optional<Debrief> debrief = evaluation.record.debrief();
        Instant writtenAt =
                debrief.isPresent() && evaluation.happened(debrief.get().writtenAt())
                        ? debrief.get().writtenAt()
                        : null;
        // A late debrief still helps the agency, so an unwritten one is overdue rather than missed.
        StepState state = evaluation.stateOf(window, writtenAt, StepState.OVERDUE);
        evaluation.steps.add(new Step(
                StepKind.DEBRIEF,
                1,
                Optional.empty(),
                window,
                state,
                RULES,
                SETTINGS,
                Optional.empty(),
                Optional.empty()));

        // R20: what counts is that the agency had no debrief when the deadline passed, written later or not.
        if (state == StepState.OVERDUE) {
            evaluation.breaches.add(Breach.byDeadline(
                    RuleId.R20,
                    "No debrief within " + Durations.describe(Duration.between(end, deadline))
                            + " of the interview's end: the agency does not know how it went.",
                    deadline));
        } else if (state == StepState.DONE_LATE) {
            evaluation.breaches.add(Breach.byDeadline(
                    RuleId.R20,
                    "The debrief came " + Durations.describe(Duration.between(deadline, writtenAt))
                            + " after its deadline; until then the agency had no news of the interview.",
                    deadline));
        }
    }
}
