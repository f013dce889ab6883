package com.followup.core.model;

/** The id of a client company, as the database assigns it. */
public record CompanyId(long value) {
    public CompanyId {
        if (value <= 0) {
            throw new IllegalArgumentException("CompanyId must be positive, got " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
