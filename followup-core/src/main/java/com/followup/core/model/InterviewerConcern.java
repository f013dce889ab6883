package com.followup.core.model;

import static java.util.Objects.requireNonNull;

/** A concern one interviewer raised, for the thank-you to that person to address (R4, R14). */
public record InterviewerConcern(ContactId interviewer, String concern) {
    public InterviewerConcern {
        requireNonNull(interviewer, "interviewer is null");
        requireNonNull(concern, "concern is null");
    }
}
