package com.followup.api.backup;

import static java.util.Objects.requireNonNull;

import com.followup.api.db.DatabaseMigrations;
import com.followup.api.db.DatabaseMigrations.Changeset;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import liquibase.exception.LiquibaseException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads a backup into an empty database: the schema first, migrated to exactly the backup's version, then every table
 * through {@code COPY ... FROM STDIN} in one transaction, then the rest of this build's migrations. A failure at any
 * point of the load rolls it all back (decision 0013, docs/operations.md).
 */
public final class DatabaseRestore {
    /**
     * The rows the changelog itself inserts, so that a newly migrated database holds them: as long as they are as the
     * changelog left them, the database counts as empty, and the backup's rows replace them.
     */
    static final Map<String, String> SEEDED_ROWS = Map.of(
            "agency_policy",
            "id = 1 AND version = 1 AND updated_by IS NULL AND settings = '{}'::jsonb",
            "notification_settings",
            "id = 1 AND version = 1 AND updated_by IS NULL AND recruiter_digest_hour IS NULL",
            "retention_policy",
            "id = 1 AND version = 1 AND updated_by IS NULL AND last_run_at IS NULL");

    private final PrintStream out;

    public DatabaseRestore(PrintStream out) {
        this.out = requireNonNull(out, "out is null");
    }

    /** Restores {@code file} into the database of {@code connection}, which it leaves in auto-commit mode. */
    public BackupHeader restore(Connection connection, Path file) throws SQLException, IOException, LiquibaseException {
        long started = System.nanoTime();
        try (BackupFile.Reader reader = BackupFile.open(file)) {
            BackupHeader header = reader.header();
            out.printf(
                    Locale.ROOT,
                    "Restoring %s: a backup of %s taken %s by Followup %s on PostgreSQL %s, %d tables, %,d rows%n",
                    file,
                    header.database(),
                    header.createdAt(),
                    header.followupVersion(),
                    header.postgresVersion(),
                    header.tables().size(),
                    header.rows());
            long step = System.nanoTime();
            reader.verifyChecksum();
            out.printf(Locale.ROOT, "  checksum verified, SHA-256 %s (%s)%n", header.contentSha256(), since(step));

            connection.setAutoCommit(true);
            SessionSettings.apply(connection, "followup restore");
            String database = connection.getCatalog();
            List<Changeset> build = DatabaseMigrations.changelog(connection);
            List<Catalog.Table> tables = schemaOfTheBackup(connection, header, build, database);

            step = System.nanoTime();
            load(connection, reader, header, tables, database, file);
            out.printf(
                    Locale.ROOT,
                    "  %s loaded and committed in one transaction (%s)%n",
                    Progress.rows(header.rows()),
                    since(step));

            step = System.nanoTime();
            DatabaseMigrations.migrate(connection);
            if (build.size() > header.changesets().size()) {
                out.printf(
                        Locale.ROOT,
                        "  migrated from the backup's schema to this build's: %d more changesets (%s)%n",
                        build.size() - header.changesets().size(),
                        since(step));
            } else {
                out.printf(Locale.ROOT, "  schema checked: this build has nothing more to migrate (%s)%n", since(step));
            }
            step = System.nanoTime();
            analyze(connection);
            out.printf(Locale.ROOT, "  statistics gathered for the query planner (%s)%n", since(step));
            out.printf(
                    Locale.ROOT,
                    "Restored %d tables, %s into %s in %.1f s.%n",
                    header.tables().size(),
                    Progress.rows(header.rows()),
                    database,
                    (System.nanoTime() - started) / 1e9);
            return header;
        }
    }

