package com.followup.api.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.db.DataSourceFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseFactoryTest {
    @TempDir
    Path temporary;

    @Test
    void keepsItsDataAcrossRestarts() throws Exception {
        EmbeddedDatabaseFactory factory = new EmbeddedDatabaseFactory();
        factory.setDataDirectory(temporary.resolve("postgres").toString());

        DataSourceFactory first = new DataSourceFactory();
        try (EmbeddedPostgres postgres = factory.startIfNoUrl(first).orElseThrow()) {
            assertThat(first.getUrl()).contains("followup");
            try (Connection connection = connect(first);
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE survivor (name text)");
                statement.execute("INSERT INTO survivor VALUES ('still here')");
            }
        }

        DataSourceFactory second = new DataSourceFactory();
        try (EmbeddedPostgres postgres = factory.startIfNoUrl(second).orElseThrow();
                Connection connection = connect(second);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT name FROM survivor")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("still here");
        }
    }

    /** Issue 15: the library's initdb trusts every local connection as the superuser. */
    @Test
    void asksEveryConnectionForAPasswordKeptOwnerOnlyInTheDataDirectory() throws Exception {
        EmbeddedDatabaseFactory factory = new EmbeddedDatabaseFactory();
        Path directory = temporary.resolve("postgres");
        factory.setDataDirectory(directory.toString());

        DataSourceFactory first = new DataSourceFactory();
        String password;
        try (EmbeddedPostgres postgres = factory.startIfNoUrl(first).orElseThrow()) {
            password = first.getPassword();
            assertThat(password).hasSizeGreaterThanOrEqualTo(40);
            Path file = directory.resolve(EmbeddedDatabaseFactory.PASSWORD_FILE);
            assertThat(Files.readString(file).strip()).isEqualTo(password);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            try (Connection connection = connect(first)) {
                assertThat(connection.isValid(5)).isTrue();
            }
            assertThatThrownBy(() -> DriverManager.getConnection(first.getUrl(), "postgres", ""))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
            assertThatThrownBy(() -> DriverManager.getConnection(first.getUrl(), "postgres", "guess"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
        }

        // Restarted, it keeps the same password and still asks for it.
        DataSourceFactory second = new DataSourceFactory();
        try (EmbeddedPostgres postgres = factory.startIfNoUrl(second).orElseThrow();
                Connection connection = connect(second)) {
            assertThat(second.getPassword()).isEqualTo(password);
            assertThat(connection.isValid(5)).isTrue();
            assertThatThrownBy(() -> DriverManager.getConnection(second.getUrl(), "postgres", ""))
                    .isInstanceOf(SQLException.class);
        }
    }

    /** A data directory from before passwords (trust, no password file) gets one at its next start. */
    @Test
    void aDataDirectoryFromBeforePasswordsGetsOne() throws Exception {
        Path directory = temporary.resolve("old");
        try (EmbeddedPostgres old = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .start()) {
            assertThat(old.getPostgresDatabase().getConnection().isValid(5)).isTrue();
        }
        EmbeddedDatabaseFactory factory = new EmbeddedDatabaseFactory();
        factory.setDataDirectory(directory.toString());
        DataSourceFactory database = new DataSourceFactory();
        try (EmbeddedPostgres postgres = factory.startIfNoUrl(database).orElseThrow();
                Connection connection = connect(database)) {
            assertThat(database.getPassword()).isNotEmpty();
            assertThatThrownBy(() -> DriverManager.getConnection(database.getUrl(), "postgres", ""))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void staysOutOfTheWayOfAConfiguredUrl() {
        DataSourceFactory configured = new DataSourceFactory();
        configured.setUrl("jdbc:postgresql://elsewhere:5432/followup");
        Optional<EmbeddedPostgres> started = new EmbeddedDatabaseFactory().startIfNoUrl(configured);
        assertThat(started).isEmpty();
        assertThat(configured.getUrl()).isEqualTo("jdbc:postgresql://elsewhere:5432/followup");
    }

    private static Connection connect(DataSourceFactory database) throws Exception {
        return DriverManager.getConnection(database.getUrl(), database.getUser(), database.getPassword());
    }
}
