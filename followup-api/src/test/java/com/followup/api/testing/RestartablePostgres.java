package com.followup.api.testing;

import static java.util.Objects.requireNonNull;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL of one test's own that the test can take away from under the application and bring back, the way an
 * operator's {@code pg_ctl stop -m fast} or a crash ({@code -m immediate}) would: zonky's server on a data directory
 * of the test, stopped and started again with {@code pg_ctl} from the binaries zonky extracted, on the same port.
 */
public final class RestartablePostgres implements AutoCloseable {
    /** How {@code pg_ctl stop} ends the server. */
    public enum StopMode {
        /** Clients are told the server is shutting down (57P01), then it checkpoints and stops. */
        FAST,
        /** The postmaster and every backend are killed at once, as in a crash; the next start recovers from WAL. */
        IMMEDIATE
    }

    private static final long PG_CTL_TIMEOUT_SECONDS = 60;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final Path log;
    private final Path pgCtl;
    private final String postmasterOptions;

    private RestartablePostgres(EmbeddedPostgres postgres, Path dataDirectory, Path pgCtl, String postmasterOptions) {
        this.postgres = requireNonNull(postgres, "postgres is null");
        this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null");
        this.log = dataDirectory.resolveSibling("postgres.log");
        this.pgCtl = requireNonNull(pgCtl, "pgCtl is null");
        this.postmasterOptions = requireNonNull(postmasterOptions, "postmasterOptions is null");
    }

    /** Starts a new server whose data lives in {@code directory}/data, and creates {@code database} on it. */
    public static RestartablePostgres start(Path directory, String database) throws IOException, SQLException {
        Path data = directory.resolve("data");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(true)
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
            try (ResultSet bin = statement.executeQuery("SELECT setting FROM pg_config WHERE name = 'BINDIR'")) {
                bin.next();
                return new RestartablePostgres(
                        postgres, data, Path.of(bin.getString(1), "pg_ctl"), postmasterOptions(data));
            }
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database + "?user=postgres";
    }

    /** Stops the server; returns once it is down. */
    public void stop(StopMode mode) {
        pgCtl("stop", "-m", mode.name().toLowerCase(), "-w");
    }

    /** Starts the server again with the options zonky gave it (as {@code pg_ctl restart} does); returns once it accepts connections. */
    public void start() {
        pgCtl("start", "-w", "-l", log.toString(), "-o", postmasterOptions);
    }

    /** What the server logged since the first restart, for a failing test's message. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        // zonky stops whatever postmaster runs on the data directory, the one it started or one started again here.
        postgres.close();
    }

    /** The command line zonky started the postmaster with, less the program: what {@code pg_ctl restart} reuses. */
    private static String postmasterOptions(Path data) throws IOException {
        String line = Files.readString(data.resolve("postmaster.opts"), StandardCharsets.UTF_8)
                .trim();
        int firstQuote = line.indexOf('"');
        if (firstQuote < 0) {
            throw new IllegalStateException("unexpected postmaster.opts: " + line);
        }
        return line.substring(firstQuote);
    }

    private void pgCtl(String... arguments) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // As zonky does: PostgreSQL refuses to run as root, which it is in a user namespace of its own.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "-D", dataDirectory.toString(), "-t", "60"));
        command.addAll(List.of(arguments));
        try {
            Path output = Files.createTempFile(dataDirectory.getParent(), "pg_ctl", ".out");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(PG_CTL_TIMEOUT_SECONDS + 10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("pg_ctl did not finish: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("pg_ctl failed with status " + process.exitValue() + ": " + command
                        + "\n" + Files.readString(output) + log());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
