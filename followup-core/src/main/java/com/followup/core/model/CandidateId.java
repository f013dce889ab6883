package com.followup.core.model;

/** The id of a candidate, as the database assigns it. */
public record CandidateId(long value) {
    public CandidateId {
        if (value <= 0) {
            throw new IllegalArgumentException("CandidateId must be positive, got " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