    /**
     * Checks that the database may take the backup (no other session, a schema the backup's starts with, no rows),
     * then migrates it to exactly the backup's schema; returns its tables. Changes nothing when it refuses.
     */
    private List<Catalog.Table> schemaOfTheBackup(
            Connection connection, BackupHeader header, List<Changeset> build, String database)
            throws SQLException, LiquibaseException {
        refuseOtherSessions(connection, database);
        List<Changeset> backup = header.changesets();
        checkBackupSchema(backup, build, header.followupVersion());
        List<Changeset> applied = DatabaseMigrations.applied(connection);
        if (!startsWith(backup, applied)) {
            throw new BackupRefused("The database " + database + " already has a schema of " + applied.size()
                    + " changesets that the backup's (" + backup.size() + ") does not start with: restore into a"
                    + " new, empty database. Nothing was restored.");
        }
        refuseIfNotEmpty(connection, database, Catalog.tablesInDependencyOrder(connection));
        if (applied.size() < backup.size()) {
            long step = System.nanoTime();
            DatabaseMigrations.migratePartly(connection, backup.size() - applied.size());
            out.printf(
                    Locale.ROOT,
                    "  schema created as the backup has it: %d changesets, the last %s (%s)%n",
                    backup.size(),
                    backup.get(backup.size() - 1).id(),
                    since(step));
        }
        if (!sameChangesets(DatabaseMigrations.applied(connection), backup)) {
            throw new IllegalStateException("after migrating, the database's changesets differ from the backup's");
        }
        List<Catalog.Table> tables = Catalog.tablesInDependencyOrder(connection);
        checkTables(header, tables);
        return tables;
    }

