package com.followup.core.model;

/** The id of an interview, as the database assigns it. */
public record InterviewId(long value) {
    public InterviewId {
        if (value <= 0) {
            throw new IllegalArgumentException("InterviewId must be positive, got " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
