package com.followup.core.policy;

import static java.util.Objects.requireNonNull;

import com.followup.core.ruleset.RuleId;

/** The policy values a step can depend on, each named after the rule that uses it. */
public enum PolicySetting {
    THANK_YOU_DEADLINE(RuleId.R1),
    THANK_YOU_IDEAL_WINDOW(RuleId.R2),
    DEBRIEF_DEADLINE(RuleId.R20),
    DECISION_DATE(RuleId.R6),
    SPACING(RuleId.R7),
    STATUS_CHECK_LIMIT(RuleId.R8),
    FOLLOW_UP_CHANNEL(RuleId.R10),
    THANK_YOU_CHANNEL(RuleId.R11),
    NOTE_LENGTH(RuleId.R15),
    DOES_NOT_REPLY(RuleId.R18),
    THANKS_AFTER_REJECTION_WINDOW(RuleId.R19);

    private final RuleId rule;

    PolicySetting(RuleId rule) {
        this.rule = requireNonNull(rule, "rule is null");
    }

    /** The rule this value parameterises. */
    public RuleId rule() {
        return rule;
    }
}
