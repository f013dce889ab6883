package com.followup.core.rules;

import static java.util.Objects.requireNonNull;

import com.followup.core.model.ContactId;
import com.followup.core.model.TouchId;
import com.followup.core.policy.PolicySetting;
import com.followup.core.ruleset.RuleId;
import com.followup.core.time.Window;
import java.util.Optional;
import java.util.Set;

/**
 * One thing to do after an interview, with its window and where it stands.
 *
 * @param sequence 1 for most steps; the number of the status check (1, 2...) or of the closing (a reply can reopen a
 *     closed thread, which may close again)
 * @param contact the interviewer a thank-you step is for; empty for other steps
 * @param rules the rules this step implements
 * @param settings the policy values the window was computed from; {@link Plan#policy()} says where each came from
 * @param doneBy the touch that did the step; empty for the debrief, a closing, and steps not done
 * @param timing R2, for a sent thank-you: early, ideal, acceptable or late
 */
public record Step(
        StepKind kind,
        int sequence,
        Optional<ContactId> contact,
        Window window,
        StepState state,
        Set<RuleId> rules,
        Set<PolicySetting> settings,
        Optional<TouchId> doneBy,
        Optional<ThankYouTiming> timing) {
    public Step {
        requireNonNull(kind, "kind is null");
        requireNonNull(contact, "contact is null");
        requireNonNull(window, "window is null");
        requireNonNull(state, "state is null");
        rules = Set.copyOf(requireNonNull(rules, "rules is null"));
        settings = Set.copyOf(requireNonNull(settings, "settings is null"));
        requireNonNull(doneBy, "doneBy is null");
        requireNonNull(timing, "timing is null");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be at least 1, got " + sequence);
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("a step implements at least one rule");
        }
        if (doneBy.isPresent() && !state.isDone()) {
            throw new IllegalArgumentException("a step done by touch " + doneBy.get() + " cannot be " + state);
        }
    }
}
