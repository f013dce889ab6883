package com.followup.api.jobs;

import static java.util.Objects.requireNonNull;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pass run every interval on an executor of Dropwizard's lifecycle ({@code environment.lifecycle()
 * .scheduledExecutorService(...)}), which shuts the executor down when the server stops. That shutdown lets a running
 * pass finish; this object, managed after the executor and so stopped before it, also interrupts the pass, so a
 * stopping server is not held up by it: the passes check for the interrupt between their units of work (a message, a
 * report) and leave the rest to the next pass, here or on another server.
 */
public final class PeriodicJob implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicJob.class);

    private final String name;
    private final ScheduledExecutorService executor;
    private final Runnable pass;
    private final Duration firstAfter;
    private final Duration interval;
    private volatile ScheduledFuture<?> scheduled;

    public PeriodicJob(
            String name, ScheduledExecutorService executor, Runnable pass, Duration firstAfter, Duration interval) {
        this.name = requireNonNull(name, "name is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.pass = requireNonNull(pass, "pass is null");
        this.firstAfter = requireNonNull(firstAfter, "firstAfter is null");
        this.interval = requireNonNull(interval, "interval is null");
    }

    @Override
    public void start() {
        scheduled = executor.scheduleWithFixedDelay(
                this::runQuietly, firstAfter.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        // A failed pass must not end the schedule: the next one tries again.
        try {
            pass.run();
        } catch (RuntimeException e) {
            LOG.error("{} failed", name, e);
        }
    }

    @Override
    public void stop() {
        ScheduledFuture<?> running = scheduled;
        if (running != null) {
            running.cancel(true);
        }
    }
}
