package com.followup.api.notifications;

import static java.util.Objects.requireNonNull;

import com.followup.api.notifications.NotificationBodies.OutboxView;
import com.followup.api.representations.Page;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The admins' view of the outbox: every message, reminders and weekly reports alike, with where it stands. Only an
 * admin reaches it (the door's {@code @RolesAllowed}); the SQL is in {@link Outbox}.
 */
public final class Messages {
    private final Jdbi jdbi;

    public Messages(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /** A page of the outbox, newest first, in one snapshot with its count; all states when {@code state} is empty. */
    public Page<OutboxView> list(Optional<OutboxState> state, int limit, long offset) {
        return jdbi.inTransaction(handle -> new Page<>(
                Outbox.list(handle, state, limit, offset).stream()
                        .map(OutboxView::of)
                        .toList(),
                Outbox.count(handle, state),
                limit,
                offset));
    }
}
