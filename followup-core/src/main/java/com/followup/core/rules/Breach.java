package com.followup.core.rules;

import static java.util.Objects.requireNonNull;

import com.followup.core.model.TouchId;
import com.followup.core.ruleset.RuleId;
import java.time.Instant;
import java.util.Optional;

/**
 * A rule broken, counted against compliance in reports. Every breach has a cause: the touch that broke the rule, the
 * deadline that passed, or both (a late thank-you).
 *
 * @param explanation what happened, in words a candidate understands
 * @param at when the rule was broken: the touch's moment, or the deadline's
 */
public record Breach(RuleId rule, String explanation, Optional<TouchId> touch, Optional<Instant> deadline, Instant at) {
    public Breach {
        requireNonNull(rule, "rule is null");
        requireNonNull(explanation, "explanation is null");
        requireNonNull(touch, "touch is null");
        requireNonNull(deadline, "deadline is null");
        requireNonNull(at, "at is null");
        if (touch.isEmpty() && deadline.isEmpty()) {
            throw new IllegalArgumentException("a breach of " + rule + " needs a touch or a passed deadline");
        }
        // R15 is advice up to its breach threshold, so its default severity does not tell.
        if (rule.defaultSeverity() != RuleId.Severity.BREACH && rule != RuleId.R15) {
            throw new IllegalArgumentException(rule + " gives advice, not breaches");
        }
    }

    public static Breach byTouch(RuleId rule, String explanation, TouchId touch, Instant at) {
        return new Breach(rule, explanation, Optional.of(touch), Optional.empty(), at);
    }

    public static Breach byDeadline(RuleId rule, String explanation, Instant deadline) {
        return new Breach(rule, explanation, Optional.empty(), Optional.of(deadline), deadline);
    }
}
