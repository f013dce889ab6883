package com.followup.api.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.db.DataSourceFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
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

    // ---- row notifications (issue 18), on a feed taken as live

    private static final long CALLER = 1;

    private static String about(ReadCache<String, String> cache, long caller, long candidate, String answer) {
        return cache.get("plan", caller, () -> answer, value -> Optional.empty(), value -> Scope.of(candidate));
    }

    @Test
    void aWriteAboutAnotherCandidateKeepsTheAnswerAndOneAboutItsOwnDropsIt() {
        ChangeFeed live = new ChangeFeed(new DataSourceFactory());
        live.forceLive();
        ReadCache<String, String> plans = new ReadCache<>(live, Clock.systemUTC(), 100);
        assertThat(about(plans, CALLER, 5, "as read")).isEqualTo("as read");

        live.rowsChanged(new long[] {6, 7});
        assertThat(about(plans, CALLER, 5, "read again")).isEqualTo("as read");

        live.rowsChanged(new long[] {7, 5});
        assertThat(about(plans, CALLER, 5, "read again")).isEqualTo("read again");

        live.changed(); // a table notified as a whole: everything goes
        assertThat(about(plans, CALLER, 5, "after the table")).isEqualTo("after the table");
    }

    @Test
    void withALagAChangedAnswerServesOthersForAWhileButNeverItsWriter() {
        ChangeFeed live = new ChangeFeed(new DataSourceFactory());
        live.forceLive();
        ReadCache<String, String> dashboards = new ReadCache<>(live, Clock.systemUTC(), 100, Duration.ofMinutes(1));
        assertThat(about(dashboards, CALLER, 5, "as read")).isEqualTo("as read");

        live.wrote(2);
        live.rowsChanged(new long[] {5});
        assertThat(about(dashboards, 3, 5, "read again"))
                .as("another user, within the lag")
                .isEqualTo("as read");
        assertThat(about(dashboards, 2, 5, "read again")).as("the writer").isEqualTo("read again");

        ReadCache<String, String> strict = new ReadCache<>(live, Clock.systemUTC(), 100, Duration.ZERO);
        assertThat(about(strict, CALLER, 5, "as read")).isEqualTo("as read");
        live.rowsChanged(new long[] {5});
        assertThat(about(strict, 3, 5, "read again")).as("no lag").isEqualTo("read again");
    }

    @Test
    void pastItsLagAChangedAnswerIsReadAgainInTheBackgroundWhileItIsServed() throws Exception {
        ChangeFeed live = new ChangeFeed(new DataSourceFactory());
        live.forceLive();
        ReadCache<String, String> dashboards = new ReadCache<>(live, Clock.systemUTC(), 100, Duration.ofMillis(300));
        assertThat(about(dashboards, CALLER, 5, "as read")).isEqualTo("as read");
        live.rowsChanged(new long[] {5});
        Thread.sleep(350);

        // Past the lag: this request gets the kept answer (or, on a machine slow enough to pass twice the lag, reads
        // itself); either way the newer answer is there for the next one, read once.
        AtomicInteger reads = new AtomicInteger();
        String first = dashboards.get(
                "plan",
                3,
                () -> {
                    reads.incrementAndGet();
                    return "read again";
                },
                value -> Optional.empty(),
                value -> Scope.of(5));
        assertThat(first).isIn("as read", "read again");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String next = about(dashboards, 3, 5, "a third read");
        while (!next.equals("read again") && System.nanoTime() < deadline) {
            Thread.sleep(10);
            next = about(dashboards, 3, 5, "a third read");
        }
        assertThat(next).isEqualTo("read again");
        assertThat(reads).hasValue(1);
    }

    @Test
    void anAnswerPastItsRefreshTimeIsServedWhileItIsCheckedAgainInTheBackground() throws Exception {
        ChangeFeed live = new ChangeFeed(new DataSourceFactory());
        live.forceLive();
        ReadCache<String, String> tokens =
                new ReadCache<>(live, Clock.systemUTC(), 100, Duration.ZERO, Duration.ofMillis(300));
        assertThat(tokens.get("token", () -> "checked")).isEqualTo("checked");
        Thread.sleep(350);

        AtomicInteger checks = new AtomicInteger();
        assertThat(tokens.get("token", () -> {
                    checks.incrementAndGet();
                    return "checked again";
                }))
                .as("served while checked again")
                .isEqualTo("checked");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String next = tokens.get("token", () -> "a request that waited");
        while (next.equals("checked") && System.nanoTime() < deadline) {
            Thread.sleep(10);
            next = tokens.get("token", () -> "a request that waited");
        }
        assertThat(next).isEqualTo("checked again");
        assertThat(checks).hasValue(1);
    }

    @Test
    void aReadDuringWhichItsCandidateChangedIsNotKeptAsFresh() throws Exception {
        ChangeFeed live = new ChangeFeed(new DataSourceFactory());
        live.forceLive();
        ReadCache<String, String> plans = new ReadCache<>(live, Clock.systemUTC(), 100);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = threads.submit(() -> plans.get(
                "plan",
                CALLER,
                () -> {
                    reading.countDown();
                    await(release);
                    return "maybe before the write";
                },
                value -> Optional.empty(),
                value -> Scope.of(5)));
        assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
        live.rowsChanged(new long[] {5});
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("maybe before the write");

        assertThat(about(plans, CALLER, 5, "after the write")).isEqualTo("after the write");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
