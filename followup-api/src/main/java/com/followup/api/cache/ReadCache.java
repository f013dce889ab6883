package com.followup.api.cache;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers read from the database, kept while nothing they depend on can have changed (decision 0012): an answer is
 * served again only in the {@link ChangeFeed} epoch in which it was read, and, for answers that change with time, before
 * the instant it says it changes. Bounded in size, and no answer is kept longer than a few minutes, so a missed change
 * could never last.
 *
 * <p>One Caffeine {@link AsyncCache} does all of it (decision 0017): its key is the asked key with the epoch it was
 * asked in, so a change makes every older answer unreachable (they age out under the size bound and the time limit),
 * and its {@code get} puts one read under way per key and epoch, which the other requests that miss it wait for (single
 * flight) without holding a lock of the map while the database answers. The read runs on the requesting thread.
 */
public final class ReadCache<K, V> {
    private static final Duration AT_MOST = Duration.ofMinutes(5);

    /** A key as asked in one epoch of the change feed. */
    private record Tagged<K>(K key, long epoch) {}

    /**
     * What a read came to. A failure is a value too, not an exceptionally completed future: Caffeine logs a warning
     * for each of those, and while the database is out that would be a stack trace a request (decision 0015 keeps an
     * outage to two lines).
     */
    private sealed interface Outcome<V> permits Entry, Failure {}

    /**
     * An answer, kept while it may be served: read at {@code readAt} (the clock) and {@code readNanos}, after this
     * server's write request number {@code readWrites}, about the candidates of {@code scope}; {@link #changed} once a
     * row notification named one of them.
     */
    private static final class Entry<V> implements Outcome<V> {
        /** The key and epoch it is kept under. */
        final Tagged<?> tagged;

        final V value;
        final Instant readAt;
        final Instant validUntil;
        final Scope scope;
        final long readNanos;
        final long readWrites;
        /** Whether a background read of a newer answer is under way (at most one an answer). */
        final java.util.concurrent.atomic.AtomicBoolean refreshing = new java.util.concurrent.atomic.AtomicBoolean();
        /**
         * The transaction this server committed that left the answer as it is ({@link #written}), 0 for an answer read
         * from the database: that transaction's notifications do not mark it changed.
         */
        volatile long writtenBy;
        /**
         * Who marked it changed (a row notification named one of its candidates): the one transaction all its marks
         * named, or -1 (several, or one not named); 0 while unmarked. Written under the entry's lock.
         */
        private volatile long markedBy;

        boolean changed() {
            return markedBy != 0;
        }

        /** A row notification (or this server's own mark) of {@code transaction} (0: not named) about it. */
        synchronized void mark(long transaction) {
            if (transaction != 0 && writtenBy == transaction) {
                return;
            }
            if (transaction == 0) {
                markedBy = -1;
            } else if (markedBy == 0) {
                markedBy = transaction;
            } else if (markedBy != transaction) {
                markedBy = -1;
            }
        }

        /** Whether nothing but {@code transaction} marked it changed (or nothing at all). */
        boolean changedAtMostBy(long transaction) {
            long marked = markedBy;
            return marked == 0 || marked == transaction;
        }

        Entry(
                Tagged<?> tagged,
                V value,
                Instant readAt,
                Instant validUntil,
                Scope scope,
                long readNanos,
                long readWrites) {
            this.tagged = tagged;
            this.value = value;
            this.readAt = readAt;
            this.validUntil = validUntil;
            this.scope = scope;
            this.readNanos = readNanos;
            this.readWrites = readWrites;
        }

        V value() {
            return value;
        }

        Instant readAt() {
            return readAt;
        }

        Instant validUntil() {
            return validUntil;
        }
    }

    /**
     * The caller of a {@link #get} that has no user (token checks, the policy): no write of its own to wait for, it
     * relies on the change notifications alone.
     */
    public static final long ANYONE = -1;

    /** A failed read: handed to the requests that waited for it, then dropped. */
    private record Failure<V>(RuntimeException runtime, Error error) implements Outcome<V> {
        void rethrow() {
            if (runtime != null) {
                throw runtime;
            }
            throw error;
        }
    }

    private final ChangeFeed changes;
    private final Clock clock;
    private final AsyncCache<Tagged<K>, Outcome<V>> entries;
    private final long lagNanos;
    private final long refreshAfterNanos;

    public ReadCache(ChangeFeed changes, Clock clock, long maximumSize) {
        this(changes, clock, maximumSize, Duration.ZERO);
    }

    /**
     * A cache whose answers may still be served for {@code lag} after they were read although a row notification
     * changed them (issue 18): under a stream of writes about the same candidates one answer is read at most once a
     * {@code lag} instead of once a write. Never to the user who wrote, never past a change of a whole table, a
     * valid-until or a dead feed.
     */
    public ReadCache(ChangeFeed changes, Clock clock, long maximumSize, Duration lag) {
        this(changes, clock, maximumSize, lag, Duration.ZERO);
    }

