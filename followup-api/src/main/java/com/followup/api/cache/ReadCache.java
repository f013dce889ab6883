package com.followup.api.cache;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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

    /** An answer, kept while it may be served. */
    private record Entry<V>(V value, Instant readAt, Instant validUntil) implements Outcome<V> {}

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

    public ReadCache(ChangeFeed changes, Clock clock, long maximumSize) {
        this.changes = requireNonNull(changes, "changes is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.entries = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(AT_MOST)
                .buildAsync();
    }

    /** The cached answer for {@code key}, or {@code read}'s, kept for later when the feed is live. */
    public V get(K key, Supplier<V> read) {
        return get(key, read, value -> Optional.empty());
    }

    /**
     * As {@link #get(Object, Supplier)}, for an answer that changes by itself at the instant {@code validUntil} gives
     * (the next moment a step of a plan opens or falls due), when nothing is written before. A read may answer null
     * (nothing found): that is passed on to the requests waiting for it, never kept.
     */
    public V get(K key, Supplier<V> read, Function<? super V, Optional<Instant>> validUntil) {
        // A second look only when the first found a stale answer (or an earlier failed read) and dropped it; a third
        // would be a race without end.
        for (int look = 0; look < 2; look++) {
            Tagged<K> tagged = new Tagged<>(key, changes.epoch());
            CompletableFuture<Outcome<V>> mine = new CompletableFuture<>();
            CompletableFuture<Outcome<V>> found = entries.get(tagged, (asked, executor) -> mine);
            if (found == mine) {
                return readInto(mine, tagged, read, validUntil);
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
                if (beforeValidUntil(shared)) {
                    return shared.value();
                }
            } else if (outcome instanceof Entry<V> kept && servable(kept)) {
                // One finished before: served only while the feed is live and the clock is within it.
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
            Function<? super V, Optional<Instant>> validUntil) {
        V value;
        try {
            Instant readAt = clock.instant();
            value = read.get();
            flight.complete(
                    value == null
                            ? null
                            : new Entry<>(value, readAt, validUntil.apply(value).orElse(null)));
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
        return future.getNow(null) instanceof Entry<V> entry && servable(entry)
                ? Optional.of(entry.value())
                : Optional.empty();
    }

    /** Whether a kept answer may be served now: the feed live, and the clock between its reading and its end. */
    private boolean servable(Entry<V> entry) {
        return changes.live() && !clock.instant().isBefore(entry.readAt()) && beforeValidUntil(entry);
    }

    private boolean beforeValidUntil(Entry<V> entry) {
        return entry.validUntil() == null || clock.instant().isBefore(entry.validUntil());
    }
}
