package com.followup.api.backup;

import static java.util.Objects.requireNonNull;

import com.followup.api.db.DatabaseMigrations;
import com.followup.api.db.DatabaseMigrations.Changeset;
import com.followup.api.openapi.OpenApiDocument;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes every application table to one backup file from one consistent snapshot (a {@code REPEATABLE READ}, read-only
 * transaction), through {@code COPY ... TO STDOUT}: no client tools, any PostgreSQL the server runs on, and memory
 * flat whatever the size of a table. The file is written beside its final name and renamed there only once complete
 * and synced, so a failed backup never leaves a file that looks like one.
 */
public final class DatabaseBackup {
    /** COPY's text format, the one that reads back into any PostgreSQL version (decision 0013). */
    static final String COPY_FORMAT = "text";

    private final Clock clock;
    private final PrintStream out;

    public DatabaseBackup(Clock clock, PrintStream out) {
        this.clock = requireNonNull(clock, "clock is null");
        this.out = requireNonNull(out, "out is null");
    }

    /**
     * Backs up the database of {@code connection} to {@code file}; refuses an existing file unless {@code replace}.
     * Leaves the connection in auto-commit mode.
     */
    public BackupHeader write(Connection connection, Path file, boolean replace) throws SQLException, IOException {
        long started = System.nanoTime();
        Path target = file.toAbsolutePath().normalize();
        if (Files.exists(target) && !replace) {
            throw new BackupRefused(file + " already exists; choose another --file, or add --force to replace it.");
        }
        Path directory = target.getParent();
        if (!Files.isDirectory(directory)) {
            throw new BackupRefused("The directory " + directory + " does not exist.");
        }
        SessionSettings.apply(connection, "followup backup");
        connection.setAutoCommit(false);
        Path partial = null;
        try {
            try (Statement statement = connection.createStatement()) {
                // Before the first query, which takes the snapshot every later statement of the backup reads.
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            List<Changeset> changesets = DatabaseMigrations.applied(connection);
            if (changesets.isEmpty()) {
                throw new BackupRefused("The database " + connection.getCatalog()
                        + " has no Followup schema (no migration ever ran there): there is nothing to back up.");
            }
            List<Catalog.Table> tables = Catalog.tablesInDependencyOrder(connection);
            lock(connection, tables);
            BackupHeader draft = new BackupHeader(
                    BackupFile.FORMAT_VERSION,
                    clock.instant(),
                    OpenApiDocument.projectVersion(),
                    value(connection, "SHOW server_version"),
                    connection.getCatalog(),
                    COPY_FORMAT,
                    changesets,
                    tables.stream()
                            .map(table -> new BackupHeader.Table(table.name(), table.columns(), 0, 0))
                            .toList(),
                    sequences(connection),
                    0,
                    "");
            out.printf(
                    Locale.ROOT,
                    "Backing up %s (PostgreSQL %s, schema of %d changesets, last %s): %d tables to %s%n",
                    draft.database(),
                    draft.postgresVersion(),
                    changesets.size(),
                    changesets.get(changesets.size() - 1).id(),
                    tables.size(),
                    target);
            // Readable by its owner only, like the database it copies: it holds password hashes.
            partial = Files.createTempFile(directory, "." + target.getFileName() + ".", ".partial");
            BackupHeader written;
            try (BackupFile.Writer writer = new BackupFile.Writer(partial, draft)) {
                written = writer.finish(draft.withContent(copyTables(connection, tables, writer), 0, ""));
            } catch (IOException e) {
                // The file's side (a full disk, say): the database's failures come as SQLExceptions.
                throw new BackupRefused(
                        "Cannot write the backup to " + target + " (" + e + "); no backup was written.");
            }
            connection.commit();
            move(partial, target, replace);
            partial = null;
            out.printf(
                    Locale.ROOT,
                    "Backup written to %s: %d tables, %,d rows, %s (COPY text %s) in %.1f s; SHA-256 %s%n",
                    target,
                    tables.size(),
                    written.rows(),
                    Progress.size(Files.size(target)),
                    Progress.size(written.copyBytes()),
                    (System.nanoTime() - started) / 1e9,
                    written.contentSha256());
            return written;
        } finally {
            if (partial != null) {
                Files.deleteIfExists(partial);
            }
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private List<BackupHeader.Table> copyTables(
            Connection connection, List<Catalog.Table> tables, BackupFile.Writer writer)
            throws SQLException, IOException {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        Progress progress = new Progress(out);
        List<BackupHeader.Table> counted = new ArrayList<>();
        for (Catalog.Table table : tables) {
            BackupFile.TableOutput data = writer.table(table.name(), progress);
            long rows = copy.copyOut("COPY " + table.quotedName() + " (" + table.quotedColumns() + ") TO STDOUT", data);
            data.end();
            if (rows != data.lines()) {
                throw new IllegalStateException(
                        "COPY of " + table.name() + " reported " + rows + " rows but sent " + data.lines() + " lines");
            }
            progress.done(rows, data.bytes());
            counted.add(new BackupHeader.Table(table.name(), table.columns(), rows, data.bytes()));
        }
        return counted;
    }

    /**
     * What pg_dump does too: a share lock on every table keeps a migration or a TRUNCATE (which does not respect
     * snapshots) from changing a table while it is being read; ordinary reads and writes go on.
     */
    private static void lock(Connection connection, List<Catalog.Table> tables) throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE "
                    + String.join(
                            ", ", tables.stream().map(Catalog.Table::quotedName).toList()) + " IN ACCESS SHARE MODE");
        }
    }

    /**
     * Each sequence's current value. Sequences are outside transactions, so this is at or past every id the snapshot
     * holds, which is what a restore needs so that new rows get new ids.
     */
    private static List<BackupHeader.Sequence> sequences(Connection connection) throws SQLException {
        List<BackupHeader.Sequence> sequences = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (Catalog.Sequence sequence : Catalog.sequences(connection)) {
                try (ResultSet rows =
                        statement.executeQuery("SELECT last_value, is_called FROM " + sequence.quotedName())) {
                    rows.next();
                    sequences.add(new BackupHeader.Sequence(
                            sequence.name(), sequence.table(), sequence.column(), rows.getLong(1), rows.getBoolean(2)));
                }
            }
        }
        return sequences;
    }

    private static void move(Path partial, Path target, boolean replace) throws IOException {
        if (!replace && Files.exists(target)) {
            throw new BackupRefused(target + " appeared while the backup was written; it was left as it is.");
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IllegalStateException("cannot rename " + partial + " to " + target + " atomically", e);
        } catch (FileAlreadyExistsException | NoSuchFileException e) {
            throw new BackupRefused("cannot rename " + partial + " to " + target + ": " + e.getMessage());
        }
    }

    private static String value(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
