package com.followup.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresDatabaseExtensionTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = PostgresDatabaseExtension.migratedWith("probe", template -> {
        try (Connection connection = template.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE probe (id int PRIMARY KEY, name text NOT NULL)");
            statement.execute("INSERT INTO probe VALUES (1, 'from the template')");
        }
    });

    @Test
    void runsARealPostgresql() throws SQLException {
        try (Connection connection = DATABASE.connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT current_setting('server_version_num')::int")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isGreaterThanOrEqualTo(140000);
        }
    }

    @Test
    void startsFromTheTemplateInItsOwnDatabase() throws SQLException {
        try (Connection connection = DATABASE.connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT current_database(), name FROM probe")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).startsWith("postgresdatabaseextensiontest_");
            assertThat(result.getString(2)).isEqualTo("from the template");
        }
    }

    @Test
    void enforcesConstraintsLikeProduction() throws SQLException {
        try (Connection connection = DATABASE.connect();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("INSERT INTO probe VALUES (2, NULL)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("null value");
        }
    }
}
