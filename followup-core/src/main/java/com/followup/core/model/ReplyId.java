package com.followup.core.model;

/** The id of a reply from the company, as the database assigns it. */
public record ReplyId(long value) {
    public ReplyId {
        if (value <= 0) {
            throw new IllegalArgumentException("ReplyId must be positive, got " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
