package com.followup.api.dashboard;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No cold cliff (issue 18): the plan summaries that are stale when the server starts (data generated or imported and
 * never evaluated, deadlines passed while it was down, a new policy) are evaluated in the background right after the
 * start, and again every {@link #EVERY} as deadlines pass, so the first dashboard after a start or a deploy finds them
 * current instead of evaluating the agency in its request. The health check {@code summaries} is unhealthy until the
 * first pass is done, so a load balancer sends no user to a server still warming up.
 *
 * <p>A pass refreshes every stale summary the way a dashboard request would, one batch of interviews at a time, with
 * no dashboard built (on a million interviews that would be two hundred thousand rows in memory every minute): it
 * changes no answer, only what is stored. Several servers may run it at once; each summary is stored under its inputs'
 * generation, so they cannot store a wrong one.
 *
 * <p>A bulk change (an import, a correction made with SQL, a policy's table: {@link
 * com.followup.api.cache.ChangeFeed#onBulkChange}) {@linkplain #wake wakes} the pass (a moment later, and at most once
 * every {@link #WOKEN_AT_MOST_EVERY}), so the summaries it made stale are evaluated here in the background, not by the
 * first dashboard after it while every other reader waits.
 */
public final class SummaryWarmUp implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(SummaryWarmUp.class);
    static final Duration EVERY = Duration.ofMinutes(1);
    /**
     * How long a woken pass waits before it starts: a statement that changed thousands of candidates is told in up to
     * fifty notifications, and one pass evaluates them all.
     */
    static final Duration GATHER = Duration.ofMillis(250);
    /**
     * The least time from one pass's start to a woken pass's: each pass reads every summary row to find the stale ones
     * (20 ms on the medium agency, about ten times that on a million interviews), so a stream of bulk changes costs at
     * most that every few seconds.
     */
    static final Duration WOKEN_AT_MOST_EVERY = Duration.ofSeconds(5);

    private final PlanSummaries summaries;
    private final Clock clock;
    private volatile boolean warm;
    private volatile String lastFailure;
    private volatile boolean running;
    private Thread thread;
    private final Object bell = new Object();
    /** A bulk change heard since the last pass began (guarded by {@link #bell}). */
    private boolean woken;
    /** When the last pass began ({@link System#nanoTime}; the pass's thread only). */
    private long lastPass;

    public SummaryWarmUp(PlanSummaries summaries, Clock clock) {
        this.summaries = requireNonNull(summaries, "summaries is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "plan-summaries-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(Duration.ofSeconds(5).toMillis());
        }
    }

    private void run() {
        while (running) {
            long started = System.nanoTime();
            lastPass = started;
            try {
                int refreshed = summaries.refreshStale(clock.instant());
                LOG.debug("Refreshed {} stale plan summaries", refreshed);
                if (!warm) {
                    LOG.info(
                            "Plan summaries current after {} ms: the dashboards need not evaluate them",
                            Duration.ofNanos(System.nanoTime() - started).toMillis());
                }
                warm = true;
                lastFailure = null;
            } catch (RuntimeException e) {
                // The database away, say: the next pass tries again; until one works the check says why.
                lastFailure = String.valueOf(e.getMessage());
                LOG.debug("Refreshing the plan summaries failed", e);
            }
            try {
                pause(warm ? EVERY : Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Until {@code longest} has passed, or {@link #wake} was called: then {@link #GATHER} more, and at least until
     * {@link #WOKEN_AT_MOST_EVERY} after the last pass began.
     */
    private void pause(Duration longest) throws InterruptedException {
        long deadline = System.nanoTime() + longest.toNanos();
        synchronized (bell) {
            while (!woken) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(bell, left);
            }
        }
        TimeUnit.NANOSECONDS.sleep(
                Math.max(GATHER.toNanos(), lastPass + WOKEN_AT_MOST_EVERY.toNanos() - System.nanoTime()));
        synchronized (bell) {
            // A change heard from here on may come after the pass has read: it wakes the next pass.
            woken = false;
        }
    }

    /**
     * A bulk change was heard: the next pass starts in a moment ({@link #GATHER}; {@link #WOKEN_AT_MOST_EVERY} after
     * the last one began at the earliest), or right after the one running.
     * Returns at once (it is called on the change feed's listening thread).
     */
    public void wake() {
        synchronized (bell) {
            woken = true;
            bell.notifyAll();
        }
    }

    /** Whether a first pass has made every summary current. */
    public boolean warm() {
        return warm;
    }

    /** Unhealthy until the first pass is done. */
    public HealthCheck healthCheck() {
        return new HealthCheck() {
            @Override
            protected Result check() {
                if (warm) {
                    return Result.healthy("plan summaries current as of the last pass (every " + EVERY + ")");
                }
                return Result.unhealthy("evaluating the plan summaries that are stale since the last run"
                        + (lastFailure == null ? "" : " (last attempt failed: " + lastFailure + ")"));
            }
        };
    }
}
