package com.followup.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** How the application ended for this interview, and when the candidate learned it. */
public record Outcome(OutcomeKind kind, Instant at) {
    public Outcome {
        requireNonNull(kind, "kind is null");
        requireNonNull(at, "at is null");
    }
}
