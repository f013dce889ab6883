package com.followup.core.notes;

import static java.util.Objects.requireNonNull;

import com.followup.core.ruleset.RuleId;
import com.followup.core.ruleset.RuleId.Severity;
import java.util.List;
import java.util.Optional;

/**
 * One thing the checker has to say about a note.
 *
 * @param code the stable machine code; {@code rule} and {@code severity} always agree with it
 * @param rule the rule of {@code shared/follow-up-rules.md} behind the finding
 * @param severity whether it counts against compliance (R15 beyond the breach threshold) or is advice
 * @param message what to do about it, addressed to the candidate
 * @param span where in the note's text the problem is; empty when it concerns the note as a whole
 *     (something missing, a near-copy)
 * @param suggestions replacements for the spanned text, best first; empty when there are none
 */
public record NoteFinding(
        FindingCode code,
        RuleId rule,
        Severity severity,
        String message,
        Optional<TextSpan> span,
        List<String> suggestions) {
    public NoteFinding {
        requireNonNull(code, "code is null");
        requireNonNull(rule, "rule is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(message, "message is null");
        requireNonNull(span, "span is null");
        suggestions = List.copyOf(requireNonNull(suggestions, "suggestions is null"));
        if (rule != code.rule() || severity != code.severity()) {
            throw new IllegalArgumentException(
                    code + " is " + code.rule() + " " + code.severity() + ", not " + rule + " " + severity);
        }
    }

    static NoteFinding wholeNote(FindingCode code, String message) {
        return new NoteFinding(code, code.rule(), code.severity(), message, Optional.empty(), List.of());
    }

    static NoteFinding at(FindingCode code, String message, TextSpan span, List<String> suggestions) {
        return new NoteFinding(code, code.rule(), code.severity(), message, Optional.of(span), suggestions);
    }
}
