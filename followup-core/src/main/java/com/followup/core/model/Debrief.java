package com.followup.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * The candidate's notes right after the interview (R4), which also tell the agency how it went (R20).
 *
 * @param writtenAt when the candidate saved the debrief: R20 wants it within 24 hours of the end
 */
public record Debrief(
        String notes, List<InterviewerConcern> concerns, List<String> unaskedQuestions, Instant writtenAt) {
    public Debrief {
        requireNonNull(notes, "notes is null");
        concerns = List.copyOf(requireNonNull(concerns, "concerns is null"));
        unaskedQuestions = List.copyOf(requireNonNull(unaskedQuestions, "unaskedQuestions is null"));
        requireNonNull(writtenAt, "writtenAt is null");
    }

    public Debrief withWrittenAt(Instant writtenAt) {
        return new Debrief(notes, concerns, unaskedQuestions, writtenAt);
    }
}
