package com.followup.core.notes;

import static java.util.Objects.requireNonNull;

import com.followup.core.ruleset.RuleId;
import com.followup.core.ruleset.RuleId.Severity;
import java.util.List;
import java.util.Optional;

/**
 * The checker's verdict on a draft: the findings, and figures a UI can show while the candidate types.
 *
 * @param findings in rule order (R14, R15, R16, R17), and by position within a rule
 * @param wordCount the note's words as {@link Words} counts them (R15)
 * @param mostSimilarNote the other note of the interview closest to this one, if there is any other note (R16)
 * @param thanksPresent whether the note thanks the interviewer (R14)
 * @param interestPresent whether the note says the candidate wants the role (R14)
 * @param specificPresent whether the note names the interviewer or a topic of the debrief (R14)
 * @param topicsMentioned debrief words the note picks up, as they appear in the note, in order of appearance
 */
public record NoteCheck(
        List<NoteFinding> findings,
        int wordCount,
        Optional<SimilarNote> mostSimilarNote,
        boolean thanksPresent,
        boolean interestPresent,
        boolean specificPresent,
        List<String> topicsMentioned) {
    public NoteCheck {
        findings = List.copyOf(requireNonNull(findings, "findings is null"));
        requireNonNull(mostSimilarNote, "mostSimilarNote is null");
        topicsMentioned = List.copyOf(requireNonNull(topicsMentioned, "topicsMentioned is null"));
        if (wordCount < 0) {
            throw new IllegalArgumentException("wordCount must not be negative, got " + wordCount);
        }
    }

    /** Whether any finding counts against compliance (only R15 beyond the breach threshold does). */
    public boolean hasBreach() {
        return findings.stream().anyMatch(finding -> finding.severity() == Severity.BREACH);
    }

    public List<NoteFinding> findings(RuleId rule) {
        return findings.stream().filter(finding -> finding.rule() == rule).toList();
    }

    public List<NoteFinding> findings(FindingCode code) {
        return findings.stream().filter(finding -> finding.code() == code).toList();
    }
}
