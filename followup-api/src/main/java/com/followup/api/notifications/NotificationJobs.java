package com.followup.api.notifications;

import static java.util.Objects.requireNonNull;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the notification jobs: the planner, then the sender, on every server (the database keeps them from
 * clashing). Run every {@code jobInterval} by a {@link com.followup.api.jobs.PeriodicJob} on an executor of
 * Dropwizard's lifecycle; when the server stops, the pass is interrupted and the sender stops between messages.
 */
public final class NotificationJobs {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationJobs.class);

    private final ReminderPlanner planner;
    private final OutboxSender sender;

    public NotificationJobs(ReminderPlanner planner, OutboxSender sender) {
        this.planner = requireNonNull(planner, "planner is null");
        this.sender = requireNonNull(sender, "sender is null");
    }

    public void tick() {
        // A failed planner must not keep the outbox from being sent: each is tried on its own.
        try {
            planner.runOnce();
        } catch (RuntimeException e) {
            LOG.error("Planning reminders failed", e);
        }
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        try {
            sender.runOnce();
        } catch (RuntimeException e) {
            LOG.error("Sending the outbox failed", e);
        }
    }
}
