package com.followup.core.ruleset;

import static java.util.Objects.requireNonNull;

/**
 * The twenty follow-up rules of {@code shared/follow-up-rules.md}. Every check, error, report column and
 * piece of UI that implements a rule names it through this enum so a reader can trace it back.
 */
public enum RuleId {
    R1("thank-you-deadline", Severity.BREACH),
    R2("thank-you-ideal-window", Severity.ADVICE),
    R3("thank-you-per-interviewer", Severity.BREACH),
    R4("debrief", Severity.ADVICE),
    R5("ask-next-steps", Severity.ADVICE),
    R6("respect-timeline", Severity.BREACH),
    R7("spacing", Severity.BREACH),
    R8("limit", Severity.BREACH),
    R9("no-timeline-default", Severity.ADVICE),
    R10("channel-order", Severity.BREACH),
    R11("thank-you-channel", Severity.ADVICE),
    R12("business-channels-only", Severity.BREACH),
    R13("forbidden-touches", Severity.BREACH),
    R14("note-content", Severity.ADVICE),
    // R15 is advice from 150 words and a breach beyond 200; the finding carries the severity that applies.
    R15("note-brevity", Severity.ADVICE),
    R16("note-not-generic", Severity.ADVICE),
    R17("note-language", Severity.ADVICE),
    R18("company-does-not-reply", Severity.ADVICE),
    R19("thank-after-rejection", Severity.ADVICE),
    R20("keep-the-agency-informed", Severity.BREACH);

    /** A breach counts against compliance in reports; advice is shown to the candidate but not counted. */
    public enum Severity {
        BREACH,
        ADVICE
    }

    private final String slug;
    private final Severity defaultSeverity;

    RuleId(String slug, Severity defaultSeverity) {
        this.slug = requireNonNull(slug, "slug is null");
        this.defaultSeverity = requireNonNull(defaultSeverity, "defaultSeverity is null");
    }

    /** The rule's short name, as in the rules document: {@code thank-you-deadline}. */
    public String slug() {
        return slug;
    }

    /** The severity a violation of this rule has unless the rule says otherwise (R15). */
    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** {@code R1 thank-you-deadline}: the form used in messages and reports. */
    public String label() {
        return name() + " " + slug;
    }
}