    /**
     * Every table in one transaction, locked against anyone else. For the load, the user triggers are off, so the
     * audit log's guard, the change notifications and the plan summaries' bookkeeping neither fire nor add rows of
     * their own (the backup has those rows as they were); the foreign keys and the indexes that no constraint owns are
     * dropped, then made again once the rows are in. PostgreSQL thus checks every reference once, in one join per key,
     * instead of a lookup per row, and builds each index once: a load in a third of the time (decision 0013), with
     * nothing more than the ownership of the tables that migrating needs anyway.
     */
    private void load(
            Connection connection,
            BackupFile.Reader reader,
            BackupHeader header,
            List<Catalog.Table> tables,
            String database,
            Path file)
            throws SQLException, IOException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE "
                    + String.join(
                            ", ", tables.stream().map(Catalog.Table::quotedName).toList())
                    + " IN ACCESS EXCLUSIVE MODE");
            // Checked again under the locks: nothing can have come in since.
            refuseIfNotEmpty(connection, database, tables);
            List<Catalog.ForeignKey> foreignKeys = Catalog.foreignKeys(connection);
            List<Catalog.ForeignKey> checksNotValidated = Catalog.checksNotValidated(connection);
            List<Catalog.Index> indexes = Catalog.indexesWithoutConstraint(connection);
            for (Catalog.ForeignKey key : foreignKeys) {
                statement.execute("ALTER TABLE public." + Catalog.quote(key.table()) + " DROP CONSTRAINT "
                        + Catalog.quote(key.name()));
            }
            for (Catalog.Index index : indexes) {
                statement.execute("DROP INDEX public." + Catalog.quote(index.name()));
            }
            // Rows stored before a NOT VALID check came back as they were; the check, NOT VALID again, after them.
            for (Catalog.ForeignKey check : checksNotValidated) {
                statement.execute("ALTER TABLE public." + Catalog.quote(check.table()) + " DROP CONSTRAINT "
                        + Catalog.quote(check.name()));
            }
            for (Catalog.Table table : tables) {
                statement.execute("ALTER TABLE " + table.quotedName() + " DISABLE TRIGGER USER");
                String seeded = SEEDED_ROWS.get(table.name());
                if (seeded != null) {
                    statement.execute("DELETE FROM " + table.quotedName() + " WHERE " + seeded);
                }
            }

            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            Progress progress = new Progress(out);
            for (BackupHeader.Table table : header.tables()) {
                InputStream data = reader.table(table.name(), progress);
                long rows = copy.copyIn(
                        "COPY public." + Catalog.quote(table.name()) + " ("
                                + String.join(
                                        ", ",
                                        table.columns().stream()
                                                .map(Catalog::quote)
                                                .toList()) + ") FROM STDIN",
                        data,
                        BackupFile.FRAME_BYTES);
                if (rows != table.rows()) {
                    throw new BackupRefused(file + " is damaged: table " + table.name() + " has " + rows
                            + " rows where the header says " + table.rows() + ". Nothing was restored.");
                }
                progress.done(rows, table.bytes());
            }
            reader.finish();

            long step = System.nanoTime();
            try {
                for (Catalog.Index index : indexes) {
                    statement.execute(index.definition());
                }
                out.printf(Locale.ROOT, "  %d indexes built (%s)%n", indexes.size(), since(step));
                step = System.nanoTime();
                for (Catalog.ForeignKey key : foreignKeys) {
                    statement.execute("ALTER TABLE public." + Catalog.quote(key.table()) + " ADD CONSTRAINT "
                            + Catalog.quote(key.name()) + " " + key.definition());
                }
                out.printf(
                        Locale.ROOT,
                        "  %d foreign keys made again, every reference checked (%s)%n",
                        foreignKeys.size(),
                        since(step));
                for (Catalog.ForeignKey check : checksNotValidated) {
                    statement.execute("ALTER TABLE public." + Catalog.quote(check.table()) + " ADD CONSTRAINT "
                            + Catalog.quote(check.name()) + " " + check.definition());
                }
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                    // A unique index or a foreign key the rows break: only a backup changed by hand can do that.
                    throw new BackupRefused(file + " holds rows the schema does not allow (" + e.getMessage()
                            + "). Nothing was restored.");
                }
                throw e;
            }
            for (Catalog.Table table : tables) {
                statement.execute("ALTER TABLE " + table.quotedName() + " ENABLE TRIGGER USER");
            }
            resetSequences(connection, header);
            refuseOtherSessions(connection, database);
            connection.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * Each sequence to the higher of its value in the backup and the largest id of its column, so the next row gets a
     * new id, and an id once used and deleted is not handed out again.
     */
    private static void resetSequences(Connection connection, BackupHeader header) throws SQLException {
        Map<String, BackupHeader.Sequence> saved = header.sequences().stream()
                .collect(Collectors.toMap(BackupHeader.Sequence::name, sequence -> sequence));
        for (Catalog.Sequence sequence : Catalog.sequences(connection)) {
            OptionalLong value = Optional.ofNullable(saved.get(sequence.name()))
                    .filter(BackupHeader.Sequence::called)
                    .map(found -> OptionalLong.of(found.lastValue()))
                    .orElse(OptionalLong.empty());
            if (sequence.table().isPresent() && sequence.column().isPresent()) {
                OptionalLong largest = largest(
                        connection, sequence.table().get(), sequence.column().get());
                if (largest.isPresent() && (value.isEmpty() || largest.getAsLong() > value.getAsLong())) {
                    value = largest;
                }
            }
            if (value.isPresent()) {
                try (PreparedStatement statement = connection.prepareStatement("SELECT setval(?::regclass, ?, true)")) {
                    statement.setString(1, sequence.quotedName());
                    statement.setLong(2, value.getAsLong());
                    statement.execute();
                }
            }
        }
    }

    private static String since(long startedNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }

    private static OptionalLong largest(Connection connection, String table, String column) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT max(" + Catalog.quote(column) + ") FROM public." + Catalog.quote(table))) {
            rows.next();
            long value = rows.getLong(1);
            return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
        }
    }

    /**
     * Other sessions on the database, a Followup server above all: one that kept running would go on serving what it
     * read before the restore from its caches. {@code usesysid} is null for PostgreSQL's own workers (autovacuum);
     * {@code backend_type} is null where the user may not see other users' sessions in detail.
     */
    private static void refuseOtherSessions(Connection connection, String database) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // Inside a transaction, pg_stat_activity is read once and kept; this reads it afresh.
            statement.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rows = statement.executeQuery(
                    """
                    SELECT count(*),
                           string_agg(DISTINCT coalesce(nullif(application_name, ''), 'unnamed'), ', ')
                      FROM pg_stat_activity
                     WHERE datname = current_database() AND pid <> pg_backend_pid() AND usesysid IS NOT NULL
                       AND coalesce(backend_type, 'client backend') = 'client backend'
                    """)) {
                rows.next();
                long sessions = rows.getLong(1);
                if (sessions > 0) {
                    throw new BackupRefused(sessions + (sessions == 1 ? " other session is" : " other sessions are")
                            + " connected to the database " + database + " (" + rows.getString(2) + "): stop every"
                            + " Followup server on it and close other connections first, so that none keeps serving"
                            + " what it read before. Nothing was restored.");
                }
            }
        }
    }

    private static void refuseIfNotEmpty(Connection connection, String database, List<Catalog.Table> tables)
            throws SQLException {
        Map<String, String> nonEmpty = Catalog.tablesWithRows(connection, tables, SEEDED_ROWS);
        if (!nonEmpty.isEmpty()) {
            List<String> named = new ArrayList<>();
            nonEmpty.entrySet().stream().limit(3).forEach(entry -> named.add(entry.getKey() + ": " + entry.getValue()));
            if (nonEmpty.size() > 3) {
                named.add("and " + (nonEmpty.size() - 3) + " more tables");
            }
            throw new BackupRefused("The database " + database + " is not empty (" + String.join(", ", named)
                    + "): restore only into a new, empty database. Nothing was restored.");
        }
    }

    /** The backup's schema must be this build's changelog, or the start of it. */
    private static void checkBackupSchema(List<Changeset> backup, List<Changeset> build, String writtenBy) {
        for (int index = 0; index < backup.size(); index++) {
            Changeset changeset = backup.get(index);
            if (build.stream().noneMatch(known -> same(known, changeset))) {
                throw new BackupRefused("The backup's schema is newer than this Followup's: changeset " + changeset.id()
                        + " is not in its changelog. Restore it with Followup " + writtenBy
                        + " (which wrote it) or a newer one. Nothing was restored.");
            }
            if (index >= build.size() || !same(build.get(index), changeset)) {
                throw new BackupRefused("The backup's schema history does not follow this Followup's changelog"
                        + " (changeset " + (index + 1) + " is " + changeset.id() + " in the backup, "
                        + (index < build.size() ? build.get(index).id() : "none") + " here). Nothing was restored.");
            }
        }
    }

    private static void checkTables(BackupHeader header, List<Catalog.Table> tables) {
        Map<String, List<String>> present =
                tables.stream().collect(Collectors.toMap(Catalog.Table::name, Catalog.Table::columns));
        Map<String, List<String>> backedUp = header.tables().stream()
                .collect(Collectors.toMap(BackupHeader.Table::name, BackupHeader.Table::columns));
        if (!present.equals(backedUp)) {
            throw new IllegalStateException("the tables of the schema at the backup's version differ from the backup's:"
                    + " here " + present + ", in the backup " + backedUp);
        }
    }

    /** Statistics for the planner at once, rather than when autovacuum gets round to the new tables. */
    private static void analyze(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        }
    }

    private static boolean startsWith(List<Changeset> list, List<Changeset> prefix) {
        return prefix.size() <= list.size() && sameChangesets(list.subList(0, prefix.size()), prefix);
    }

    private static boolean sameChangesets(List<Changeset> first, List<Changeset> second) {
        if (first.size() != second.size()) {
            return false;
        }
        for (int index = 0; index < first.size(); index++) {
            if (!same(first.get(index), second.get(index))) {
                return false;
            }
        }
        return true;
    }

    /** Liquibase's identity of a changeset: id, author and file (as it records it, without a classpath prefix). */
    private static boolean same(Changeset first, Changeset second) {
        return first.id().equals(second.id())
                && first.author().equals(second.author())
                && file(first).equals(file(second));
    }

    private static String file(Changeset changeset) {
        return changeset.filename().replaceFirst("^classpath:", "").replaceFirst("^/+", "");
    }
}
