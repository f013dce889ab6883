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

    /**
     * Takes the database away from its clients, as a restart of the server would for a moment: new connections are
     * refused ("not currently accepting connections") and the open ones are ended ("terminating connection due to
     * administrator command"). {@link #acceptConnections} brings it back.
     */
    public void refuseConnections() {
        server.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        server.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
    }

    public void acceptConnections() {
        server.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
    }

    void drop() {
        server.dropDatabase(name);
    }
}