    /**
     * {@code refreshAfter}: an answer older than this is still served, and read again in the background once (for
     * answers that must be checked in the database now and then without every request waiting for the check: a
     * bearer token's, which also records its use); its valid-until stays the hard end. Zero: never.
     */
    public ReadCache(ChangeFeed changes, Clock clock, long maximumSize, Duration lag, Duration refreshAfter) {
        this.changes = requireNonNull(changes, "changes is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.lagNanos = requireNonNull(lag, "lag is null").toNanos();
        this.refreshAfterNanos =
                requireNonNull(refreshAfter, "refreshAfter is null").toNanos();
        this.entries = Caffeine.newBuilder()
                // Its upkeep and the removal listener below (a few set operations) on the calling thread: handed to the
                // common pool, each replaced answer cost a wake-up of another thread (issue 18, 1.7 % of the CPU of the
                // mixed plan run for the records written here alone).
                .executor(Runnable::run)
                .maximumSize(maximumSize)
                .expireAfterWrite(AT_MOST)
                .removalListener((Tagged<K> key, Outcome<V> outcome, RemovalCause cause) -> {
                    if (outcome instanceof Entry<V> entry) {
                        unindex(entry);
                    }
                })
                .buildAsync();
        changes.onRowsChanged(this::rowsChanged);
    }

    /**
     * The kept answers by the candidates they are about, so a row notification finds its answers without a look at
     * the others (a cache may hold tens of thousands): those about everyone apart.
     */
    private final Map<Long, Set<Entry<V>>> byCandidate = new ConcurrentHashMap<>();

    private final Set<Entry<V>> aboutEveryone = ConcurrentHashMap.newKeySet();

    private void index(Entry<V> entry) {
        if (entry.scope.isAll()) {
            aboutEveryone.add(entry);
        } else {
            for (long candidate : entry.scope.candidates()) {
                byCandidate
                        .computeIfAbsent(candidate, id -> ConcurrentHashMap.newKeySet())
                        .add(entry);
            }
        }
    }

    private void unindex(Entry<V> entry) {
        if (entry.scope.isAll()) {
            aboutEveryone.remove(entry);
        } else {
            for (long candidate : entry.scope.candidates()) {
                byCandidate.computeIfPresent(candidate, (id, kept) -> {
                    kept.remove(entry);
                    return kept.isEmpty() ? null : kept;
                });
            }
        }
    }

    /**
     * Marks the answers about any of {@code candidates} changed, but those that {@code transaction} wrote itself (0:
     * none).
     */
    private void rowsChanged(long[] candidates, long transaction) {
        for (Entry<V> entry : aboutEveryone) {
            entry.mark(transaction);
        }
        for (long candidate : candidates) {
            Set<Entry<V>> kept = byCandidate.get(candidate);
            if (kept != null) {
                for (Entry<V> entry : kept) {
                    entry.mark(transaction);
                }
            }
        }
    }

    /**
     * A write this server committed in {@code transaction} left the answers about {@code key} (a {@link Scope} key:
     * an interview's) as {@code after} makes them from their key (null: not one it wrote), issue 18, decision 0042.
     * Each answer kept about {@code key} in the current epoch that nothing but that transaction marked changed is
     * replaced by that value, as if read now, and the notifications of {@code transaction} do not mark it; any other
     * notification heard since {@code since} (noted before the writer read) does, so a write committed after the
     * writer's, or one it may not have seen, still drops it. Only for answers with no valid-until.
     */
    public void written(long key, long transaction, long since, Function<? super K, V> after) {
        Set<Entry<V>> kept = byCandidate.get(key);
        if (kept == null || transaction == 0 || !changes.live()) {
            return;
        }
        long epoch = changes.epoch();
        for (Entry<V> old : List.copyOf(kept)) {
            // Marked by the writer's own notification, heard before it got here, is no reason to leave it.
            if (!old.changedAtMostBy(transaction) || old.validUntil != null || old.tagged.epoch() != epoch) {
                continue;
            }
            @SuppressWarnings("unchecked") // kept under it by readEntry, in this cache
            Tagged<K> tagged = (Tagged<K>) old.tagged;
            CompletableFuture<Outcome<V>> current = entries.getIfPresent(tagged);
            if (current == null || !current.isDone() || current.getNow(null) != old) {
                continue;
            }
            V value = after.apply(tagged.key());
            if (value == null) {
                continue;
            }
            Entry<V> fresh = new Entry<>(
                    tagged, value, clock.instant(), null, old.scope, System.nanoTime(), changes.localWrites());
            fresh.writtenBy = transaction;
            index(fresh);
            if (!entries.asMap().replace(tagged, current, CompletableFuture.completedFuture(fresh))) {
                unindex(fresh);
                continue;
            }
            // Indexed before this look, so a notification heard after it marks the answer itself.
            if (changes.rowsChangedSince(since, fresh.scope, transaction)) {
                fresh.mark(0);
            }
        }
    }

    /** The cached answer for {@code key}, or {@code read}'s, kept for later when the feed is live. */
    public V get(K key, Supplier<V> read) {
        return get(key, read, value -> Optional.empty());
    }

    public V get(K key, Supplier<V> read, Function<? super V, Optional<Instant>> validUntil) {
        return get(key, ANYONE, read, validUntil, value -> Scope.NONE);
    }

    /**
     * As {@link #get(Object, Supplier)}, for an answer that changes by itself at the instant {@code validUntil} gives
     * (the next moment a step of a plan opens or falls due), when nothing is written before. A read may answer null
     * (nothing found): that is passed on to the requests waiting for it, never kept.
     */
    public V get(
            K key,
            long caller,
            Supplier<V> read,
            Function<? super V, Optional<Instant>> validUntil,
            Function<? super V, Scope> scope) {
        // A second look only when the first found a stale answer (or an earlier failed read) and dropped it; a third
        // would be a race without end.
        for (int look = 0; look < 2; look++) {
            Tagged<K> tagged = new Tagged<>(key, changes.epoch());
            CompletableFuture<Outcome<V>> mine = new CompletableFuture<>();
            CompletableFuture<Outcome<V>> found = entries.get(tagged, (asked, executor) -> mine);
            if (found == mine) {
                return readInto(mine, tagged, read, validUntil, scope);
            }
            boolean underWay = !found.isDone();
            Outcome<V> outcome = found.join();
            if (underWay) {
                // The read this request waited for is its answer, unless the answer's end came meanwhile.
                if (outcome instanceof Failure<V> failure) {
                    failure.rethrow();
                }
                if (!(outcome instanceof Entry<V> shared)) {
                    return null;
                }
                if (beforeValidUntil(shared) && !wroteSince(caller, shared)) {
                    return shared.value();
                }
            } else if (outcome instanceof Entry<V> kept && servable(kept, caller)) {
                // One finished before: served only while the feed is live and the clock is within it.
                if (refreshAfterNanos > 0 && System.nanoTime() - kept.readNanos > refreshAfterNanos) {
                    refreshInBackground(tagged, found, kept, read, validUntil, scope);
                }
                return kept.value();
            } else if (outcome instanceof Entry<V> kept && refreshable(kept, caller)) {
                // Changed by another user's write and past the lag: read again in the background while this answer
                // is served a little longer (at most a second lag), so no request waits for the read.
                refreshInBackground(tagged, found, kept, read, validUntil, scope);
                return kept.value();
            }
            entries.asMap().remove(tagged, found);
        }
        return read.get();
    }

    /** Reads for {@code key} and completes {@code flight}, the future the other requests of its epoch wait for. */
    private V readInto(
            CompletableFuture<Outcome<V>> flight,
            Tagged<K> tagged,
            Supplier<V> read,
            Function<? super V, Optional<Instant>> validUntil,
            Function<? super V, Scope> scope) {
        V value;
        try {
            Entry<V> entry = readEntry(tagged, read, validUntil, scope);
            value = entry == null ? null : entry.value();
            flight.complete(entry);
        } catch (RuntimeException e) {
            fail(flight, tagged, new Failure<>(e, null));
            throw e;
        } catch (Error e) {
            fail(flight, tagged, new Failure<>(null, e));
            throw e;
        }
        if (value == null || !changes.live() || changes.epoch() != tagged.epoch()) {
            // Nothing found, read while nothing may be kept, or a change came meanwhile: the requests that waited
            // have the answer, no later one will.
            entries.asMap().remove(tagged, flight);
        }
        return value;
    }

    /**
     * Reads an answer as an entry (null when nothing is found), indexed by its candidates and already marked changed
     * when a write about them was heard while it was read (the read may or may not show it).
     */
    private Entry<V> readEntry(
            Tagged<K> tagged,
            Supplier<V> read,
            Function<? super V, Optional<Instant>> validUntil,
            Function<? super V, Scope> scope) {
        Instant readAt = clock.instant();
        long readNanos = System.nanoTime();
        long readWrites = changes.localWrites();
        long rowChanges = changes.rowChanges();
        V value = read.get();
        if (value == null) {
            return null;
        }
        Entry<V> entry = new Entry<>(
                tagged, value, readAt, validUntil.apply(value).orElse(null), scope.apply(value), readNanos, readWrites);
        index(entry);
        if (changes.rowsChangedSince(rowChanges, entry.scope)) {
            entry.mark(0);
        }
        return entry;
    }

    /** Those waiting fail with the read; nothing is kept. */
    private void fail(CompletableFuture<Outcome<V>> flight, Tagged<K> tagged, Failure<V> failure) {
        flight.complete(failure);
        entries.asMap().remove(tagged, flight);
    }

    /** The cached answer, if there is one that may still be served. */
    Optional<V> fresh(K key) {
        if (!changes.live()) {
            return Optional.empty();
        }
        CompletableFuture<Outcome<V>> future = entries.getIfPresent(new Tagged<>(key, changes.epoch()));
        if (future == null || !future.isDone()) {
            return Optional.empty();
        }
        return future.getNow(null) instanceof Entry<V> entry && servable(entry, ANYONE)
                ? Optional.of(entry.value())
                : Optional.empty();
    }

    /**
     * Whether a kept answer may be served now to {@code caller}: the feed live, the clock between its reading and its
     * end, no write of the caller's since it was read, and no row notification about it, or one less than the lag ago.
     */
    private boolean servable(Entry<V> entry, long caller) {
        return usable(entry, caller) && (!entry.changed() || System.nanoTime() - entry.readNanos < lagNanos);
    }

    /** What both {@link #servable} and {@link #refreshable} ask: the feed live, the clock, the caller's writes. */
    private boolean usable(Entry<V> entry, long caller) {
        return changes.live()
                && !clock.instant().isBefore(entry.readAt())
                && beforeValidUntil(entry)
                && !wroteSince(caller, entry);
    }

    /**
     * Whether an answer past its lag may be served once more while it is read again in the background: everything
     * {@link #servable} asks but the lag, which may be passed by as much again.
     */
    private boolean refreshable(Entry<V> entry, long caller) {
        return lagNanos > 0
                && entry.changed()
                && usable(entry, caller)
                && (System.nanoTime() - entry.readNanos < 2 * lagNanos
                        || entry.refreshing.get() && System.nanoTime() - entry.readNanos < AT_MOST_LAGGING);
    }

    /**
     * While its background read is still under way (a slow database), an answer past twice its lag is served at most
     * this long after it was read; then requests read themselves.
     */
    private static final long AT_MOST_LAGGING = Duration.ofSeconds(5).toNanos();

    /** One read at a time an answer: the first request past the lag starts it, the others serve the answer kept. */
    private void refreshInBackground(
            Tagged<K> tagged,
            CompletableFuture<Outcome<V>> found,
            Entry<V> kept,
            Supplier<V> read,
            Function<? super V, Optional<Instant>> validUntil,
            Function<? super V, Scope> scope) {
        if (!kept.refreshing.compareAndSet(false, true)) {
            return;
        }
        try {
            REFRESHES.execute(() -> {
                try {
                    Entry<V> entry = readEntry(tagged, read, validUntil, scope);
                    if (entry != null && changes.epoch() == tagged.epoch()) {
                        if (!entries.asMap().replace(tagged, found, CompletableFuture.completedFuture(entry))) {
                            unindex(entry);
                        }
                    } else {
                        if (entry != null) {
                            unindex(entry);
                        }
                        entries.asMap().remove(tagged, found);
                    }
                } catch (RuntimeException e) {
                    // The next request past the lag reads it itself (and meets the error, if it lasts).
                    entries.asMap().remove(tagged, found);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            kept.refreshing.set(false);
        }
    }

    /** Two threads for the background reads of all the caches: a read is a few milliseconds of the database. */
    private static final java.util.concurrent.ExecutorService REFRESHES = new java.util.concurrent.ThreadPoolExecutor(
            2,
            2,
            30,
            java.util.concurrent.TimeUnit.SECONDS,
            new java.util.concurrent.ArrayBlockingQueue<>(1_000),
            runnable -> {
                Thread thread = new Thread(runnable, "read-cache-refresh");
                thread.setDaemon(true);
                return thread;
            });

    static {
        ((java.util.concurrent.ThreadPoolExecutor) REFRESHES).allowCoreThreadTimeOut(true);
    }

    /**
     * Whether the caller's own write may be missing from the answer: a write request of theirs answered here after it
     * was read. Its notifications were heard before it was answered ({@link LocalWrites}), but an answer they marked
     * may still be within its lag, which is for other people's writes only. A caller with no user ({@link #ANYONE}:
     * token checks, the policy) relies on the notifications alone (issue 18: any write request used to drop them).
     */
    private boolean wroteSince(long caller, Entry<V> entry) {
        return caller != ANYONE && changes.wroteSince(caller, entry.readWrites);
    }

    private boolean beforeValidUntil(Entry<V> entry) {
        return entry.validUntil() == null || clock.instant().isBefore(entry.validUntil());
    }
}
