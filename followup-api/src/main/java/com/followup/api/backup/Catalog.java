package com.followup.api.backup;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The application's tables and sequences as PostgreSQL's catalog lists them in the {@code public} schema, so a table
 * added by a new changeset is backed up without anyone listing it here.
 */
final class Catalog {
    /**
     * The migrations' bookkeeping rather than data: Liquibase's history and lock, and the schema fingerprint (decision
     * 0011). A restore rebuilds them by migrating; the header records the history as the backup's schema version.
     */
    static final Set<String> BOOKKEEPING = Set.of("databasechangelog", "databasechangeloglock", "schema_fingerprint");

    /** A table and its columns in the order of its COPY data (generated columns are computed, not copied). */
    record Table(String name, List<String> columns) {
        Table {
            requireNonNull(name, "name is null");
            columns = List.copyOf(columns);
        }

        String quotedName() {
            return "public." + quote(name);
        }

        String quotedColumns() {
            return String.join(", ", columns.stream().map(Catalog::quote).toList());
        }
    }

    /** A sequence and the column that owns it (an identity or serial column), if any. */
    record Sequence(String name, Optional<String> table, Optional<String> column) {
        Sequence {
            requireNonNull(name, "name is null");
            requireNonNull(table, "table is null");
            requireNonNull(column, "column is null");
        }

        String quotedName() {
            return "public." + quote(name);
        }
    }

    /**
     * A foreign key (or a check not validated) and its definition, as {@code ALTER TABLE ... ADD CONSTRAINT name
     * definition} takes it.
     */
    record ForeignKey(String table, String name, String definition) {
        ForeignKey {
            requireNonNull(table, "table is null");
            requireNonNull(name, "name is null");
            requireNonNull(definition, "definition is null");
        }
    }

    /** An index that no constraint owns, with the {@code CREATE INDEX} statement that builds it. */
    record Index(String name, String definition) {
        Index {
            requireNonNull(name, "name is null");
            requireNonNull(definition, "definition is null");
        }
    }

    private Catalog() {}

