package com.followup.api.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Changeset 0028 (decision 0044): what the triggers' {@code followup_notify_keys} sends for a statement that changed
 * many rows. Up to 200 candidates and 200 interviews a notification, as many as it takes; beyond 10,000 of either,
 * the table's name.
 */
class BulkNotificationsTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    @Test
    void aStatementThatChanged450CandidatesAnd700InterviewsIsToldInFourRowNotifications() throws Exception {
        long[] candidates = LongStream.rangeClosed(1_000_001, 1_000_450).toArray();
        long[] interviews = LongStream.rangeClosed(2_000_001, 2_000_700).toArray();
        List<String> payloads = notified(candidates, interviews, true);

        assertThat(payloads).hasSize(4);
        TreeSet<Long> keys = new TreeSet<>();
        for (String payload : payloads) {
            assertThat(payload.length()).as(payload).isLessThan(8_000);
            long[] named = ChangeFeed.keysOf(payload);
            assertThat(named)
                    .as("a row notification, not a table's: " + payload)
                    .isNotNull();
            assertThat(ChangeFeed.transactionOf(payload)).as(payload).isPositive();
            LongStream.of(named).forEach(keys::add);
        }
        TreeSet<Long> expected = new TreeSet<>();
        LongStream.of(candidates).forEach(expected::add);
        LongStream.of(candidates).map(Scope::candidateRowKey).forEach(expected::add);
        LongStream.of(interviews).map(Scope::interviewKey).forEach(expected::add);
        assertThat(keys).isEqualTo(expected);
        // One transaction: every notification names the same one.
        assertThat(payloads.stream().map(ChangeFeed::transactionOf).distinct()).hasSize(1);
    }

    @Test
    void upTo200OfEachIsOneNotificationAndBeyond10000ItIsTheTable() throws Exception {
        List<String> small =
                notified(new long[] {7, 3, 7}, LongStream.rangeClosed(1, 200).toArray(), false);
        assertThat(small).hasSize(1);
        assertThat(small.get(0)).startsWith("c:3,7;i:1,2,3,");
        assertThat(ChangeFeed.keysOf(small.get(0))).hasSize(202);

        assertThat(notified(new long[] {7}, LongStream.rangeClosed(1, 10_000).toArray(), false))
                .hasSize(50)
                .allSatisfy(payload -> assertThat(ChangeFeed.keysOf(payload)).isNotNull());
        assertThat(notified(new long[] {7}, LongStream.rangeClosed(1, 10_001).toArray(), false))
                .containsExactly("touches");
        assertThat(notified(LongStream.rangeClosed(1, 10_001).toArray(), new long[0], true))
                .containsExactly("touches");
    }

    /** Calls the function as the triggers do, in a transaction of its own, and returns what a listener heard. */
    private static List<String> notified(long[] candidates, long[] interviews, boolean whole) throws Exception {
        try (Connection listening = DATABASE.connect();
                Connection writing = DATABASE.connect()) {
            try (Statement statement = listening.createStatement()) {
                statement.execute("LISTEN " + ChangeFeed.CHANNEL);
            }
            try (PreparedStatement call = writing.prepareStatement("SELECT followup_notify_keys(?, ?, ?, 'touches')")) {
                call.setArray(
                        1,
                        writing.createArrayOf(
                                "bigint", LongStream.of(candidates).boxed().toArray()));
                call.setArray(
                        2,
                        writing.createArrayOf(
                                "bigint", LongStream.of(interviews).boxed().toArray()));
                call.setBoolean(3, whole);
                call.execute();
            }
            // The end of the writer's statement: a barrier of the test's own, heard after everything it sent.
            String end = "barrier:bulk-notifications-test";
            try (Statement statement = writing.createStatement()) {
                statement.execute("SELECT pg_notify('" + ChangeFeed.CHANNEL + "', '" + end + "')");
            }
            List<String> heard = new ArrayList<>();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline) {
                PGNotification[] notifications =
                        listening.unwrap(PGConnection.class).getNotifications(100);
                for (PGNotification notification : notifications == null ? new PGNotification[0] : notifications) {
                    if (notification.getParameter().equals(end)) {
                        return heard;
                    }
                    heard.add(notification.getParameter());
                }
            }
            throw new AssertionError("the end of the writer's notifications was not heard; heard " + heard);
        }
    }
}
