package com.followup.api.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.db.DataSourceFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
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
