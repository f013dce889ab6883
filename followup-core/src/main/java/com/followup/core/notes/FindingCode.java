package com.followup.core.notes;

import static java.util.Objects.requireNonNull;

import com.followup.core.ruleset.RuleId;
import com.followup.core.ruleset.RuleId.Severity;

/**
 * The stable machine codes of the note checker's findings. Clients key on these (translations, UI hints),
 * so a code is never renamed; explained for candidates in {@code docs/notes-checker.md}.
 */
public enum FindingCode {
    R14_EMPTY_NOTE(RuleId.R14, Severity.ADVICE),
    R14_MISSING_THANKS(RuleId.R14, Severity.ADVICE),
    R14_MISSING_INTEREST(RuleId.R14, Severity.ADVICE),
    R14_INTEREST_NEGATED(RuleId.R14, Severity.ADVICE),
    R14_MISSING_SPECIFIC(RuleId.R14, Severity.ADVICE),
    R15_LONG(RuleId.R15, Severity.ADVICE),
    R15_TOO_LONG(RuleId.R15, Severity.BREACH),
    R16_NEAR_COPY(RuleId.R16, Severity.ADVICE),
    R16_STOCK_TEMPLATE(RuleId.R16, Severity.ADVICE),
    R16_TEMPLATE_PLACEHOLDER(RuleId.R16, Severity.ADVICE),
    R17_TEXT_SPEAK(RuleId.R17, Severity.ADVICE),
    R17_MISSPELLING(RuleId.R17, Severity.ADVICE);

    private final RuleId rule;
    private final Severity severity;

    FindingCode(RuleId rule, Severity severity) {
        this.rule = requireNonNull(rule, "rule is null");
        this.severity = requireNonNull(severity, "severity is null");
    }

    public RuleId rule() {
        return rule;
    }

    public Severity severity() {
        return severity;
    }
}
