package com.followup.api.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.followup.api.OperatorException;
import io.dropwizard.db.DataSourceFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database as a server uses it, in a process of its own ({@link EmbeddedDatabaseHolder}) that the test
 * kills the way a power cut or a container stop would: acknowledged writes survive, a command run meanwhile uses the
 * running database, and the next start stops the PostgreSQL a killed server left behind.
 */
class EmbeddedDatabaseCrashTest {
    @TempDir
    Path temporary;

    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() {
        started.forEach(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillingTheServerAndItsPostgresTogether() throws Exception {
        Path directory = temporary.resolve("postgres");
        String url = withPassword(startHolder(directory), directory);
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE acknowledged (id bigint PRIMARY KEY, written_at timestamptz NOT NULL)");
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet value = statement.executeQuery("SHOW " + setting)) {
                    value.next();
                    assertThat(value.getString(1)).as(setting).isEqualTo("on");
                }
            }
            try (ResultSet value = statement.executeQuery("SHOW min_wal_size")) {
                value.next();
                assertThat(value.getString(1)).as("WAL files kept for reuse").isEqualTo("1GB");
            }
        }

        // Four writers commit one row at a time; a row counts once its commit has returned.
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicLong ids = new AtomicLong();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        for (int writer = 0; writer < 4; writer++) {
            writers.submit(() -> write(url, ids, acknowledged));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (acknowledged.size() < 300 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        // While they are still writing: the server and every PostgreSQL process at once, with SIGKILL.
        Set<ProcessHandle> victims = new HashSet<>();
        for (ProcessHandle holder : started) {
            victims.add(holder);
            holder.descendants().forEach(victims::add);
        }
        EmbeddedDatabaseFactory.Postmaster.of(directory)
                .ifPresent(postmaster -> ProcessHandle.of(postmaster.pid()).ifPresent(process -> {
                    victims.add(process);
                    process.descendants().forEach(victims::add);
                }));
        victims.forEach(ProcessHandle::destroyForcibly);
        Set<Long> acknowledgedBeforeTheCrash = Set.copyOf(acknowledged);
        writers.shutdownNow();
        assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        for (ProcessHandle victim : victims) {
            victim.onExit().get(30, TimeUnit.SECONDS);
        }
        assertThat(acknowledgedBeforeTheCrash).hasSizeGreaterThanOrEqualTo(300);

        EmbeddedDatabaseFactory factory = factory(directory);
        DataSourceFactory database = new DataSourceFactory();
        try (EmbeddedPostgres restarted = factory.startForServer(database).orElseThrow();
                Connection connection =
                        DriverManager.getConnection(database.getUrl(), database.getUser(), database.getPassword());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM acknowledged")) {
            Set<Long> found = new HashSet<>();
            while (rows.next()) {
                found.add(rows.getLong(1));
            }
            // Every write the writers were told had committed is there; some in flight may be there too.
            assertThat(found).containsAll(acknowledgedBeforeTheCrash);
        }
    }

    @Test
    void aCommandUsesTheRunningServersDatabaseAndTheNextStartStopsTheOrphanOfAKilledServer() throws Exception {
        Path directory = temporary.resolve("postgres");
        String serverUrl = withPassword(startHolder(directory), directory);
        try (Connection connection = DriverManager.getConnection(serverUrl);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (name text)");
            statement.execute("INSERT INTO kept VALUES ('written by the server')");
        }

        // A command while the server runs: it connects to the server's PostgreSQL and has nothing to stop.
        DataSourceFactory command = new DataSourceFactory();
        Optional<EmbeddedPostgres> ownedByTheCommand = factory(directory).startIfNoUrl(command);
        assertThat(ownedByTheCommand).isEmpty();
        assertThat(readKept(command)).isEqualTo("written by the server");

        // A second server is refused in one line.
        assertThatThrownBy(() -> factory(directory).startForServer(new DataSourceFactory()))
                .isInstanceOf(OperatorException.class)
                .hasMessageContaining("Another Followup process is using the embedded database in " + directory);

        // The server dies with SIGKILL; its PostgreSQL lives on, holding the directory.
        EmbeddedDatabaseFactory.Postmaster orphan =
                EmbeddedDatabaseFactory.Postmaster.of(directory).orElseThrow();
        ProcessHandle holder = started.get(0);
        holder.destroyForcibly();
        holder.onExit().get(30, TimeUnit.SECONDS);
        assertThat(ProcessHandle.of(orphan.pid()).map(ProcessHandle::isAlive)).contains(true);

        DataSourceFactory restarted = new DataSourceFactory();
        try (EmbeddedPostgres postgres =
                factory(directory).startForServer(restarted).orElseThrow()) {
            assertThat(ProcessHandle.of(orphan.pid())
                            .map(ProcessHandle::isAlive)
                            .orElse(false))
                    .isFalse();
            assertThat(postgres.getPort()).isNotEqualTo(orphan.port());
            assertThat(readKept(restarted)).isEqualTo("written by the server");
        }
    }

    private static void write(String url, AtomicLong ids, Set<Long> acknowledged) {
        try (Connection connection = DriverManager.getConnection(url);
                PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO acknowledged VALUES (?, clock_timestamp())")) {
            while (!Thread.currentThread().isInterrupted()) {
                long id = ids.incrementAndGet();
                insert.setLong(1, id);
                insert.executeUpdate();
                acknowledged.add(id);
            }
        } catch (SQLException e) {
            // The crash: this connection's last write was never acknowledged.
        }
    }

    /** The holder's URL names the user; the password is in the data directory, as for any command. */
    private static String withPassword(String url, Path directory) {
        return url + "&password="
                + EmbeddedDatabaseFactory.readPassword(directory).orElseThrow();
    }

    private static String readKept(DataSourceFactory database) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(database.getUrl(), database.getUser(), database.getPassword());
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT name FROM kept")) {
            row.next();
            return row.getString(1);
        }
    }

    private static EmbeddedDatabaseFactory factory(Path directory) {
        EmbeddedDatabaseFactory factory = new EmbeddedDatabaseFactory();
        factory.setDataDirectory(directory.toString());
        return factory;
    }

    /** Starts {@link EmbeddedDatabaseHolder} in a JVM of its own and returns the URL it serves once it is ready. */
    private String startHolder(Path directory) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process holder = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        EmbeddedDatabaseHolder.class.getName(),
                        directory.toString())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        started.add(holder.toHandle());
        BufferedReader output =
                new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith("ready ")) {
                // Keep draining its output so that it never blocks on a full pipe.
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> {}));
                drain.setDaemon(true);
                drain.start();
                assertThat(Files.exists(directory.resolve("postmaster.pid"))).isTrue();
                return line.substring("ready ".length());
            }
            seen.add(line);
        }
        throw new AssertionError("the holder ended without starting PostgreSQL: " + String.join("\n", seen));
    }
}
