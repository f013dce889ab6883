package com.followup.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.followup.api.cache.ChangeFeed;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.generate.AgencyGenerator;
import com.followup.api.policy.JdbiPolicyStore;
import com.followup.api.testing.TestApp;
import com.followup.core.rules.PlanEvaluator;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.jackson.Jackson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Changeset 0029 (issue 18): every statement that bumps many summaries locks their rows in interview order, the order
 * the touch writer and the summaries' refresh lock them in, so two of them wait for each other instead of
 * deadlocking. A statement that meets a row another transaction holds holds no row after it meanwhile.
 *
 * <p>Each test first lays the summaries' table out in descending interview order, as updates scatter it in a live
 * database, so that a statement which took the rows in the order it found them would take the last interview's first.
 */
class SummaryLockOrderTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final Instant ANCHOR = Instant.parse("2026-03-16T12:00:00Z");

    static long[] interviews;

    @BeforeAll
    static void generate() throws SQLException {
        try (Connection connection = DATABASE.connect()) {
            connection.setAutoCommit(false);
            AgencyGenerator.generate(connection, AgencyGenerator.Size.SMALL, 29, ANCHOR, false);
            connection.commit();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                List<Long> ids = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery(
                        "SELECT t.interview_id FROM touches t GROUP BY t.interview_id ORDER BY t.interview_id")) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
                interviews = ids.stream().mapToLong(Long::longValue).toArray();
            }
        }
        assertThat(interviews.length).isGreaterThan(100);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "UPDATE touches SET subject = subject WHERE interview_id = ANY(?)",
                "DELETE FROM touches WHERE interview_id = ANY(?)",
                "UPDATE interviews SET round = round WHERE id = ANY(?)"
            })
    void aStatementThatMeetsALockedSummaryHoldsNoLaterOne(String bulk) throws Exception {
        long first = interviews[0];
        long last = interviews[interviews.length - 1];
        try (Connection holder = DATABASE.connect();
                Connection writer = DATABASE.connect()) {
            try (Statement statement = holder.createStatement()) {
                layOutBackwards(statement); // again: another test's writes may have moved rows
            }
            holder.setAutoCommit(false);
            writer.setAutoCommit(false);
            lock(holder, first, false);
            long writerPid = pid(writer);
            CompletableFuture<Integer> written = CompletableFuture.supplyAsync(() -> {
                try (PreparedStatement statement = writer.prepareStatement(bulk)) {
                    statement.setArray(1, writer.createArrayOf("bigint", box(interviews)));
                    return statement.executeUpdate();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                awaitWaitingForALock(writerPid);
                // The writer waits for the first interview's summary; in interview order, it holds none after it.
                assertThat(lock(holder, last, true))
                        .as("the last interview's summary is free while the writer waits for the first")
                        .isTrue();
            } finally {
                holder.rollback();
            }
            assertThat(written.get(30, TimeUnit.SECONDS)).isPositive();
            writer.rollback();
        }
    }

    /**
     * The refresh stores what it evaluated in one transaction, in interview order: while it waits for the first
     * interview's summary it holds none after it, though it found the stale summaries in the table's descending order.
     * (Its records come back sorted, so its updates alone already went in that order; the lock taken first keeps the
     * order across the failures it stores after them, which this test does not make.)
     */
    @Test
    void theRefreshTakesTheSummariesItStoresInInterviewOrder() throws Exception {
        Jdbi jdbi = TestApp.jdbi(DATABASE);
        jdbi.installPlugin(new PostgresPlugin());
        Instant now = ANCHOR;
        ObjectMapper json = Jackson.newObjectMapper();
        JdbiPolicyStore policies = new JdbiPolicyStore(
                jdbi, json, ZoneId.of("Europe/London"), Clock.fixed(now, ZoneOffset.UTC), ChangeFeed.notListening());
        PlanSummaries summaries =
                new PlanSummaries(jdbi, new JdbiInterviewRecords(jdbi), policies, new PlanEvaluator());
        long[] range = jdbi.withHandle(
                handle -> handle.createQuery("SELECT min(interview_id), max(interview_id) FROM plan_summaries")
                        .map((rs, context) -> new long[] {rs.getLong(1), rs.getLong(2)})
                        .one());
        try (Connection holder = DATABASE.connect()) {
            try (Statement statement = holder.createStatement()) {
                // Every summary stale, then laid out backwards again (the update moved the rows).
                statement.execute("UPDATE plan_summaries SET input_generation = input_generation + 1");
                layOutBackwards(statement);
            }
            holder.setAutoCommit(false);
            lock(holder, range[0], false);
            CompletableFuture<Integer> refreshed = CompletableFuture.supplyAsync(() -> summaries.refreshStale(now));
            try {
                awaitWaitingForALock(-1);
                assertThat(lock(holder, range[1], true))
                        .as("the last interview's summary is free while the refresh waits for the first")
                        .isTrue();
            } finally {
                holder.rollback();
            }
            assertThat(refreshed.get(60, TimeUnit.SECONDS)).isPositive();
        }
    }

    /** Rewrites the summaries' table in descending interview order. */
    private static void layOutBackwards(Statement statement) throws SQLException {
        statement.execute("CREATE INDEX summaries_backwards ON plan_summaries (interview_id DESC)");
        statement.execute("CLUSTER plan_summaries USING summaries_backwards");
        statement.execute("DROP INDEX summaries_backwards");
        statement.execute("ANALYZE plan_summaries");
    }

    /** Locks one summary row as the writers do; with {@code nowait}, whether it could be had at once. */
    private static boolean lock(Connection connection, long interview, boolean nowait) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM plan_summaries WHERE interview_id = ? FOR NO KEY UPDATE" + (nowait ? " NOWAIT" : ""))) {
            statement.setLong(1, interview);
            statement.executeQuery().close();
            return true;
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private static long pid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * Until the backend {@code pid} (any backend, if negative) waits for a lock. Asked on a connection of its own: a
     * transaction sees one snapshot of {@code pg_stat_activity}.
     */
    private static void awaitWaitingForALock(long pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (Connection observer = DATABASE.connect();
                PreparedStatement statement = observer.prepareStatement(
                        "SELECT 1 FROM pg_stat_activity WHERE (pid = ? OR ? < 0) AND wait_event_type = 'Lock'")) {
            statement.setLong(1, pid);
            statement.setLong(2, pid);
            while (System.nanoTime() < deadline) {
                try (ResultSet row = statement.executeQuery()) {
                    if (row.next()) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the writer never waited for the held summary");
    }

    private static Long[] box(long[] ids) {
        return java.util.Arrays.stream(ids).boxed().toArray(Long[]::new);
    }
}
