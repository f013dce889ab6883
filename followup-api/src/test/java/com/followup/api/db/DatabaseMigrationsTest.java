package com.followup.api.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.followup.api.db.DatabaseMigrations.Outcome;
import com.followup.core.testing.PostgresDatabaseExtension;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import liquibase.exception.LockException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Decision 0011: Liquibase is skipped only while the recorded fingerprint matches both the build and the history.
 * Decision 0015: a change log lock left by a migration that died is released, or the start fails at once saying why.
 */
class DatabaseMigrationsTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = PostgresDatabaseExtension.empty();

    @RegisterExtension
    static final PostgresDatabaseExtension LOCKED = PostgresDatabaseExtension.empty();

    @RegisterExtension
    static final PostgresDatabaseExtension FRESH = PostgresDatabaseExtension.empty();

    /** Well under the five minutes Liquibase waits for its lock before giving up. */
    private static final Duration PROMPTLY = Duration.ofSeconds(30);

    @Test
    void runsLiquibaseOnANewDatabaseAndSkipsItOnceTheFingerprintMatches() throws Exception {
        try (Connection connection = DATABASE.database().connect()) {
            assertThat(DatabaseMigrations.migrate(connection)).isEqualTo(Outcome.MIGRATED);
            assertThat(count(connection, "SELECT count(*) FROM databasechangelog"))
                    .as("every changeset applied")
                    .isGreaterThan(10);
            assertThat(count(connection, "SELECT count(*) FROM schema_fingerprint"))
                    .isEqualTo(1);

            assertThat(DatabaseMigrations.migrate(connection)).isEqualTo(Outcome.UP_TO_DATE);

            // A changed build: the recorded changelog hash no longer matches.
            execute(connection, "UPDATE schema_fingerprint SET changelog_sha256 = 'an older build'");
            assertThat(DatabaseMigrations.migrate(connection)).isEqualTo(Outcome.MIGRATED);
            assertThat(DatabaseMigrations.migrate(connection)).isEqualTo(Outcome.UP_TO_DATE);

            // A rollback outside the server (`db rollback`): the history changed, so Liquibase runs and re-applies.
            execute(connection, "DROP TABLE import_jobs");
            execute(connection, "DELETE FROM databasechangelog WHERE id = '0007-create-import-jobs'");
            assertThat(DatabaseMigrations.migrate(connection)).isEqualTo(Outcome.MIGRATED);
            assertThat(count(connection, "SELECT count(*) FROM import_jobs")).isZero();
            assertThat(DatabaseMigrations.migrate(connection)).isEqualTo(Outcome.UP_TO_DATE);
        }
    }

    @Test
    void releasesTheChangeLogLockOfAMigrationThatDiedWithItsProcess() throws Exception {
        leaveTheChangeLogLockSetByAProcessThatDies();
        ListAppender<ILoggingEvent> log = listen();
        try (Connection connection = LOCKED.connect()) {
            long started = System.nanoTime();
            assertThat(DatabaseMigrations.migrate(connection)).isEqualTo(Outcome.MIGRATED);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
            assertThat(count(connection, "SELECT count(*) FROM databasechangeloglock WHERE locked"))
                    .isZero();
        } finally {
            stopListening(log);
        }
        assertThat(log.list)
                .filteredOn(event -> event.getLevel() == Level.WARN)
                .singleElement()
                .extracting(ILoggingEvent::getFormattedMessage)
                .asString()
                .startsWith("Released Liquibase's change log lock on database "
                        + LOCKED.database().name())
                .contains("by crashed-host (192.0.2.7)");
    }

    @Test
    void failsAtOnceSayingWhatToRunWhenAnotherClientMightHoldTheChangeLogLock() throws Exception {
        leaveTheChangeLogLockSetByAProcessThatDies();
        try (Connection other = LOCKED.connect();
                Connection connection = LOCKED.connect()) {
            execute(other, "SET application_name = 'psql'");
            long started = System.nanoTime();
            assertThatThrownBy(() -> DatabaseMigrations.migrate(connection))
                    .isInstanceOf(LockException.class)
                    .hasMessageStartingWith("Liquibase's change log lock on database "
                            + LOCKED.database().name() + " is held since")
                    .hasMessageContaining("psql from")
                    .hasMessageContaining("db locks --force-release config/followup.yml")
                    .hasMessageNotContaining("\n");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
            assertThat(count(connection, "SELECT count(*) FROM databasechangeloglock WHERE locked"))
                    .as("left for a person to release")
                    .isOne();
            execute(connection, "UPDATE databasechangeloglock SET locked = FALSE");
        }
    }

    @Test
    void serversStartingTogetherTakeTurns() throws Exception {
        ExecutorService servers = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch ready = new CountDownLatch(2);
            Callable<Outcome> start = () -> {
                try (Connection connection = FRESH.connect()) {
                    ready.countDown();
                    ready.await();
                    return DatabaseMigrations.migrate(connection);
                }
            };
            Future<Outcome> first = servers.submit(start);
            Future<Outcome> second = servers.submit(start);
            assertThat(List.of(first.get(1, TimeUnit.MINUTES), second.get(1, TimeUnit.MINUTES)))
                    .containsExactlyInAnyOrder(Outcome.MIGRATED, Outcome.UP_TO_DATE);
        } finally {
            servers.shutdownNow();
        }
    }

    /**
     * A migrated database whose change log lock is set, as a server killed while migrating leaves it: the lock row set
     * on its connection, then the connection gone. The fingerprint is dropped so that the next start runs Liquibase.
     */
    private static void leaveTheChangeLogLockSetByAProcessThatDies() throws Exception {
        try (Connection connection = LOCKED.connect()) {
            DatabaseMigrations.migrate(connection);
            execute(connection, "DELETE FROM schema_fingerprint");
        }
        long pid;
        try (Connection dying = LOCKED.connect()) {
            execute(dying, "SET application_name = 'followup'");
            execute(
                    dying,
                    "UPDATE databasechangeloglock SET locked = TRUE, lockgranted = localtimestamp,"
                            + " lockedby = 'crashed-host (192.0.2.7)' WHERE id = 1");
            pid = count(dying, "SELECT pg_backend_pid()");
        }
        // Its backend ends a moment after the connection closes, as after a process's death.
        try (Connection connection = LOCKED.connect()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (count(connection, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid) > 0) {
                assertThat(System.nanoTime()).as("backend %d gone", pid).isLessThan(deadline);
                TimeUnit.MILLISECONDS.sleep(10);
            }
        }
    }

    private static ListAppender<ILoggingEvent> listen() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(DatabaseMigrations.class)).addAppender(log);
        return log;
    }

    private static void stopListening(ListAppender<ILoggingEvent> log) {
        ((Logger) LoggerFactory.getLogger(DatabaseMigrations.class)).detachAppender(log);
    }

    @Test
    void theChangelogHashCoversTheIncludedFilesNotOnlyTheMasterChangelog() {
        ClassLoader shipped = DatabaseMigrations.class.getClassLoader();
        String hash = DatabaseMigrations.changelogSha256(shipped);
        assertThat(hash).hasSize(64).isEqualTo(DatabaseMigrations.changelogSha256(shipped));

        ClassLoader edited = new ClassLoader(shipped) {
            @Override
            public InputStream getResourceAsStream(String name) {
                if (name.equals("db/changes/0001-users-sessions-tokens.xml")) {
                    return new ByteArrayInputStream("<!-- edited -->".getBytes(StandardCharsets.UTF_8));
                }
                return super.getResourceAsStream(name);
            }
        };
        assertThat(DatabaseMigrations.changelogSha256(edited)).isNotEqualTo(hash);
    }

    private static long count(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void execute(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
