package com.followup.api.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.db.DataSourceFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;

/** The feed goes live only on a connection that really hears notifications (not, say, behind a pooler). */
class ChangeFeedTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = PostgresDatabaseExtension.empty();

    /**
     * Writers that wait at once share the barrier's notification (issue 18), and each still returns only once every
     * change committed before its call was heard: sixteen threads each notify a candidate of their own and wait.
     */
    @Test
    void concurrentWritersEachHearTheirOwnChangesBeforeTheyGoOn() throws Exception {
        ChangeFeed feed = new ChangeFeed(database());
        Set<Long> heard = ConcurrentHashMap.newKeySet();
        feed.onRowsChanged((candidates, transaction) -> {
            for (long candidate : candidates) {
                heard.add(candidate);
            }
        });
        feed.start();
        try {
            assertThat(feed.live()).isTrue();
            List<Long> missed = java.util.Collections.synchronizedList(new ArrayList<>());
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> writers = new ArrayList<>();
            for (long candidate = 1; candidate <= 16; candidate++) {
                long mine = candidate;
                Thread writer = new Thread(() -> {
                    try (Connection connection = DATABASE.connect();
                            Statement statement = connection.createStatement()) {
                        go.await();
                        for (int round = 0; round < 20; round++) {
                            long id = mine * 1_000 + round;
                            statement.execute("SELECT pg_notify('" + ChangeFeed.CHANNEL + "', 'c:" + id + "')");
                            feed.awaitChangesHeard(Duration.ofSeconds(5));
                            if (!heard.contains(id)) {
                                missed.add(id);
                            }
                        }
                    } catch (Exception e) {
                        missed.add(-mine);
                    }
                });
                writer.start();
                writers.add(writer);
            }
            go.countDown();
            for (Thread writer : writers) {
                writer.join(60_000);
            }
            assertThat(missed).isEmpty();
            assertThat(heard).hasSize(16 * 20);
        } finally {
            feed.stop();
        }
    }

    /**
     * A table's change heard in the same batch as a barrier moves the epoch before the barrier's waiter goes on, so
     * its next read skips every answer cached before the change (a revoked token once kept working for a moment).
     */
    @Test
    void aTableChangeHeardWithABarrierMovesTheEpochBeforeTheWaiterGoesOn() throws Exception {
        ChangeFeed feed = new ChangeFeed(database());
        feed.start();
        try (Connection connection = DATABASE.connect();
                Statement statement = connection.createStatement()) {
            assertThat(feed.live()).isTrue();
            List<Integer> stale = new ArrayList<>();
            for (int round = 0; round < 300; round++) {
                long before = feed.epoch();
                statement.execute("SELECT pg_notify('" + ChangeFeed.CHANNEL + "', 'api_tokens')");
                feed.awaitChangesHeard(Duration.ofSeconds(5));
                if (feed.epoch() == before) {
                    stale.add(round);
                }
            }
            assertThat(stale).isEmpty();
        } finally {
            feed.stop();
        }
    }

    /** Changeset 0025's payloads: candidates, interviews, candidates' own rows; anything else is a table's name. */
    @Test
    void aRowNotificationNamesCandidatesInterviewsAndCandidateRows() {
        assertThat(ChangeFeed.keysOf("c:12,40")).containsExactly(12, 40);
        assertThat(ChangeFeed.keysOf("c:12,40;i:7,9"))
                .containsExactly(12, 40, Scope.interviewKey(7), Scope.interviewKey(9));
        assertThat(ChangeFeed.keysOf("c:12;w:12")).containsExactly(12, Scope.candidateRowKey(12));
        assertThat(Scope.ofInterview(12, 7).intersects(ChangeFeed.keysOf("c:12;i:8")))
                .isFalse();
        assertThat(Scope.ofInterview(12, 7).intersects(ChangeFeed.keysOf("c:12;i:7")))
                .isTrue();
        assertThat(Scope.ofInterview(12, 7).intersects(ChangeFeed.keysOf("c:12;w:12")))
                .isTrue();
        assertThat(Scope.of(12).intersects(ChangeFeed.keysOf("c:12;i:8"))).isTrue();
        for (String table : new String[] {"touches", "c:12;y:3", "c:12,a", "c:", "c:1;i"}) {
            assertThat(ChangeFeed.keysOf(table)).as(table).isNull();
        }
    }

    /** Changeset 0026: a row notification names the transaction that wrote it, which is no key of what changed. */
    @Test
    void aRowNotificationNamesItsTransaction() {
        assertThat(ChangeFeed.keysOf("c:12;i:7;x:48213")).containsExactly(12, Scope.interviewKey(7));
        assertThat(ChangeFeed.keysOf("c:12;w:12;x:5")).containsExactly(12, Scope.candidateRowKey(12));
        assertThat(ChangeFeed.transactionOf("c:12;i:7;x:48213")).isEqualTo(48213);
        assertThat(ChangeFeed.transactionOf("c:12;i:7")).isZero();
        assertThat(ChangeFeed.transactionOf("touches")).isZero();
        assertThat(ChangeFeed.transactionOf("c:12;x:")).isZero();
    }

    /**
     * A table's name, or a statement's notification of 200 keys, tells the bulk listeners (the summaries' background
     * pass, issue 18); a touch group's few keys do not, nor does another server's barrier, which moves no epoch either.
     */
    @Test
    void aTableOrAWholeNotificationOfRowsIsABulkChangeAndAnotherServersBarrierIsNoChange() {
        ChangeFeed feed = new ChangeFeed(new DataSourceFactory());
        feed.forceLive();
        List<String> told = new ArrayList<>();
        String[] heard = {null};
        feed.onBulkChange(() -> told.add(heard[0]));
        String many = "c:3;i:"
                + String.join(
                        ",",
                        java.util.stream.IntStream.rangeClosed(1, 199)
                                .mapToObj(Integer::toString)
                                .toList()) + ";x:9";
        String few = "c:3,4;i:7,8;w:3,4;x:9";
        for (String payload : List.of("touches", many, few, "barrier:" + java.util.UUID.randomUUID())) {
            heard[0] = payload;
            feed.heard(payload);
        }
        assertThat(told).containsExactly("touches", many);

        long epoch = feed.epoch();
        long rows = feed.rowChanges();
        feed.heard("barrier:" + java.util.UUID.randomUUID());
        assertThat(feed.epoch()).isEqualTo(epoch);
        assertThat(feed.rowChanges()).isEqualTo(rows);
        feed.heard("touches");
        assertThat(feed.epoch()).isEqualTo(epoch + 1);
    }

    private static DataSourceFactory database() {
        DataSourceFactory database = new DataSourceFactory();
        database.setUrl(DATABASE.jdbcUrl());
        database.setUser(DATABASE.database().userName().orElse(""));
        database.setPassword(DATABASE.database().userPassword().orElse(""));
        return database;
    }

    @Test
    void aConnectionHearsItsOwnNotificationOnlyWhenItListens() throws Exception {
        ChangeFeed feed = new ChangeFeed(database());
        try (Connection listening = DATABASE.connect();
                Connection deaf = DATABASE.connect()) {
            try (Statement statement = listening.createStatement()) {
                statement.execute("LISTEN " + ChangeFeed.CHANNEL);
            }
            assertThat(feed.hearsItself(listening.unwrap(PGConnection.class), Duration.ofSeconds(5)))
                    .isTrue();
            assertThat(feed.hearsItself(deaf.unwrap(PGConnection.class), Duration.ofMillis(300)))
                    .isFalse();
        }
    }
}
