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

        live.rowsChanged(new long[] {6, 7}, 0);
        assertThat(about(plans, CALLER, 5, "read again")).isEqualTo("as read");

        live.rowsChanged(new long[] {7, 5}, 0);
        assertThat(about(plans, CALLER, 5, "read again")).isEqualTo("read again");

        live.changed(); // a table notified as a whole: everything goes
        assertThat(about(plans, CALLER, 5, "after the table")).isEqualTo("after the table");
    }

    /** Decision 0042: an interview's record kept as this server's writer committed it, and how long. */
    @Test
    void anAnswerWrittenHereIsKeptUntilAnotherTransactionChangesIt() {
        ChangeFeed live = new ChangeFeed(new DataSourceFactory());
        ReadCache<String, String> records = keptRecord(live);
        long interview = Scope.interviewKey(7);

        long since = live.rowChanges();
        records.written(interview, 41, since, key -> key.equals("interview 7") ? "as written" : null);
        live.rowsChanged(new long[] {5, interview}, 41); // the writer's own mark, then its notification
        live.rowsChanged(new long[] {5, interview}, 41);
        assertThat(record(records, "read again")).as("its own transaction").isEqualTo("as written");
        live.rowsChanged(new long[] {5, Scope.interviewKey(8)}, 43);
        assertThat(record(records, "read again")).as("another interview").isEqualTo("as written");

        live.rowsChanged(new long[] {5, interview}, 42);
        assertThat(record(records, "read again")).as("another transaction").isEqualTo("read again");
        live.rowsChanged(new long[] {5, interview}, 0);
        assertThat(record(records, "read a third time"))
                .as("a change of no named transaction")
                .isEqualTo("read a third time");

        // The writer's own notification may be heard before the writer gets to the cache: no reason to leave it.
        since = live.rowChanges();
        live.rowsChanged(new long[] {5, interview}, 47);
        records.written(interview, 47, since, key -> "written after its own notification");
        assertThat(record(records, "read a fourth time")).isEqualTo("written after its own notification");
    }

    /**
     * A change heard after the writer read (and before it wrote) is one its record may not show: the record is kept,
     * marked changed. One heard before the record was kept marked the answer it would replace, so nothing is kept.
     */
    @Test
    void anAnswerWrittenHereIsReadAgainAfterAChangeTheWriterMayNotHaveSeen() {
        ChangeFeed live = new ChangeFeed(new DataSourceFactory());
        ReadCache<String, String> records = keptRecord(live);
        long interview = Scope.interviewKey(7);
        long since = live.rowChanges();
        live.rowsChanged(new long[] {9}, 40); // another candidate's: not this record's
        records.written(interview, 41, since, key -> "as written");
        assertThat(record(records, "read again")).isEqualTo("as written");

        since = live.rowChanges();
        live.rowsChanged(new long[] {5, Scope.candidateRowKey(5)}, 40); // the candidate's own row, meanwhile
        records.written(interview, 44, since, key -> "written after a change");
        assertThat(record(records, "read again"))
                .as("changed before it was kept")
                .isEqualTo("read again");

        // Heard after the writer noted it, and before a reader read the answer the writer replaces: only the log of
        // what was heard tells.
        long noted = live.rowChanges();
        live.rowsChanged(new long[] {5, interview}, 45);
        assertThat(record(records, "read a third time")).isEqualTo("read a third time");
        records.written(interview, 46, noted, key -> "written after another write");
        assertThat(record(records, "read a fourth time")).isEqualTo("read a fourth time");
    }

    /** A cache on {@code live}, made live, keeping "as read" as the record of interview 7 of candidate 5. */
    private static ReadCache<String, String> keptRecord(ChangeFeed live) {
        live.forceLive();
        ReadCache<String, String> records = new ReadCache<>(live, Clock.systemUTC(), 100);
        assertThat(record(records, "as read")).isEqualTo("as read");
        return records;
    }

    private static String record(ReadCache<String, String> records, String answer) {
        return records.get(
                "interview 7", CALLER, () -> answer, value -> Optional.empty(), value -> Scope.ofInterview(5, 7));
    }

    @Test
    void withALagAChangedAnswerServesOthersForAWhileButNeverItsWriter() {
        ChangeFeed live = new ChangeFeed(new DataSourceFactory());
        live.forceLive();
        ReadCache<String, String> dashboards = new ReadCache<>(live, Clock.systemUTC(), 100, Duration.ofMinutes(1));
        assertThat(about(dashboards, CALLER, 5, "as read")).isEqualTo("as read");

        live.wrote(2);
        live.rowsChanged(new long[] {5}, 0);
        assertThat(about(dashboards, 3, 5, "read again"))
                .as("another user, within the lag")
                .isEqualTo("as read");
        assertThat(about(dashboards, 2, 5, "read again")).as("the writer").isEqualTo("read again");

        ReadCache<String, String> strict = new ReadCache<>(live, Clock.systemUTC(), 100, Duration.ZERO);
        assertThat(about(strict, CALLER, 5, "as read")).isEqualTo("as read");
        live.rowsChanged(new long[] {5}, 0);
        assertThat(about(strict, 3, 5, "read again")).as("no lag").isEqualTo("read again");
    }

    @Test
    void pastItsLagAChangedAnswerIsReadAgainInTheBackgroundWhileItIsServed() throws Exception {
        ChangeFeed live = new ChangeFeed(new DataSourceFactory());
        live.forceLive();
        ReadCache<String, String> dashboards = new ReadCache<>(live, Clock.systemUTC(), 100, Duration.ofMillis(300));
        assertThat(about(dashboards, CALLER, 5, "as read")).isEqualTo("as read");
        live.rowsChanged(new long[] {5}, 0);
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
        live.rowsChanged(new long[] {5}, 0);
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
