package com.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.FollowupConfiguration;
import com.followup.api.generate.AgencyGenerator;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar's commands while a server holds the embedded database, as a user runs them from the shipped
 * configuration: the ones that read or write data use the running server's PostgreSQL, and a second server is
 * refused in one line without a stack trace.
 */
class CommandsWhileTheServerRunsTest {
    @TempDir
    static Path temporary;

    private static Path config;
    private static DropwizardTestSupport<FollowupConfiguration> server;

    @BeforeAll
    static void startTheServer() throws Exception {
        // The shipped file, with only what must differ on a test machine: its own data directory and unsubscribe key
        // file, free ports, no
        // weekly report run at start.
        String shipped = Files.readString(Path.of("..", "config", "followup.yml"));
        config = temporary.resolve("followup.yml");
        Files.writeString(
                config,
                shipped.replace(
                                "${FOLLOWUP_DATA_DIR:-data/postgres}",
                                temporary.resolve("postgres").toString())
                        .replace(
                                "${FOLLOWUP_UNSUBSCRIBE_KEY_FILE:-data/unsubscribe-key}",
                                temporary.resolve("unsubscribe-key").toString())
                        .replace("${FOLLOWUP_PORT:-8080}", "0")
                        .replace("${FOLLOWUP_ADMIN_PORT:-8081}", "0")
                        .replace("${FOLLOWUP_REPORTS_ENABLED:-true}", "false"));
        server = new DropwizardTestSupport<>(FollowupServer.class, config.toString());
        server.before();
    }

    @AfterAll
    static void stopTheServer() {
        if (server != null) {
            server.after();
        }
    }

    @Test
    void dbStatusUsesTheRunningServersDatabase() {
        Outcome outcome = run("db", "status", config.toString());
        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.out() + outcome.err())
                .contains("holds the embedded database: using its PostgreSQL on port")
                .contains("is up to date");
    }

    @Test
    void reportWritesItsFileFromTheRunningServersDatabase() throws Exception {
        Path out = temporary.resolve("report.csv");
        Outcome outcome =
                run("report", config.toString(), "--week", "2026-W48", "--format", "csv", "--out", out.toString());
        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.err()).contains("written to " + out);
        assertThat(Files.readString(out)).isNotBlank();
    }

    @Test
    void generateLoadsAnAgencyThatTheRunningServerServes() throws Exception {
        Outcome outcome = run("generate", config.toString(), "--size", "small", "--append");
        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.out()).contains("Generated a small agency");
        Matcher admin = Pattern.compile("admin (\\S+@\\S+?),").matcher(outcome.out());
        assertThat(admin.find()).as(outcome.out()).isTrue();

        // The server, which holds the database, answers the generated admin's login at once.
        HttpResponse<String> login = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + server.getLocalPort() + "/api/session"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + admin.group(1)
                                        + "\",\"password\":\"" + AgencyGenerator.PASSWORD + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    }

    @Test
    void backupTakesItsSnapshotFromTheRunningServersDatabase() throws Exception {
        Path file = temporary.resolve("followup.backup");
        Outcome outcome = run("backup", config.toString(), "--file", file.toString());
        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.out() + outcome.err()).contains("holds the embedded database: using its PostgreSQL on port");
        assertThat(Files.size(file)).isPositive();
    }

    @Test
    void restoreIsRefusedInOneLineWhileTheServerIsConnected() throws Exception {
        Path file = temporary.resolve("for-restore.backup");
        assertThat(run("backup", config.toString(), "--file", file.toString()).failure())
                .isEmpty();

        Outcome outcome = run("restore", config.toString(), "--file", file.toString());
        assertThat(outcome.failure()).isPresent();
        String lastLine =
                outcome.err().strip().lines().reduce((first, second) -> second).orElse("");
        assertThat(lastLine)
                .contains("connected to the database")
                .contains("Nothing was restored.")
                .doesNotContain("Exception");
        assertThat(outcome.err()).doesNotContain("\tat ");
    }

    @Test
    void aSecondServerIsRefusedInOneLine() {
        Outcome outcome = run("server", config.toString());
        assertThat(outcome.failure()).isPresent();
        assertThat(outcome.err().strip())
                .startsWith(
                        "Another Followup process is using the embedded database in " + temporary.resolve("postgres"))
                .doesNotContain("\n")
                .doesNotContain("Exception");
    }

    private record Outcome(String out, String err, Optional<Throwable> failure) {}

    /** Runs the jar's main entry as {@code java -jar followup.jar ARGS} would, capturing what it prints. */
    private static synchronized Outcome run(String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        Throwable[] failure = new Throwable[1];
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            new FollowupServer() {
                @Override
                protected void onFatalError(Throwable error) {
                    // Instead of System.exit(1).
                    failure[0] = error;
                }
            }.run(arguments);
        } catch (Exception e) {
            failure[0] = e;
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Outcome(
                out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8),
                Optional.ofNullable(failure[0]));
    }
}
