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
        misplacedDecisionDate(kind, newDecisionDate.isPresent()).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /**
     * Why a reply of {@code kind} cannot carry a new decision date, if it cannot: only an update moves the company's
     * date. The one statement of this rule; the API and the portal refuse such a reply with it, and the database has
     * the same check (changeset 0013).
     */
    public static Optional<String> misplacedDecisionDate(ReplyKind kind, boolean hasNewDecisionDate) {
        if (hasNewDecisionDate && kind != ReplyKind.UPDATE) {
            return Optional.of("only an update names a new decision date, not a " + kind);
        }
        return Optional.empty();
    }

    public Reply withReceivedAt(Instant receivedAt) {
        return new Reply(id, from, receivedAt, kind, newDecisionDate);
    }
}