    /**
     * Every application table, each after the tables its foreign keys reference (ties in name order): the order in
     * which loading them would satisfy every foreign key as it goes.
     */
    static List<Table> tablesInDependencyOrder(Connection connection) throws SQLException {
        Map<String, List<String>> columns = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                        """
                        SELECT c.relname, a.attname
                          FROM pg_class c
                          JOIN pg_namespace n ON n.oid = c.relnamespace
                          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                         WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT c.relispartition
                           AND a.attgenerated = ''
                         ORDER BY c.relname, a.attnum
                        """);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String table = rows.getString(1);
                if (!BOOKKEEPING.contains(table)) {
                    columns.computeIfAbsent(table, name -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        }
        Map<String, Set<String>> references = new TreeMap<>();
        columns.keySet().forEach(table -> references.put(table, new TreeSet<>()));
        try (PreparedStatement statement = connection.prepareStatement(
                        """
                        SELECT child.relname, parent.relname
                          FROM pg_constraint k
                          JOIN pg_class child ON child.oid = k.conrelid
                          JOIN pg_class parent ON parent.oid = k.confrelid
                          JOIN pg_namespace n ON n.oid = child.relnamespace
                         WHERE k.contype = 'f' AND n.nspname = 'public'
                        """);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String child = rows.getString(1);
                String parent = rows.getString(2);
                // A reference to itself puts no table before another.
                if (references.containsKey(child) && columns.containsKey(parent) && !child.equals(parent)) {
                    references.get(child).add(parent);
                }
            }
        }
        List<Table> ordered = new ArrayList<>();
        Set<String> placed = new TreeSet<>();
        while (placed.size() < columns.size()) {
            // Foreign keys in a cycle (there are none) have no such order: the first table left in name order
            // then goes next. A restore checks the keys only after loading every table, so it does not mind.
            String next = references.entrySet().stream()
                    .filter(entry -> !placed.contains(entry.getKey()) && placed.containsAll(entry.getValue()))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElseGet(() -> references.keySet().stream()
                            .filter(table -> !placed.contains(table))
                            .findFirst()
                            .orElseThrow());
            placed.add(next);
            ordered.add(new Table(next, columns.get(next)));
        }
        return List.copyOf(ordered);
    }

    /** Every sequence of the schema but those of the bookkeeping tables, with the column that owns it. */
    static List<Sequence> sequences(Connection connection) throws SQLException {
        List<Sequence> sequences = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                        """
                        SELECT s.relname, owner.relname, a.attname
                          FROM pg_class s
                          JOIN pg_namespace n ON n.oid = s.relnamespace
                          LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
                               AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')
                          LEFT JOIN pg_class owner ON owner.oid = d.refobjid
                          LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                         WHERE s.relkind = 'S' AND n.nspname = 'public'
                         ORDER BY s.relname
                        """);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                Optional<String> table = Optional.ofNullable(rows.getString(2));
                if (table.isEmpty() || !BOOKKEEPING.contains(table.get())) {
                    sequences.add(new Sequence(rows.getString(1), table, Optional.ofNullable(rows.getString(3))));
                }
            }
        }
        return List.copyOf(sequences);
    }

    /** Every foreign key between the application's tables. */
    static List<ForeignKey> foreignKeys(Connection connection) throws SQLException {
        List<ForeignKey> keys = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                        """
                        SELECT c.relname, k.conname, pg_get_constraintdef(k.oid)
                          FROM pg_constraint k
                          JOIN pg_class c ON c.oid = k.conrelid
                          JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE k.contype = 'f' AND n.nspname = 'public'
                         ORDER BY c.relname, k.conname
                        """);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                if (!BOOKKEEPING.contains(rows.getString(1))) {
                    keys.add(new ForeignKey(rows.getString(1), rows.getString(2), rows.getString(3)));
                }
            }
        }
        return List.copyOf(keys);
    }

    /**
     * The CHECK constraints added NOT VALID (changesets 0013, 0015): rows stored before them may break them, and a
     * backup keeps such rows, so a restore drops these for the load and adds them again NOT VALID, as they were.
     */
    static List<ForeignKey> checksNotValidated(Connection connection) throws SQLException {
        List<ForeignKey> checks = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                        """
                        SELECT c.relname, k.conname, pg_get_constraintdef(k.oid)
                          FROM pg_constraint k
                          JOIN pg_class c ON c.oid = k.conrelid
                          JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE k.contype = 'c' AND NOT k.convalidated AND n.nspname = 'public'
                         ORDER BY c.relname, k.conname
                        """);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                checks.add(new ForeignKey(rows.getString(1), rows.getString(2), rows.getString(3)));
            }
        }
        return List.copyOf(checks);
    }

    /**
     * The indexes of the application's tables that no constraint owns (those of primary keys and unique constraints
     * stay, since foreign keys rest on them).
     */
    static List<Index> indexesWithoutConstraint(Connection connection) throws SQLException {
        List<Index> indexes = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                        """
                        SELECT t.relname, i.relname, pg_get_indexdef(x.indexrelid)
                          FROM pg_index x
                          JOIN pg_class i ON i.oid = x.indexrelid
                          JOIN pg_class t ON t.oid = x.indrelid
                          JOIN pg_namespace n ON n.oid = t.relnamespace
                         WHERE n.nspname = 'public'
                           AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
                         ORDER BY t.relname, i.relname
                        """);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                if (!BOOKKEEPING.contains(rows.getString(1))) {
                    indexes.add(new Index(rows.getString(2), rows.getString(3)));
                }
            }
        }
        return List.copyOf(indexes);
    }

    /**
     * The tables among {@code tables} that hold rows, each with how many (counted up to 1,000); a row that matches
     * its table's condition in {@code seeded} does not count.
     */
    static Map<String, String> tablesWithRows(Connection connection, List<Table> tables, Map<String, String> seeded)
            throws SQLException {
        Map<String, String> nonEmpty = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (Table table : tables) {
                String condition = seeded.getOrDefault(table.name(), "false");
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM (SELECT 1 FROM " + table.quotedName()
                        + " WHERE (" + condition + ") IS NOT TRUE LIMIT 1000) AS found")) {
                    rows.next();
                    long count = rows.getLong(1);
                    if (count > 0) {
                        nonEmpty.put(
                                table.name(),
                                count == 1000 ? "1,000 rows or more" : count == 1 ? "1 row" : count + " rows");
                    }
                }
            }
        }
        return nonEmpty;
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
