package com.followup.api.db;

import static java.util.Objects.requireNonNull;

import io.dropwizard.lifecycle.Managed;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server's view of whether its database is out, so that an outage makes two lines in the log: a warning when the
 * first request finds the database gone, and one when it answers again, with how long it was out. The requests in
 * between answer 503 without logging anything (decision 0015).
 *
 * <p>At the first failure every pooled connection is dropped (the busy ones when they come back): a restarted server
 * has closed them all, and each one handed out again would fail one more request. While the outage lasts a connection
 * from the pool is tried every {@value #PROBE_EVERY_MILLIS} ms; the first one that answers ends it. The probes run on
 * an executor of Dropwizard's lifecycle ({@code environment.lifecycle().scheduledExecutorService(...)}), which shuts it
 * down with the server; this object, managed after the executor and so stopped before it, cancels a pending probe, so a
 * stopping server does not try its database once more.
 */
public final class DatabaseOutage implements Managed {
    static final long PROBE_EVERY_MILLIS = 250;

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutage.class);
    private static final int PROBE_TIMEOUT_SECONDS = 2;

    private final DataSource pool;
    private final String url;
    private final AtomicReference<Outage> current = new AtomicReference<>();
    private final ScheduledExecutorService prober;
    private final AtomicReference<ScheduledFuture<?>> pendingProbe = new AtomicReference<>();
    private volatile boolean stopped;

    private record Outage(long startedNanos, String reason, AtomicLong failedRequests) {}

    /**
     * {@code url} only names the database in the log; its parameters (which may hold a password) are left out.
     * {@code prober} runs the probes; its owner (the server's lifecycle) shuts it down.
     */
    public DatabaseOutage(DataSource pool, String url, ScheduledExecutorService prober) {
        this.pool = requireNonNull(pool, "pool is null");
        this.url = requireNonNull(url, "url is null");
        this.prober = requireNonNull(prober, "prober is null");
    }

    /** Whether an outage is under way: a request found the database unavailable and it has not answered since. */
    public boolean ongoing() {
        return current.get() != null;
    }

    /** A request failed because the database is unavailable ({@link DatabaseFailures#isUnavailable}). */
    public void failed(Throwable failure) {
        Outage outage = current.get();
        if (outage == null) {
            Outage started = new Outage(System.nanoTime(), DatabaseFailures.describe(url, failure), new AtomicLong());
            if (current.compareAndSet(null, started)) {
                LOG.warn("Database unavailable ({}): requests answer 503 until it is back", started.reason());
                if (!DatabaseFailures.isPoolExhausted(failure)) {
                    // A full pool is a busy database, not a gone one: its connections are fine.
                    dropPooledConnections();
                }
                scheduleProbe();
            }
            outage = current.get();
        }
        if (outage != null) {
            outage.failedRequests().incrementAndGet();
        }
    }

    @Override
    public void stop() {
        stopped = true;
        ScheduledFuture<?> pending = pendingProbe.getAndSet(null);
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private void dropPooledConnections() {
        if (pool instanceof DataSourceProxy tomcat) {
            tomcat.purge();
        }
    }

    private void scheduleProbe() {
        if (stopped) {
            return;
        }
        try {
            pendingProbe.set(prober.schedule(this::probe, PROBE_EVERY_MILLIS, TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException stopping) {
            // The server is shutting down; nobody is left to tell.
        }
    }

    private void probe() {
        Outage outage = current.get();
        if (outage == null || stopped) {
            return;
        }
        if (!answers()) {
            scheduleProbe();
            return;
        }
        if (current.compareAndSet(outage, null)) {
            LOG.info(
                    "Database available again after {} ({} requests answered 503 meanwhile)",
                    seconds(System.nanoTime() - outage.startedNanos()),
                    outage.failedRequests().get());
        }
    }

    private boolean answers() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(PROBE_TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException stillOut) {
            return false;
        }
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", Duration.ofNanos(nanos).toMillis() / 1000.0);
    }
}
