package com.followup.api.cache;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers read from the database, kept while nothing they depend on can have changed (decision 0012): an answer is
 * served again only in the {@link ChangeFeed} epoch in which it was read, and, for answers that change with time, before
 * the instant it says it changes. Bounded in size (Caffeine), and no answer is kept longer than a few minutes, so a
 * missed change could never last.
 */
public final class ReadCache<K, V> {
    private static final Duration AT_MOST = Duration.ofMinutes(5);

    private record Entry<V>(long epoch, V value, Instant readAt, Instant validUntil) {}

    /** A read under way, which other requests for the same key in the same epoch wait for. */
    private record Flight<V>(long epoch, CompletableFuture<V> result) {}

    private final ChangeFeed changes;
    private final Clock clock;
    private final Cache<K, Entry<V>> entries;
    private final ConcurrentHashMap<K, Flight<V>> flights = new ConcurrentHashMap<>();

    public ReadCache(ChangeFeed changes, Clock clock, long maximumSize) {
        this.changes = requireNonNull(changes, "changes is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.entries = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(AT_MOST)
                .build();
    }

    /** The cached answer for {@code key}, or {@code read}'s, kept for later when the feed is live. */
    public V get(K key, Supplier<V> read) {
        return get(key, read, value -> Optional.empty());
    }

    /**
     * As {@link #get(Object, Supplier)}, for an answer that changes by itself at the instant {@code validUntil} gives
     * (the next moment a step of a plan opens or falls due), when nothing is written before. A read may answer null
     * (nothing found): that is passed on, never kept.
     */
    public V get(K key, Supplier<V> read, Function<? super V, Optional<Instant>> validUntil) {
        Optional<V> cached = fresh(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        long epoch = changes.epoch();
        // Requests that miss the same key in the same epoch wait for one read instead of all reading at once.
        Flight<V> mine = new Flight<>(epoch, new CompletableFuture<>());
        Flight<V> flight =
                flights.compute(key, (asked, current) -> current != null && current.epoch() == epoch ? current : mine);
        if (flight != mine) {
            V shared = join(flight);
            Optional<Instant> until = shared == null ? Optional.empty() : validUntil.apply(shared);
            if (until.isEmpty() || clock.instant().isBefore(until.get())) {
                return shared;
            }
        }
        try {
            Instant readAt = clock.instant();
            V value = read.get();
            if (value != null) {
                keep(key, epoch, readAt, value, validUntil.apply(value).orElse(null));
            }
            mine.result().complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.result().completeExceptionally(e);
            throw e;
        } finally {
            flights.remove(key, mine);
        }
    }

    private static <V> V join(Flight<V> flight) {
        try {
            return flight.result().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** The cached answer, if there is one that may still be served. */
    Optional<V> fresh(K key) {
        if (!changes.live()) {
            return Optional.empty();
        }
        Entry<V> entry = entries.getIfPresent(key);
        if (entry == null || entry.epoch() != changes.epoch()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isBefore(entry.readAt()) || (entry.validUntil() != null && !now.isBefore(entry.validUntil()))) {
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    /** Keeps {@code value}, read from the database in {@code epoch} at {@code readAt}, unless a change came since. */
    private void keep(K key, long epoch, Instant readAt, V value, Instant validUntil) {
        if (changes.live() && epoch == changes.epoch()) {
            entries.put(key, new Entry<>(epoch, value, readAt, validUntil));
        }
    }
}
