package com.followup.core.rules;

import static java.util.Objects.requireNonNull;

import com.followup.core.ruleset.RuleId;

/** The kinds of advice a plan gives, each under one rule. Advice is shown, not counted against compliance. */
public enum AdviceKind {
    /** R2: a thank-you went out before the ideal window opened. */
    THANK_YOU_EARLY(RuleId.R2),
    /** R2: a thank-you went out after the ideal window, still within the deadline. */
    THANK_YOU_AFTER_IDEAL_WINDOW(RuleId.R2),
    /** R5: nobody recorded what the company said about next steps. */
    NO_TIMELINE_RECORDED(RuleId.R5),
    /** R9: without a decision date, the first status check waits for the spacing after the thank-you. */
    NO_DATE_DEFAULT_SPACING(RuleId.R9),
    /** R11: a card by post may arrive after the decision. */
    THANK_YOU_CARD_BY_POST(RuleId.R11),
    /** R11: a thank-you through a channel other than e-mail, a card by hand or the company's preferred one. */
    THANK_YOU_CHANNEL(RuleId.R11),
    /** R12: a contact's recorded e-mail is on a free-mail domain, probably personal. */
    FREE_MAIL_CONTACT(RuleId.R12),
    /** R15: a note longer than the advice threshold. */
    LONG_NOTE(RuleId.R15),
    /** R18: the company is known not to reply; silence is not held against the candidate. */
    NO_REPLY_EXPECTED(RuleId.R18);

    private final RuleId rule;

    AdviceKind(RuleId rule) {
        this.rule = requireNonNull(rule, "rule is null");
    }

    public RuleId rule() {
        return rule;
    }
}
