package com.followup.api.notifications;

import static java.util.Objects.requireNonNull;

/** The two jobs behind e-mail: the planner writes the outbox, the sender empties it. */
public record Notifications(ReminderPlanner planner, OutboxSender sender) {
    public Notifications {
        requireNonNull(planner, "planner is null");
        requireNonNull(sender, "sender is null");
    }
}
