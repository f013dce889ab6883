package com.followup.api.db;

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
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.FastCheckService;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
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
    private static final Pattern INCLUDE = Pattern.compile("<include\\s+file=\"([^\"]+)\"");
    private static final String HISTORY_DIGEST = "SELECT md5(coalesce(string_agg(id || '/' || author || '/' || filename"
            + " || '/' || coalesce(md5sum, ''), ',' ORDER BY orderexecuted, id), '')) FROM databasechangelog";

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

    /** Applies every pending changeset; Liquibase's lock table keeps concurrent servers from racing. */
    public static Outcome migrate(Connection connection) throws LiquibaseException, SQLException {
        String changelog = changelogSha256(DatabaseMigrations.class.getClassLoader());
        if (recordedFingerprintMatches(connection, changelog)) {
            LOG.info("Schema up to date (changelog {}...): Liquibase not started", changelog.substring(0, 12));
            return Outcome.UP_TO_DATE;
        }
        // Liquibase turns auto-commit off on the connection it is given; the caller gets it back as it was.
        boolean autoCommit = connection.getAutoCommit();
        try {
            Database database =
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            // Liquibase keeps each database's history, and whether it was up to date, in process-wide caches keyed by
            // its URL; a history changed since (a rollback) must be read again.
            ChangeLogHistoryServiceFactory.getInstance().resetAll();
            Scope.getCurrentScope().getSingleton(FastCheckService.class).clearCache();
            // Not closed: closing Liquibase would close the caller's connection, which the caller owns.
            Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database);
            liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
            // Liquibase writes "Running Changeset" and its update summary to standard out unless told to use the log,
            // where the "liquibase" logger level decides (WARN in the shipped configuration).
            try {
                Scope.child(
                        Map.of(Scope.Attr.ui.name(), new LoggerUIService()),
                        () -> liquibase.update(new Contexts(), new LabelExpression()));
            } catch (LiquibaseException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new LiquibaseException(e);
            }
            connection.setAutoCommit(true);
            recordFingerprint(connection, changelog);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return Outcome.MIGRATED;
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
