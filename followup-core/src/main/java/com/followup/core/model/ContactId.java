package com.followup.core.model;

/** The id of a contact at a client company, as the database assigns it. */
public record ContactId(long value) {
    public ContactId {
        if (value <= 0) {
            throw new IllegalArgumentException("ContactId must be positive, got " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
