package com.followup.api.cache;

import static java.util.Objects.requireNonNull;

import com.followup.api.db.DatabaseFailures;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.lifecycle.Managed;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the read caches when what they hold may have changed (decision 0012). A trigger on every watched table
 * notifies channel {@value #CHANNEL} when a write commits, from any server or tool; this server listens on a
 * connection of its own. Every notification, and every write request this server answers, moves the <em>epoch</em>
 * on; a cached answer is used only while the epoch it was read in is still the current one.
 *
 * <p>While the listening connection is down nothing can be known about other writers, so {@link #live()} is false and
 * the caches are bypassed; the epoch moves on when it drops and again when it is back.
 */
public final class ChangeFeed implements Managed {
    public static final String CHANNEL = "followup_change";

    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
    private static final String BARRIER = "barrier:";
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration RECONNECT_AT_MOST_EVERY = Duration.ofSeconds(5);
    private static final Duration SELF_TEST = Duration.ofSeconds(5);

    private final DataSourceFactory database;
    private final AtomicLong epoch = new AtomicLong();
    private final Map<String, CountDownLatch> barriers = new ConcurrentHashMap<>();
    private volatile boolean live;
    private volatile boolean running;
    /** Whether the loss of the connection was logged and not yet followed by a working one. */
    private boolean quiet;

    private Thread listener;

    public ChangeFeed(DataSourceFactory database) {
        this.database = requireNonNull(database, "database is null");
    }

    /**
     * A feed that is never started, so never live: the caches built on it read the database every time. For commands
     * that run beside or without a server, and for tests of one part.
     */
    public static ChangeFeed notListening() {
        return new ChangeFeed(new DataSourceFactory());
    }

    /** The current epoch; it only grows. */
    public long epoch() {
        return epoch.get();
    }

    /** Whether changes are being heard; when not, nothing may be served from a cache. */
    public boolean live() {
        return live;
    }

    /** A write by this server: its own requests see it at once, before the notification comes back. */
    public void changed() {
        epoch.incrementAndGet();
    }

    @Override
    public void start() throws InterruptedException {
        running = true;
        CountDownLatch connected = new CountDownLatch(1);
        listener = new Thread(() -> listen(connected), "followup-change-feed");
        listener.setDaemon(true);
        listener.start();
        // Usually a few milliseconds; the server starts anyway (without caching) if the database is slow to answer.
        connected.await(5, TimeUnit.SECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        if (listener != null) {
            listener.interrupt();
            listener.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    /**
     * Waits until every change committed before this call has been heard: it sends a notification of its own, which
     * PostgreSQL delivers after those of the transactions that committed before it. For tests and tools that write
     * with SQL of their own and then read through the API; returns at once when the feed is not live.
     */
    public void awaitChangesHeard(Duration timeout) throws SQLException, InterruptedException {
        if (!live) {
            return;
        }
        String token = BARRIER + UUID.randomUUID();
        CountDownLatch heard = new CountDownLatch(1);
        barriers.put(token, heard);
        try {
            notifyOnce(token);
            if (!heard.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the change feed did not hear its own notification within " + timeout);
            }
        } finally {
            barriers.remove(token);
        }
    }

    private void listen(CountDownLatch connected) {
        while (running) {
            long attempt = System.nanoTime();
            try (Connection connection = connect()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                boolean hearing = hearsItself(postgres, SELF_TEST);
                if (hearing) {
                    epoch.incrementAndGet();
                    live = true;
                    quiet = false;
                    connected.countDown();
                    LOG.info("Listening for changes on channel {}: read caches on", CHANNEL);
                } else {
                    // A pooler in transaction mode, say: LISTEN is accepted but nothing arrives. Caching then would
                    // serve other servers' stale answers, so stay off and try again later.
                    LOG.error(
                            "The change feed does not hear its own notification on channel {} (is the database"
                                    + " behind a transaction-mode pooler?): read caches stay off",
                            CHANNEL);
                }
                while (running && hearing) {
                    PGNotification[] notifications = postgres.getNotifications((int) POLL.toMillis());
                    if (notifications == null) {
                        continue;
                    }
                    boolean changed = false;
                    for (PGNotification notification : notifications) {
                        CountDownLatch barrier = barriers.get(notification.getParameter());
                        if (barrier != null) {
                            barrier.countDown();
                        } else {
                            changed = true;
                        }
                    }
                    if (changed) {
                        epoch.incrementAndGet();
                    }
                }
            } catch (SQLException e) {
                if (running && !quiet) {
                    // One line per outage: the retries every few seconds while the database is away say nothing more.
                    LOG.warn(
                            "The change feed lost its connection ({}): read caches are off until it is back",
                            DatabaseFailures.describe(database.getUrl(), e));
                    quiet = true;
                } else if (running) {
                    LOG.debug("The change feed cannot connect yet", e);
                }
            } finally {
                live = false;
                epoch.incrementAndGet();
            }
            if (running) {
                connected.countDown();
                pauseBeforeReconnecting(attempt);
            }
        }
    }

    /** Sends a notification on a connection of its own and waits up to {@code wait} to hear it on {@code postgres}. */
    boolean hearsItself(PGConnection postgres, Duration wait) throws SQLException {
        String token = BARRIER + "self-test:" + UUID.randomUUID();
        notifyOnce(token);
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            PGNotification[] notifications = postgres.getNotifications(100);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    if (token.equals(notification.getParameter())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void pauseBeforeReconnecting(long attempt) {
        long waited = System.nanoTime() - attempt;
        long rest = RECONNECT_AT_MOST_EVERY.toNanos() - waited;
        if (rest > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(rest);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /** Sends {@code payload} on the channel from a connection of its own, committed at once. */
    private void notifyOnce(String payload) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, payload);
            notify.execute();
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.putAll(database.getProperties());
        if (database.getUser() != null && !database.getUser().isEmpty()) {
            properties.setProperty("user", database.getUser());
        }
        if (database.getPassword() != null && !database.getPassword().isEmpty()) {
            properties.setProperty("password", database.getPassword());
        }
        return DriverManager.getConnection(database.getUrl(), properties);
    }
}
