package com.followup.api.cache;

import static java.util.Objects.requireNonNull;

import com.followup.api.db.DatabaseFailures;
import com.followup.core.model.InterviewRecord;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.lifecycle.Managed;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the read caches when what they hold may have changed (decision 0012). A trigger on every watched table
 * notifies channel {@value #CHANNEL} when a write commits, from any server or tool; this server listens on a
 * connection of its own. Every notification that names a table, and every write request this server answers, moves
 * the <em>epoch</em> on; a cached answer is used only while the epoch it was read in is still the current one. A
 * barrier ({@link #awaitChangesHeard}) tells of no change: another server's moves nothing here.
 *
 * <p>Writes to an interview, its parts, a candidate or a dashboard mark notify the candidates they changed instead of
 * the table ({@code c:12,40}, changeset 0023): those do not move the epoch; each read cache marks its answers about
 * those candidates ({@link #onRowsChanged}, issue 18). A write request answered here makes only its own user's next
 * reads skip older answers ({@link #wrote}).
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
    /** Guards {@link #gathering}, the round of barrier callers that has not been sent yet (null: none). */
    private final Object rounds = new Object();

    private Round gathering;
    /** The payload prefix of a row notification (changeset 0023): the candidates a write changed. */
    static final String ROWS = "c:";

    private final AtomicLong localWrites = new AtomicLong();
    private final Map<Long, Long> lastWriteByUser = new ConcurrentHashMap<>();
    private final List<RowsListener> rowListeners = new CopyOnWriteArrayList<>();
    private final List<WrittenListener> writtenListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> bulkListeners = new CopyOnWriteArrayList<>();
    /** The latest row notifications, by their number modulo the length (guarded by itself, with rowChanges). */
    private final long[][] recentRows = new long[4096][];
    /** The transaction that wrote each of {@link #recentRows} (changeset 0026), or 0 when it was not named. */
    private final long[] recentTransactions = new long[4096];

    private long rowChanges;

    private final Object sending = new Object();
    /** The connection barriers are sent on (guarded by {@link #sending}). */
    private Connection sender;

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

    /** For tests of the caches alone: as if the feed were listening (nothing is heard but what the test says). */
    void forceLive() {
        live = true;
    }

    /** Whether changes are being heard; when not, nothing may be served from a cache. */
    public boolean live() {
        return live;
    }

    /** A write by this server: its own requests see it at once, before the notification comes back. */
    public void changed() {
        epoch.incrementAndGet();
    }

    /**
     * A write request of user {@code userId} answered by this server (issue 18): what it changed is told by the
     * database's notification a moment later, row by row; until then, that user's next reads are not served from an
     * answer read before it ({@link #wroteSince}), so they see their own write at once. Nobody else's cache is dropped.
     */
    public void wrote(long userId) {
        long seq = localWrites.incrementAndGet();
        lastWriteByUser.merge(userId, seq, Math::max);
    }

    /** The sequence number of this server's latest write request: an answer notes it when its read starts. */
    public long localWrites() {
        return localWrites.get();
    }

    /** Whether {@code userId} had a write answered by this server after the read that noted {@code localWrites}. */
    public boolean wroteSince(long userId, long localWrites) {
        Long last = lastWriteByUser.get(userId);
        return last != null && last > localWrites;
    }

    /** The number of row notifications heard so far: an answer notes it when its read starts. */
    public long rowChanges() {
        synchronized (recentRows) {
            return rowChanges;
        }
    }

    /**
     * Whether a row notification heard after {@code since} ({@link #rowChanges}) names a candidate in {@code scope}:
     * the read may have missed that write. True too when so many came since that the oldest were forgotten.
     */
    public boolean rowsChangedSince(long since, Scope scope) {
        return rowsChangedSince(since, scope, 0);
    }

    /**
     * As {@link #rowsChangedSince(long, Scope)}, leaving out the notifications of transaction {@code except} (0:
     * none): what an answer written by that transaction already shows.
     */
    public boolean rowsChangedSince(long since, Scope scope, long except) {
        synchronized (recentRows) {
            if (rowChanges - since > recentRows.length) {
                return !scope.isNone();
            }
            for (long seq = since + 1; seq <= rowChanges; seq++) {
                int at = (int) (seq % recentRows.length);
                if ((except == 0 || recentTransactions[at] != except) && scope.intersects(recentRows[at])) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Called with the keys of each row notification heard and the transaction that wrote it (0 when not named): a
     * read cache marks its answers about them, but not those that transaction wrote itself ({@link #writtenHere}).
     */
    public void onRowsChanged(RowsListener listener) {
        rowListeners.add(requireNonNull(listener, "listener is null"));
    }

    /** What a row notification changed: its keys ({@link Scope}) and its transaction (0: not named). */
    @FunctionalInterface
    public interface RowsListener {
        void rowsChanged(long[] keys, long transaction);
    }

    /**
     * Interview records as a transaction committed by this server left them (issue 18, decision 0042): its writer built
     * them while it held their interviews' summary rows, so they are every input of what it committed.
     */
    @FunctionalInterface
    public interface WrittenListener {
        /**
         * {@code since}: {@link #rowChanges} noted before the writer read the records; a notification heard after it,
         * of any other transaction, may be a write the records do not show.
         */
        void written(long transaction, long since, List<InterviewRecord> records);
    }

    /**
     * Called on the listening thread, so it must return at once, when a notification tells of a bulk change: a
     * table's name (everything in it may have changed), or a row notification naming at least {@link #BULK} keys (a
     * statement that changed that many candidates or interviews, changeset 0028). A touch group names fewer.
     */
    public void onBulkChange(Runnable listener) {
        bulkListeners.add(requireNonNull(listener, "listener is null"));
    }

    /** Keys in one row notification from which it tells of a bulk change: one whole notification of changeset 0028. */
    static final int BULK = 200;

    /** Called with the records each writer of this server committed ({@link #writtenHere}). */
    public void onWritten(WrittenListener listener) {
        writtenListeners.add(requireNonNull(listener, "listener is null"));
    }

    /**
     * Transaction {@code transaction}, committed by this server, left these records as they are (decision 0042): the
     * caches that keep records take them in place of what they kept, so nobody reads them again for this write. To be
     * called after the commit and before {@link #changedHere} for the same transaction.
     */
    public void writtenHere(long transaction, long since, List<InterviewRecord> records) {
        if (transaction == 0 || !live) {
            return;
        }
        for (WrittenListener listener : writtenListeners) {
            listener.written(transaction, since, records);
        }
    }

    /**
     * A write this server committed changed these interviews (or their parts) of these candidates: this server's
     * caches mark their answers about them now, as the write's own notification will a moment later (and does on
     * every other server). A write request that calls it after its commit need not wait for {@link
     * #awaitChangesHeard} before it is answered ({@link MarksItsChanges}). The answers that {@code transaction} (0:
     * not known) wrote itself ({@link #writtenHere}) are left as they are.
     */
    public void changedHere(long[] candidates, long[] interviews, long transaction) {
        long[] keys = Arrays.copyOf(candidates, candidates.length + interviews.length);
        for (int i = 0; i < interviews.length; i++) {
            keys[candidates.length + i] = Scope.interviewKey(interviews[i]);
        }
        rowsChanged(keys, transaction);
    }

    /**
     * A row notification: the candidates whose interviews, parts or dashboard marks a committed write changed, and the
     * transaction that wrote it (0: not named).
     */
    void rowsChanged(long[] candidates, long transaction) {
        synchronized (recentRows) {
            rowChanges++;
            int at = (int) (rowChanges % recentRows.length);
            recentRows[at] = candidates;
            recentTransactions[at] = transaction;
        }
        for (RowsListener listener : rowListeners) {
            listener.rowsChanged(candidates, transaction);
        }
    }

    /** The transaction a row notification names ({@code x:}, changeset 0026), or 0. */
    static long transactionOf(String payload) {
        int at = payload == null ? -1 : payload.lastIndexOf(";x:");
        if (at < 0) {
            return 0;
        }
        try {
            return Long.parseLong(payload.substring(at + 3));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The keys ({@link Scope}) of a row notification's payload: {@code c:1,2} the candidates (changeset 0023), then
     * {@code ;i:7,9} the interviews and {@code ;w:1} the candidates whose own row changed (changeset 0025); or null
     * for any other payload (a table's name: everything may have changed).
     */
    static long[] keysOf(String payload) {
        if (payload == null || !payload.startsWith(ROWS)) {
            return null;
        }
        try {
            return Arrays.stream(payload.split(";"))
                    .flatMapToLong(section -> {
                        LongUnaryOperator key =
                                switch (section.substring(0, section.indexOf(':') + 1)) {
                                    case ROWS -> id -> id;
                                    case "i:" -> Scope::interviewKey;
                                    case "w:" -> Scope::candidateRowKey;
                                    case "x:" -> null; // the transaction, not a key (changeset 0026)
                                    default -> throw new NumberFormatException("unknown section " + section);
                                };
                        if (key == null) {
                            return java.util.stream.LongStream.empty();
                        }
                        return Arrays.stream(section.substring(section.indexOf(':') + 1)
                                        .split(","))
                                .mapToLong(Long::parseLong)
                                .map(key);
                    })
                    .toArray();
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return null;
        }
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
        closeSender();
        running = false;
        if (listener != null) {
            listener.interrupt();
            listener.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    /**
     * Waits until every change committed before this call has been heard: it sends a notification of its own, which
     * PostgreSQL delivers after those of the transactions that committed before it. Each write request waits for it
     * before it is answered ({@link LocalWrites}), so what it changed is marked in every cache of this server before
     * anyone here can ask again; tests and tools that write with SQL of their own call it too. Returns at once when
     * the feed is not live.
     *
     * <p>Concurrent callers share one notification (issue 18): while one is being sent, those who come next join
     * the round after it, which one of them sends once the first is out; each round is sent after all of its callers
     * called, so after their commits.
     */
    public void awaitChangesHeard(Duration timeout) throws SQLException, InterruptedException {
        if (!live) {
            return;
        }
        Round round;
        boolean sends;
        synchronized (rounds) {
            sends = gathering == null;
            if (sends) {
                gathering = new Round();
                barriers.put(gathering.token, gathering.heard);
            }
            round = gathering;
        }
        try {
            if (sends) {
                synchronized (sending) {
                    // Whoever comes from now on joins the next round: this one is sent after every caller it has.
                    synchronized (rounds) {
                        gathering = null;
                    }
                    try {
                        notifyShared(round.token);
                    } catch (SQLException e) {
                        round.failed = e;
                    } finally {
                        round.sent.countDown();
                    }
                }
            } else if (!round.sent.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the change feed did not send its notification within " + timeout);
            }
            if (round.failed != null) {
                throw round.failed;
            }
            if (!round.heard.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the change feed did not hear its own notification within " + timeout);
            }
        } finally {
            if (sends) {
                barriers.remove(round.token);
            }
        }
    }

    /** The callers of {@link #awaitChangesHeard} who share one notification. */
    private static final class Round {
        final String token = BARRIER + UUID.randomUUID();
        final CountDownLatch heard = new CountDownLatch(1);
        final CountDownLatch sent = new CountDownLatch(1);
        volatile SQLException failed;
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
                    // In the order they came: a barrier is released only after every change heard before it has
                    // been applied (a table's change moving the epoch in the same batch as a barrier once reached
                    // the barrier's waiter too late: it read a cached answer the change had made stale).
                    for (PGNotification notification : notifications) {
                        heard(notification.getParameter());
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

    /**
     * One notification heard: a barrier released (another server's changes nothing), candidates' rows marked, or (a
     * table's name) the epoch moved; a bulk change is told to {@link #onBulkChange}'s listeners.
     */
    void heard(String payload) {
        CountDownLatch barrier = barriers.get(payload);
        long[] keys = keysOf(payload);
        if (barrier != null) {
            barrier.countDown();
            return;
        }
        if (payload != null && payload.startsWith(BARRIER)) {
            // Another server's barrier, or one whose caller stopped waiting: it tells of no change.
            return;
        }
        if (keys != null) {
            rowsChanged(keys, transactionOf(payload));
        } else {
            epoch.incrementAndGet();
        }
        if (keys == null || keys.length >= BULK) {
            bulkListeners.forEach(Runnable::run);
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

    /**
     * Sends {@code payload} on the channel from the feed's one sending connection (opened on first use, again after a
     * failure), committed at once: a barrier for each write request must not cost a new connection.
     */
    private void notifyShared(String payload) throws SQLException {
        synchronized (sending) {
            try {
                if (sender == null || sender.isClosed()) {
                    sender = connect();
                }
                try (PreparedStatement notify = sender.prepareStatement("SELECT pg_notify(?, ?)")) {
                    notify.setString(1, CHANNEL);
                    notify.setString(2, payload);
                    notify.execute();
                }
            } catch (SQLException e) {
                closeSender();
                throw e;
            }
        }
    }

    private void closeSender() {
        synchronized (sending) {
            if (sender != null) {
                try {
                    sender.close();
                } catch (SQLException e) {
                    LOG.debug("Closing the change feed's sending connection failed", e);
                }
                sender = null;
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
