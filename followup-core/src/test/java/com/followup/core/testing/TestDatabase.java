package com.followup.core.testing;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/** One database on the test JVM's {@link PostgresServer}, owned by one test class. */
public record TestDatabase(PostgresServer server, String name, String jdbcUrl, String user, String password) {
    public TestDatabase {
        requireNonNull(server, "server is null");
        requireNonNull(name, "name is null");
        requireNonNull(jdbcUrl, "jdbcUrl is null");
    }

    public Optional<String> userName() {
        return Optional.ofNullable(user);
    }

    public Optional<String> userPassword() {
        return Optional.ofNullable(password);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    void drop() {
        server.dropDatabase(name);
    }
}
