package com.followup.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Something the company sent back. Any reply restarts the thread of status checks (R7, R8).
 *
 * @param newDecisionDate an update may name a new date; it becomes the timeline for R6
 */
public record Reply(
        ReplyId id, ContactId from, Instant receivedAt, ReplyKind kind, Optional<LocalDate> newDecisionDate) {
    public Reply {
        requireNonNull(id, "id is null");
        requireNonNull(from, "from is null");
        requireNonNull(receivedAt, "receivedAt is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(newDecisionDate, "newDecisionDate is null");
        if (newDecisionDate.isPresent() && kind != ReplyKind.UPDATE) {
            throw new IllegalArgumentException("only an update names a new decision date, not a " + kind);
        }
    }

    public Reply withReceivedAt(Instant receivedAt) {
        return new Reply(id, from, receivedAt, kind, newDecisionDate);
    }
}
