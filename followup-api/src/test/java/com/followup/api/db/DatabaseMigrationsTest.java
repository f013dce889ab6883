package com.followup.api.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.db.DatabaseMigrations.Outcome;
import com.followup.core.testing.PostgresDatabaseExtension;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Decision 0011: Liquibase is skipped only while the recorded fingerprint matches both the build and the history. */
class DatabaseMigrationsTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = PostgresDatabaseExtension.empty();

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
