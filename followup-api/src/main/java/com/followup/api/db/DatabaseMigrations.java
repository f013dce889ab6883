package com.followup.api.db;

import static java.util.Objects.requireNonNull;

import io.dropwizard.db.DataSourceFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.FastCheckService;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.exception.LockException;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Liquibase changelog of the schema and the one way the server applies it.
 *
 * <p>Liquibase itself takes about a second to find that there is nothing to do (it loads, parses every changelog
 * and reads its history table), which is a fifth of the server's start-up. So a successful migration records a
 * fingerprint: the SHA-256 of the changelog files as shipped in this build and a digest of Liquibase's history
 * table. When both still match, nothing can be pending and Liquibase is not started (decision 0011). Any other
 * change, a new changeset in a new build or a {@code db rollback} that altered the history, runs Liquibase as
 * before.
 */
public final class DatabaseMigrations {
    public static final String CHANGELOG = "db/changelog.xml";

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseMigrations.class);
    /**
     * The session-level advisory lock a server holds while it migrates ("FollowUp" in ASCII): a second server waits
     * for it rather than for Liquibase's row, and PostgreSQL drops it with the session of a server that died.
     */
    public static final long MIGRATION_LOCK = 0x466F6C6C6F775570L;
    /** As long as Liquibase itself waits for its lock. */
    static final Duration MIGRATION_LOCK_WAIT = Duration.ofMinutes(5);

    private static final Pattern INCLUDE = Pattern.compile("<include\\s+file=\"([^\"]+)\"");
    /** The SQLSTATE of a lock wait that ran out ({@code lock_timeout}). */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    /**
     * Liquibase's lock row when it is set, with the other clients connected to this database that could be its holder:
     * every client backend but this one and those waiting for {@link #MIGRATION_LOCK} (a bigint advisory lock shows
     * its high half in {@code classid} and its low half in {@code objid}).
     */
    private static final String HELD_CHANGE_LOG_LOCK =
            """
            SELECT current_database() AS database, coalesce(lockedby, 'an unknown holder') AS holder,
                   coalesce(lockgranted::text, 'an unknown time') AS since, others.names AS others
              FROM databasechangeloglock,
                   LATERAL (SELECT string_agg(coalesce(nullif(a.application_name, ''), 'a client') || ' from '
                                              || coalesce(host(a.client_addr), 'local') || ', pid ' || a.pid,
                                              '; ' ORDER BY a.pid) AS names
                              FROM pg_stat_activity a
                             WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
                               AND a.backend_type = 'client backend'
                               AND NOT EXISTS (SELECT 1 FROM pg_locks waiting
                                                WHERE waiting.pid = a.pid AND waiting.locktype = 'advisory'
                                                  AND NOT waiting.granted
                                                  AND ((waiting.classid::bigint << 32) | waiting.objid::bigint) = ?)) AS others
             WHERE id = 1 AND locked
            """;

    private static final String HISTORY_DIGEST = "SELECT md5(coalesce(string_agg(id || '/' || author || '/' || filename"
            + " || '/' || coalesce(md5sum, ''), ',' ORDER BY orderexecuted, id), '')) FROM databasechangelog";

    /**
     * One changeset as Liquibase identifies it: its id, author and the changelog file that holds it (as recorded in
     * {@code databasechangelog.filename}).
     */
    public record Changeset(String id, String author, String filename) {
        public Changeset {
            requireNonNull(id, "id is null");
            requireNonNull(author, "author is null");
            requireNonNull(filename, "filename is null");
        }

        /** Liquibase's own notation, {@code filename::id::author}. */
        @Override
        public String toString() {
            return filename + "::" + id + "::" + author;
        }
    }

    /** What {@link #migrate} did. */
    public enum Outcome {
        /** The recorded fingerprint matched: Liquibase was not started. */
        UP_TO_DATE,
        /** Liquibase ran (and applied whatever was pending, possibly nothing). */
        MIGRATED
    }

    private DatabaseMigrations() {}

    /** Applies every pending changeset on a connection of its own, closed afterwards. */
    public static Outcome migrate(DataSourceFactory database) throws SQLException, LiquibaseException {
        try (Connection connection =
                DriverManager.getConnection(database.getUrl(), database.getUser(), database.getPassword())) {
            return migrate(connection);
        }
    }

    /**
     * Applies every pending changeset. Servers starting together take turns on {@link #MIGRATION_LOCK}; a change log
     * lock left by a migration that died with its process is released (see {@link #releaseStaleChangeLogLock}).
     */
    public static Outcome migrate(Connection connection) throws LiquibaseException, SQLException {
        String changelog = changelogSha256(DatabaseMigrations.class.getClassLoader());
        if (recordedFingerprintMatches(connection, changelog)) {
            LOG.info("Schema up to date (changelog {}...): Liquibase not started", changelog.substring(0, 12));
            return Outcome.UP_TO_DATE;
        }
        takeMigrationLock(connection);
        try {
            if (recordedFingerprintMatches(connection, changelog)) {
                LOG.info("Schema migrated by another server meanwhile: Liquibase not started");
                return Outcome.UP_TO_DATE;
            }
            releaseStaleChangeLogLock(connection);
            runLiquibase(connection, changelog);
            return Outcome.MIGRATED;
        } finally {
            releaseMigrationLock(connection);
        }
    }

    private static void runLiquibase(Connection connection, String changelog) throws LiquibaseException, SQLException {
        // Liquibase turns auto-commit off on the connection it is given; the caller gets it back as it was.
        boolean autoCommit = connection.getAutoCommit();
        try {
            Liquibase liquibase = liquibase(connection);
            logged(() -> liquibase.update(new Contexts(), new LabelExpression()));
            connection.setAutoCommit(true);
            recordFingerprint(connection, changelog);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Applies the next {@code count} changesets of the changelog that the database lacks, and no more: a restore
     * brings an empty database to the schema of its backup before loading it (docs/operations.md). Takes turns with
     * servers on {@link #MIGRATION_LOCK} like {@link #migrate}; records no fingerprint, since the schema may now be
     * behind this build, so the next {@link #migrate} runs Liquibase.
     */
    public static void migratePartly(Connection connection, int count) throws LiquibaseException, SQLException {
        if (count <= 0) {
            return;
        }
        takeMigrationLock(connection);
        boolean autoCommit = connection.getAutoCommit();
        try {
            releaseStaleChangeLogLock(connection);
            Liquibase liquibase = liquibase(connection);
            logged(() -> liquibase.update(count, new Contexts(), new LabelExpression()));
        } finally {
            connection.setAutoCommit(autoCommit);
            releaseMigrationLock(connection);
        }
    }

    /** The changesets of this build's changelog, in the order Liquibase applies them. */
    public static List<Changeset> changelog(Connection connection) throws LiquibaseException, SQLException {
        // Liquibase turns auto-commit off as soon as it is handed the connection, even only to read the changelog.
        boolean autoCommit = connection.getAutoCommit();
        try {
            List<Changeset> changesets = new ArrayList<>();
            for (ChangeSet changeSet :
                    liquibase(connection).getDatabaseChangeLog().getChangeSets()) {
                changesets.add(new Changeset(changeSet.getId(), changeSet.getAuthor(), changeSet.getFilePath()));
            }
            return List.copyOf(changesets);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The changesets applied to the database, in the order they ran; none when Liquibase never ran there. */
    public static List<Changeset> applied(Connection connection) throws SQLException {
        if (!tableExists(connection, "databasechangelog")) {
            return List.of();
        }
        List<Changeset> changesets = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT id, author, filename FROM databasechangelog ORDER BY orderexecuted, id");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                changesets.add(new Changeset(rows.getString(1), rows.getString(2), rows.getString(3)));
            }
        }
        return List.copyOf(changesets);
    }

    /** Liquibase on the caller's connection, which it must not close (so the result is not closed either). */
    private static Liquibase liquibase(Connection connection) throws LiquibaseException {
        Database database =
                DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        // Liquibase keeps each database's history, and whether it was up to date, in process-wide caches keyed by
        // its URL; a history changed since (a rollback, a restore) must be read again.
        ChangeLogHistoryServiceFactory.getInstance().resetAll();
        Scope.getCurrentScope().getSingleton(FastCheckService.class).clearCache();
        Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database);
        liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
        return liquibase;
    }

    /** What {@link #logged} runs: an update of Liquibase. */
    @FunctionalInterface
    private interface LiquibaseAction {
        void run() throws LiquibaseException;
    }

    /**
     * Runs {@code action} with Liquibase's "Running Changeset" lines and update summary sent to the log, where the
     * "liquibase" logger level decides (WARN in the shipped configuration), instead of standard out.
     */
    private static void logged(LiquibaseAction action) throws LiquibaseException {
        try {
            Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService()), action::run);
        } catch (LiquibaseException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new LiquibaseException(e);
        }
    }

    /**
     * Waits (up to {@link #MIGRATION_LOCK_WAIT}) for the session lock that says "a Followup server is migrating this
     * database". Unlike Liquibase's lock, which is a row that stays locked when its process dies, PostgreSQL drops it
     * with the session that held it.
     */
    private static void takeMigrationLock(Connection connection) throws SQLException, LockException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL lock_timeout = '" + MIGRATION_LOCK_WAIT.toSeconds() + "s'");
            // Taken in a transaction only for the timeout: a session lock outlives the transaction.
            statement.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw new LockException("Another server has been migrating database " + connection.getCatalog()
                        + " for " + MIGRATION_LOCK_WAIT.toMinutes() + " minutes (it holds advisory lock "
                        + MIGRATION_LOCK + "; SELECT pid, client_addr FROM pg_locks JOIN pg_stat_activity USING (pid)"
                        + " WHERE locktype = 'advisory' AND granted shows it): start again once it is done");
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Never throws, so as not to hide why a migration failed. */
    private static void releaseMigrationLock(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
        } catch (SQLException e) {
            // A broken connection: the lock goes with its session.
            LOG.debug("Cannot release the migration lock", e);
        }
    }

    /**
     * Releases Liquibase's change log lock when it is stale, and fails at once, saying what to run, when that cannot
     * be known. Liquibase's lock is a row ({@code databasechangeloglock}) that its holder sets and clears on the one
     * connection it migrates on, for the whole migration; a process killed meanwhile leaves it set, and every later
     * start used to wait five minutes for it and then fail. Called while holding {@link #MIGRATION_LOCK}, so no
     * Followup server is migrating. The row is then stale when no other client is connected to this database at all
     * (those waiting for {@link #MIGRATION_LOCK} aside, which are servers starting, not migrating): a live migration,
     * whoever runs it ({@code db migrate}, Liquibase by hand), is a connected client. Otherwise any of those clients
     * might be it, and only a person can tell.
     */
    static void releaseStaleChangeLogLock(Connection connection) throws SQLException, LockException {
        if (!tableExists(connection, "databasechangeloglock")) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(HELD_CHANGE_LOG_LOCK)) {
            statement.setLong(1, MIGRATION_LOCK);
            try (ResultSet held = statement.executeQuery()) {
                if (!held.next()) {
                    return;
                }
                String database = held.getString("database");
                String holder = "held since " + held.getString("since") + " by " + held.getString("holder");
                String others = held.getString("others");
                if (others == null) {
                    release(connection);
                    LOG.warn(
                            "Released Liquibase's change log lock on database {} ({}): no other client is connected,"
                                    + " so the migration that took it has died (a server killed while migrating)",
                            database,
                            holder);
                    return;
                }
                String message = "Liquibase's change log lock on database " + database + " is " + holder
                        + ", and a client connected to it may be that migration (" + others
                        + "). If none is migrating, release it with"
                        + " `java -jar followup-web/target/followup.jar db locks --force-release config/followup.yml`"
                        + " and start again";
                LOG.error(message);
                throw new LockException(message);
            }
        }
    }

    private static void release(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE databasechangeloglock SET locked = FALSE, lockgranted = NULL,"
                    + " lockedby = NULL WHERE id = 1 AND locked");
        }
    }

    /** The SHA-256 of the master changelog and of every file it includes, in order, as {@code loader} has them. */
    static String changelogSha256(ClassLoader loader) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] master = resource(loader, CHANGELOG);
            digest.update(master);
            String directory = CHANGELOG.substring(0, CHANGELOG.lastIndexOf('/') + 1);
            Matcher include = INCLUDE.matcher(new String(master, StandardCharsets.UTF_8));
            while (include.find()) {
                digest.update(include.group(1).getBytes(StandardCharsets.UTF_8));
                digest.update(resource(loader, directory + include.group(1)));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] resource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("changelog file " + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read changelog file " + name, e);
        }
    }

    private static boolean recordedFingerprintMatches(Connection connection, String changelog) throws SQLException {
        if (!tableExists(connection, "schema_fingerprint") || !tableExists(connection, "databasechangelog")) {
            return false;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT changelog_sha256 = ? AND history_md5 = (" + HISTORY_DIGEST + ") FROM schema_fingerprint")) {
            statement.setString(1, changelog);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    private static void recordFingerprint(Connection connection, String changelog) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO schema_fingerprint AS f"
                + " (id, changelog_sha256, history_md5) VALUES (1, ?, (" + HISTORY_DIGEST + "))"
                + " ON CONFLICT (id) DO UPDATE SET changelog_sha256 = excluded.changelog_sha256,"
                + " history_md5 = excluded.history_md5, recorded_at = now()")) {
            statement.setString(1, changelog);
            statement.executeUpdate();
        }
    }
}
