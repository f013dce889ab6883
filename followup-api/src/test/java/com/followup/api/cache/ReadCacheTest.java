package com.followup.api.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.db.DataSourceFactory;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-process part of decision 0012, on a change feed that is not listening (so nothing is kept). */
class ReadCacheTest {
    private final ChangeFeed changes = new ChangeFeed(new DataSourceFactory());
    private final ReadCache<String, String> cache = new ReadCache<>(changes, Clock.systemUTC(), 100);
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void concurrentMissesOfOneKeyShareOneRead() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = threads.submit(() -> cache.get("dashboard", () -> {
            reads.incrementAndGet();
            reading.countDown();
            await(release);
            return "answer";
        }));
        assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
        Future<String> second = threads.submit(() -> cache.get("dashboard", () -> {
            reads.incrementAndGet();
            return "a second read";
        }));
        Thread.sleep(500); // time for the second request to reach the cache and wait
        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("answer");
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("answer");
        assertThat(reads).hasValue(1);
    }

    @Test
    void aMissAfterAChangeDoesNotWaitForAReadStartedBeforeIt() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> before = threads.submit(() -> cache.get("plan", () -> {
            reading.countDown();
            await(release);
            return "as it was";
        }));
        assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
        changes.changed();

        assertThat(cache.get("plan", () -> "as it is now")).isEqualTo("as it is now");
        release.countDown();
        assertThat(before.get(5, TimeUnit.SECONDS)).isEqualTo("as it was");
    }

    @Test
    void aFailedReadFailsItsWaitersAndIsNotKept() {
        assertThatThrownBy(() -> cache.get("token", () -> {
                    throw new IllegalStateException("database down");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(cache.get("token", () -> "read again")).isEqualTo("read again");
    }

    @Test
    void aRequestWaitingForAReadFailsWithIt() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        IllegalStateException down = new IllegalStateException("database down");
        Future<String> first = threads.submit(() -> cache.get("plan", () -> {
            reads.incrementAndGet();
            reading.countDown();
            await(release);
            throw down;
        }));
        assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
        Future<String> waiting = threads.submit(() -> cache.get("plan", () -> {
            reads.incrementAndGet();
            return "a second read";
        }));
        Thread.sleep(500); // time for the second request to reach the cache and wait
        release.countDown();

        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).hasCause(down);
        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).hasCause(down);
        assertThat(reads).hasValue(1);
        assertThat(cache.get("plan", () -> "read again")).isEqualTo("read again");
    }

    @Test
    void nothingIsKeptWhileTheFeedIsNotListening() {
        AtomicInteger reads = new AtomicInteger();
        cache.get("dashboard", () -> "read " + reads.incrementAndGet());
        assertThat(cache.get("dashboard", () -> "read " + reads.incrementAndGet()))
                .isEqualTo("read 2");
        assertThat(cache.fresh("dashboard")).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
