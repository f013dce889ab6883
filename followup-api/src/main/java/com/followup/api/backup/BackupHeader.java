package com.followup.api.backup;

import static java.util.Objects.requireNonNull;

import com.followup.api.db.DatabaseMigrations.Changeset;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a backup file says about itself: the JSON of its first block, readable with {@code head} (see
 * {@link BackupFile} for the layout and docs/decisions/0013-backup-format.md for the choices).
 *
 * @param formatVersion {@link BackupFile#FORMAT_VERSION} of the build that wrote it
 * @param changesets the schema version: every Liquibase changeset applied to the backed-up database, in order
 * @param tables every application table, in the order a restore loads them (referenced tables first)
 * @param sequences every sequence's value at the time of the backup (at or past every id in the backup)
 * @param contentBytes the length of the content (the gzip stream after the header block)
 * @param contentSha256 the SHA-256 of the content, in hex: {@code tail -c +(header + 1) file | sha256sum} shows it
 */
public record BackupHeader(
        int formatVersion,
        Instant createdAt,
        String followupVersion,
        String postgresVersion,
        String database,
        String copyFormat,
        List<Changeset> changesets,
        List<Table> tables,
        List<Sequence> sequences,
        long contentBytes,
        String contentSha256) {
    public BackupHeader {
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(followupVersion, "followupVersion is null");
        requireNonNull(postgresVersion, "postgresVersion is null");
        requireNonNull(database, "database is null");
        requireNonNull(copyFormat, "copyFormat is null");
        changesets = List.copyOf(changesets);
        tables = List.copyOf(tables);
        sequences = List.copyOf(sequences);
        requireNonNull(contentSha256, "contentSha256 is null");
    }

    /**
     * One table's data: its columns in the order of the COPY data, its rows, and the bytes of its COPY text before
     * compression.
     */
    public record Table(String name, List<String> columns, long rows, long bytes) {
        public Table {
            requireNonNull(name, "name is null");
            columns = List.copyOf(columns);
        }

        Table withCounts(long rows, long bytes) {
            return new Table(name, columns, rows, bytes);
        }
    }

    /**
     * A sequence's state ({@code last_value}, {@code is_called}) and the column it numbers, if any (identity and
     * serial columns own theirs).
     */
    public record Sequence(
            String name, Optional<String> table, Optional<String> column, long lastValue, boolean called) {
        public Sequence {
            requireNonNull(name, "name is null");
            requireNonNull(table, "table is null");
            requireNonNull(column, "column is null");
        }
    }

    public long rows() {
        return tables.stream().mapToLong(Table::rows).sum();
    }

    public long copyBytes() {
        return tables.stream().mapToLong(Table::bytes).sum();
    }

    BackupHeader withContent(List<Table> counted, long bytes, String sha256) {
        return new BackupHeader(
                formatVersion,
                createdAt,
                followupVersion,
                postgresVersion,
                database,
                copyFormat,
                changesets,
                counted,
                sequences,
                bytes,
                sha256);
    }
}
