package com.followup.core.model;

/** The id of a touch the candidate sent, as the database assigns it. */
public record TouchId(long value) {
    public TouchId {
        if (value <= 0) {
            throw new IllegalArgumentException("TouchId must be positive, got " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
