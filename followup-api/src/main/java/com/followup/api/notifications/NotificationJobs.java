package com.followup.api.notifications;

import static java.util.Objects.requireNonNull;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the planner and then the sender every interval on every server; the database keeps them from clashing. */
public final class NotificationJobs implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationJobs.class);

    private final ReminderPlanner planner;
    private final OutboxSender sender;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public NotificationJobs(ReminderPlanner planner, OutboxSender sender, Duration interval) {
        this.planner = requireNonNull(planner, "planner is null");
        this.sender = requireNonNull(sender, "sender is null");
        this.interval = requireNonNull(interval, "interval is null");
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "followup-notifications");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void tick() {
        // A failed run must not end the schedule: the next tick tries again.
        try {
            planner.runOnce();
        } catch (RuntimeException e) {
            LOG.error("Planning reminders failed", e);
        }
        try {
            sender.runOnce();
        } catch (RuntimeException e) {
            LOG.error("Sending the outbox failed", e);
        }
    }

    @Override
    public void stop() throws InterruptedException {
        if (executor != null) {
            executor.shutdown();
            executor.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
