package com.followup.core.model;

import java.util.Optional;

/** The id of a touch the candidate sent, as the database assigns it. */
public record TouchId(long value) {
    public TouchId {
        notPositive(value).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /**
     * Why {@code value} cannot be the id of a touch, if it cannot: the database assigns ids from 1 up. The one statement
     * of this rule; the database has the same check (changeset 0015).
     */
    public static Optional<String> notPositive(long value) {
        return value <= 0 ? Optional.of("TouchId must be positive, got " + value) : Optional.empty();
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
