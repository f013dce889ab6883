package com.followup.api.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.FollowupApplication;
import com.followup.api.FollowupConfiguration;
import com.followup.api.db.DatabaseMigrations;
import com.followup.api.db.DatabaseMigrations.Changeset;
import com.followup.api.generate.AgencyGenerator;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup} and {@code restore} run through Dropwizard's command line, as {@code java -jar ... backup} runs them:
 * the small generated agency, plus a row in every table the generator leaves empty, goes to a file and back into
 * other databases, where every table must come back row for row and the server must start and answer.
 */
class BackupRestoreTest {
    private static final Instant ANCHOR = Instant.parse("2026-03-16T12:00:00Z");

    /** The agency backed up. */
    @RegisterExtension
    static final PostgresDatabaseExtension SOURCE = TestApp.migratedDatabase();

    /** A database as a new server gives it: no schema at all. */
    @RegisterExtension
    static final PostgresDatabaseExtension BARE = PostgresDatabaseExtension.empty();

    /** A database that a Followup server once started on (migrated, so holding the changelog's own rows). */
    @RegisterExtension
    static final PostgresDatabaseExtension MIGRATED = TestApp.migratedDatabase();

    /** The target of every refusal, which must stay untouched. */
    @RegisterExtension
    static final PostgresDatabaseExtension UNTOUCHED = PostgresDatabaseExtension.empty();

    /** A database two changesets behind this build, and where its backup goes. */
    @RegisterExtension
    static final PostgresDatabaseExtension OLDER_SOURCE = PostgresDatabaseExtension.empty();

    @RegisterExtension
    static final PostgresDatabaseExtension OLDER_TARGET = PostgresDatabaseExtension.empty();

    @TempDir
    static Path directory;

    private static AgencyGenerator.Result agency;
    private static Path backup;

    @BeforeAll
    static void backUpTheSource() throws Exception {
        try (Connection connection = SOURCE.connect()) {
            connection.setAutoCommit(false);
            agency = AgencyGenerator.generate(connection, AgencyGenerator.Size.SMALL, 42, ANCHOR, false);
            connection.commit();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute(EVERY_OTHER_TABLE);
                // A company stored before a NOT VALID check (changeset 0015) that it breaks (the 13th): a backup keeps
                // it, and a
                // restore must bring it back with the check as it was, not refuse the whole backup.
                statement.execute(
                        """
                        ALTER TABLE companies DROP CONSTRAINT companies_name_has_text;
                        INSERT INTO companies (name) VALUES (E'\\u2003');
                        ALTER TABLE companies ADD CONSTRAINT companies_name_has_text CHECK (followup_has_text(name))
                            NOT VALID;
                        """);
            }
        }
        backup = directory.resolve("agency.backup");
        Run run = backup(SOURCE, backup);
        assertThat(run.failure()).isEmpty();
        assertThat(run.out()).contains("Backup written to " + backup).contains("touches");
    }

    @Test
    void everyTableComesBackRowForRowWithItsSequences() throws Exception {
        Map<String, String> source = tableChecksums(SOURCE);
        assertThat(source.values())
                .as("every table of the source holds rows, so the round trip covers it: give a new table a row in"
                        + " EVERY_OTHER_TABLE")
                .noneMatch(checksum -> checksum.startsWith("0 rows"));

        Run run = restore(BARE, backup);

        assertThat(run.failure()).isEmpty();
        assertThat(run.out()).contains("checksum verified").contains("Restored " + source.size() + " tables");
        assertThat(tableChecksums(BARE)).isEqualTo(source);
        assertThat(sequences(BARE)).isEqualTo(sequences(SOURCE));
        // The indexes and foreign keys dropped for the load are back as they were, and so are the triggers.
        assertThat(schema(BARE)).isEqualTo(schema(SOURCE));
        try (Connection connection = BARE.connect()) {
            assertThat(DatabaseMigrations.applied(connection)).isEqualTo(DatabaseMigrations.changelog(connection));
            // The company deleted before the backup keeps its id: the next one gets a new id, as on the source.
            assertThat(insertCompany(connection, "After the restore")).isEqualTo(nextCompanyId(SOURCE));
            assertThat(count(connection, "SELECT count(*) FROM schema_fingerprint"))
                    .as("the server will not run Liquibase again")
                    .isEqualTo(1);
            // The triggers are back on: the audit log is append-only again.
            assertThat(failure(connection, "DELETE FROM audit_log")).contains("append-only");
        }
    }

    @Test
    void theServerStartsOnTheRestoredCopyOfADatabaseItOnceMigratedAndAnswers() throws Exception {
        assertThat(restore(MIGRATED, backup).failure()).isEmpty();
        assertThat(tableChecksums(MIGRATED)).isEqualTo(tableChecksums(SOURCE));

        DropwizardAppExtension<FollowupConfiguration> app = TestApp.app(MIGRATED);
        app.before();
        try {
            TestApi api = TestApp.api(app);
            TestApi.Session recruiter = api.login(agency.recruiterEmail(), AgencyGenerator.PASSWORD);
            TestApi.Reply dashboard = api.get(recruiter, "/api/dashboard");
            assertThat(dashboard.status()).isEqualTo(200);
            long assigned;
            try (Connection connection = SOURCE.connect()) {
                assigned = count(
                        connection,
                        "SELECT count(*) FROM recruiter_assignments a JOIN users u ON u.id = a.recruiter_id"
                                + " WHERE u.email = '" + agency.recruiterEmail() + "'");
            }
            assertThat(dashboard.json().get("counts").get("candidates").asLong())
                    .as("the recruiter's candidates, read from the restored rows")
                    .isEqualTo(assigned)
                    .isPositive();
        } finally {
            app.after();
        }
    }

    @Test
    void refusesADatabaseThatIsNotEmpty() throws Exception {
        Map<String, String> before = tableChecksums(SOURCE);

        Run run = restore(SOURCE, backup);

        assertThat(run.err())
                .startsWith("restore: The database " + SOURCE.database().name() + " is not empty (companies: 13 rows")
                .contains("restore only into a new, empty database")
                .doesNotContain("Exception");
        assertThat(run.err().lines()).hasSize(1);
        assertThat(tableChecksums(SOURCE)).isEqualTo(before);
    }

    @Test
    void refusesADamagedFileBeforeTouchingTheDatabase() throws Exception {
        Path damaged = directory.resolve("damaged.backup");
        byte[] bytes = Files.readAllBytes(backup);
        bytes[bytes.length - 100] ^= 0x01;
        Files.write(damaged, bytes);

        Run run = restore(UNTOUCHED, damaged);

        assertThat(run.err())
                .startsWith("restore: " + damaged + " is damaged: its checksum does not match")
                .doesNotContain("Exception");
        assertThat(run.err().lines()).hasSize(1);
        assertUntouched();
    }

    @Test
    void refusesAFileThatIsNotABackupAndOneThatIsMissing() throws Exception {
        Path text = directory.resolve("notes.txt");
        Files.writeString(text, "id,name\n1,Ada\n");

        assertThat(restore(UNTOUCHED, text).err())
                .isEqualTo("restore: " + text + " is not a Followup backup (it does not start with \"# followup"
                        + " backup\").\n");
        assertThat(restore(UNTOUCHED, directory.resolve("missing.backup")).err())
                .isEqualTo("restore: " + directory.resolve("missing.backup") + " does not exist.\n");
        assertUntouched();
    }

    @Test
    void refusesWhileAnotherSessionIsConnected() throws Exception {
        Run run;
        try (Connection server = UNTOUCHED.connect();
                Statement statement = server.createStatement()) {
            statement.execute("SET application_name = 'followup'");
            run = restore(UNTOUCHED, backup);
        }

        assertThat(run.err())
                .startsWith("restore: 1 other session is connected to the database "
                        + UNTOUCHED.database().name() + " (followup): stop every Followup server on it")
                .doesNotContain("Exception");
        assertUntouched();
    }

    @Test
    void backupRefusesToReplaceAFileUnlessForced() throws Exception {
        Path existing = directory.resolve("existing.backup");
        Files.writeString(existing, "keep me");

        Run refused = backup(SOURCE, existing);

        assertThat(refused.err())
                .isEqualTo("backup: " + existing + " already exists; choose another --file, or add --force to replace"
                        + " it.\n");
        assertThat(Files.readString(existing)).isEqualTo("keep me");

        Run forced = backup(SOURCE, existing, "--force");
        assertThat(forced.failure()).isEmpty();
        assertThat(Files.readString(existing, StandardCharsets.ISO_8859_1)).startsWith("# followup backup: format 1");
        try (var files = Files.list(directory)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.endsWith(".partial"));
        }
    }

    @Test
    void restoresABackupOfAnOlderSchemaThenMigratesTheRest() throws Exception {
        List<Changeset> changelog;
        int older;
        try (Connection connection = OLDER_SOURCE.connect()) {
            changelog = DatabaseMigrations.changelog(connection);
            // Before the changeset that renamed report_schedule_claims.sent_at: its row must come through the rename.
            older = changelog.stream().map(Changeset::id).toList().indexOf("0012-report-mail-queued");
            assertThat(older).isPositive();
            DatabaseMigrations.migratePartly(connection, older);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO users (email, display_name, role, password_hash)"
                        + " VALUES ('old@agency.test', 'Olga Older', 'ADMIN', 'hash')");
                statement.execute("INSERT INTO report_schedule_claims (week, scope, claimed_by, claimed_at, sent_at)"
                        + " VALUES ('2026-W01', 'agency', 'server-1', now(), '2026-01-05 07:00:00+00')");
            }
        }
        Path file = directory.resolve("older.backup");
        assertThat(backup(OLDER_SOURCE, file).failure()).isEmpty();

        Run run = restore(OLDER_TARGET, file);

        assertThat(run.failure()).isEmpty();
        assertThat(run.out())
                .contains("schema created as the backup has it: " + older + " changesets")
                .contains("migrated from the backup's schema to this build's: " + (changelog.size() - older)
                        + " more changesets");
        try (Connection connection = OLDER_TARGET.connect()) {
            assertThat(DatabaseMigrations.applied(connection)).isEqualTo(changelog);
            assertThat(count(connection, "SELECT count(*) FROM users WHERE email = 'old@agency.test'"))
                    .isEqualTo(1);
            assertThat(count(
                            connection,
                            "SELECT count(*) FROM report_schedule_claims"
                                    + " WHERE mail_queued_at = '2026-01-05 07:00:00+00'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void refusesABackupOfANewerSchema() throws Exception {
        Path newer = directory.resolve("newer.backup");
        Files.write(
                newer,
                withHeaderEdited(Files.readAllBytes(backup), "0011-create-planned-reminders", "0099-from-the-future"));

        Run run = restore(UNTOUCHED, newer);

        assertThat(run.err())
                .startsWith("restore: The backup's schema is newer than this Followup's: changeset"
                        + " 0099-from-the-future is not in its changelog.")
                .doesNotContain("Exception");
        assertUntouched();
    }

    @Test
    void theApplicationOffersBackupAndRestore() {
        FollowupApplication application = new FollowupApplication();
        Bootstrap<FollowupConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);

        assertThat(bootstrap.getCommands()).extracting(Command::getName).contains("backup", "restore");
    }

    /** The rows the generator does not write: one or a few in each table, with text COPY must escape. */
    private static final String EVERY_OTHER_TABLE =
            """
            INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
                 VALUES ('session-hash', 1, 'csrf', '2026-03-16 12:00:00.123456+00', now(), now() + interval '1 day');
            INSERT INTO login_throttle (address_hash, attempts, not_before, last_attempt_at)
                 VALUES ('address-hash', 6, '2026-03-16 12:00:01.5+00', '2026-03-16 12:00:00.5+00');
            INSERT INTO api_tokens (user_id, name, token_hash, created_by, created_at)
                 VALUES (1, E'tab\\there, new\\nline, back\\\\slash, "quoted", ünïcødé ✓', 'token-hash', 1, now());
            INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, details)
                 VALUES (1, 'user.created', 'user', '2', '{"by": "test", "list": [1, 2.5, null, "x\\ty"]}');
            UPDATE agency_policy SET version = 2, updated_by = 1, updated_at = '2026-03-01 09:30:00+01';
            UPDATE notification_settings SET recruiter_digest_hour = 7, version = 2;
            UPDATE companies SET spacing = interval '1 day 02:03:04.5', status_check_limit = 3
             WHERE id = (SELECT min(id) FROM companies);
            INSERT INTO companies (name) VALUES ('Deleted Ltd');
            DELETE FROM companies WHERE name = 'Deleted Ltd';
            INSERT INTO reports (week, scope, version, as_of, zone, parameters, produced_by, produced_via, produced_at)
                 VALUES ('2026-W11', 'agency', 1, now(), 'Europe/London', '{}', 1, 'API', now());
            INSERT INTO report_files (report_id, format, file_name, media_type, content, sha256, size)
                 VALUES (1, 'PDF', 'week.pdf', 'application/pdf', '\\x00010203fffe0a0d5c09'::bytea, repeat('a', 64), 10);
            INSERT INTO report_schedule_claims (week, scope, claimed_by, claimed_at, report_id, mail_queued_at)
                 VALUES ('2026-W11', 'agency', 'server-1', now(), 1, now());
            INSERT INTO outbox (recipient_id, recipient_email, kind, dedupe_key, subject, body_text, body_html, due_at,
                                next_attempt_at, created_at, message_id)
                 VALUES (1, 'admin@agency.example', 'RECRUITER_DIGEST', 'digest-1', 'Your digest',
                         E'Line one\\nLine two\\r\\n\\tindented', '<p>Line one</p>', now(), now(), now(),
                         '<digest-1@agency.example>');
            INSERT INTO outbox (recipient_id, recipient_email, kind, dedupe_key, subject, body_text, due_at,
                                next_attempt_at, created_at, report_id)
                 VALUES (1, 'admin@agency.example', 'WEEKLY_REPORT', 'report-1', 'Week 11', 'Attached', now(), now(),
                         now(), 1);
            INSERT INTO outbox_items (outbox_id, item_key, interview_id, step_kind, step_sequence, event, created_at)
                 VALUES (1, 'item-1', (SELECT min(id) FROM interviews), 'THANK_YOU', 1, 'OPENS', now());
            INSERT INTO notification_preferences (user_id, email_enabled, legacy_unsubscribe_hash, updated_at)
                 VALUES (1, false, repeat('u', 64), now());
            INSERT INTO calendar_feeds (candidate_id, token_hash, created_at, renewed_at)
                 VALUES ((SELECT min(id) FROM candidates), 'feed-hash', now(), now());
            INSERT INTO import_jobs (kind, mode, status, file_bytes, report, created_by, created_at)
                 VALUES ('CANDIDATES', 'DRY_RUN', 'DONE', 10, '{"rows": 1}', 1, now());
            INSERT INTO planned_reminders (interview_id, input_generation, policy_version, valid_until, planned_at)
                 SELECT id, 0, 1, NULL, now() FROM interviews ORDER BY id LIMIT 5;
            INSERT INTO account_links (user_id, purpose, token_hash, created_by, created_at, expires_at, used_at)
                 VALUES (1, 'RESET', repeat('0123456789abcdef', 4), NULL, now(), now() + interval '1 hour', now());
            INSERT INTO breaches_seen (user_id, candidate_id, breaches, latest_at, seen_at)
                 VALUES (1, (SELECT min(id) FROM candidates), 2, '2026-03-16 12:00:00.654321+00', now());
            INSERT INTO webhook_endpoints (url, description, event_types, secret, previous_secret, previous_secret_until,
                                           enabled, disabled_reason, failing_since, created_by, created_at)
                 VALUES ('https://ats.example.com/hook', E'the "ATS"\tnew', ARRAY['touch.logged', 'report.produced'],
                         'whsec_c2VjcmV0', 'whsec_b2xk', now(), false, 'every attempt failed', now(), 1, now());
            INSERT INTO webhook_events (id, type, body, created_at)
                 VALUES ('msg_0123', 'touch.logged', '{"type":"touch.logged","data":{"touchId":1}}', now());
            INSERT INTO webhook_deliveries (event_id, endpoint_id, state, attempts, next_attempt_at, last_status,
                                            last_error, created_at)
                 VALUES ('msg_0123', 1, 'PENDING', 2, now(), 503, 'HTTP 503: down', now());
            INSERT INTO webhook_attempts (delivery_id, endpoint_id, attempted_at, status, duration_ms, error)
                 VALUES (1, 1, now(), 503, 120, 'HTTP 503: down');
            INSERT INTO webhook_watched (interview_id, input_generation, policy_version, valid_until, watched_at)
                 SELECT id, 0, 1, NULL, now() FROM interviews ORDER BY id LIMIT 3;
            INSERT INTO webhook_announced (interview_id, key, announced_at)
                 SELECT id, 'breach:R1::', now() FROM interviews ORDER BY id LIMIT 3;
            INSERT INTO webhook_watch_state (id, baseline_needed) VALUES (1, false);
            INSERT INTO mail_in_addresses (candidate_id, secret, created_at, renewed_at)
                 VALUES ((SELECT min(id) FROM candidates), repeat('0f', 16), now(), now());
            INSERT INTO mail_in_messages (message_key, candidate_id, outcome, read_at)
                 VALUES ('<waiting@mail.example>', (SELECT min(id) FROM candidates), 'UNPLACED', now());
            INSERT INTO mail_in_unplaced (candidate_id, message_key, direction, sent_at, counterpart, subject, text,
                                          reason, read_at)
                 VALUES ((SELECT min(id) FROM candidates), '<waiting@mail.example>', 'SENT', now(),
                         'Ivy <ivy@acme.example>', 'Thanks', E'Dear Ivy,\n\tthank you', 'no known contact', now());
            INSERT INTO erasures (subject_kind, subject_id, erased_by, via, erased_at)
                 VALUES ('CONTACT', 999, 1, 'REQUEST', now());
            UPDATE retention_policy SET candidate_months = 36, version = 2, updated_by = 1,
                                        last_run_at = '2026-03-16 03:00:00+00';
            """;

    /** Per table: its row count and the MD5 of all its rows as text, in order. */
    private static Map<String, String> tableChecksums(PostgresDatabaseExtension database) throws SQLException {
        Map<String, String> checksums = new TreeMap<>();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    + " AND tablename NOT IN ('databasechangelog', 'databasechangeloglock', 'schema_fingerprint')")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) || ' rows ' || md5(coalesce("
                        + "string_agg(t::text, ',' ORDER BY t::text), '')) FROM " + table + " t")) {
                    rows.next();
                    checksums.put(table, rows.getString(1));
                }
            }
        }
        return checksums;
    }

    /** Every constraint, index and trigger of the application's schema, as PostgreSQL describes them. */
    private static List<String> schema(PostgresDatabaseExtension database) throws SQLException {
        List<String> schema = new ArrayList<>();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        """
                        SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                          FROM pg_constraint WHERE connamespace = 'public'::regnamespace
                        UNION ALL
                        SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'
                        UNION ALL
                        SELECT tgrelid::regclass || ' ' || tgname || ' enabled ' || tgenabled::text
                          FROM pg_trigger WHERE NOT tgisinternal
                        ORDER BY 1
                        """)) {
            while (rows.next()) {
                schema.add(rows.getString(1));
            }
        }
        assertThat(schema).as("constraints, indexes and triggers").hasSizeGreaterThan(100);
        return schema;
    }

    private static Map<String, Optional<Long>> sequences(PostgresDatabaseExtension database) throws SQLException {
        Map<String, Optional<Long>> values = new TreeMap<>();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")) {
            while (rows.next()) {
                long value = rows.getLong(2);
                values.put(rows.getString(1), rows.wasNull() ? Optional.empty() : Optional.of(value));
            }
        }
        return values;
    }

    private static long nextCompanyId(PostgresDatabaseExtension database) throws SQLException {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            long id = insertCompany(connection, "Probe");
            connection.rollback();
            return id;
        }
    }

    private static long insertCompany(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("INSERT INTO companies (name) VALUES ('" + name + "') RETURNING id")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String failure(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            return "";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    /** A refusal changes nothing: the database has not even been given a schema. */
    private static void assertUntouched() throws SQLException {
        try (Connection connection = UNTOUCHED.connect()) {
            assertThat(count(connection, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
                    .isZero();
        }
    }

    /** The backup with a text of its header replaced, the padding adjusted so the header keeps its size. */
    private static byte[] withHeaderEdited(byte[] file, String text, String replacement) {
        String all = new String(file, StandardCharsets.ISO_8859_1);
        int headerBytes =
                Integer.parseInt(all.substring(0, all.indexOf('\n')).replaceAll(".*header (\\d+) bytes.*", "$1"));
        String header = all.substring(0, headerBytes).replace(text, replacement);
        String padded = header.stripTrailing() + "\n";
        padded = padded + " ".repeat(headerBytes - padded.length() - 1) + "\n";
        return (padded + all.substring(headerBytes)).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A command line's outcome: the failure, if any, and what it printed. */
    record Run(Optional<Throwable> failure, String out, String err) {}

    private static Run backup(PostgresDatabaseExtension database, Path file, String... more) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> arguments =
                new ArrayList<>(List.of("backup", configurationOf(database).toString(), "--file", file.toString()));
        arguments.addAll(List.of(more));
        return run(new BackupCommand(clock(), new PrintStream(out, true, StandardCharsets.UTF_8)), out, arguments);
    }

    private static Run restore(PostgresDatabaseExtension database, Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return run(
                new RestoreCommand(new PrintStream(out, true, StandardCharsets.UTF_8)),
                out,
                List.of("restore", configurationOf(database).toString(), "--file", file.toString()));
    }

    private static Run run(Command command, ByteArrayOutputStream commandOut, List<String> arguments) {
        ByteArrayOutputStream cliOut = new ByteArrayOutputStream();
        ByteArrayOutputStream cliErr = new ByteArrayOutputStream();
        Bootstrap<FollowupConfiguration> bootstrap = new Bootstrap<>(new FollowupApplication());
        bootstrap.addCommand(command);
        Cli cli = new Cli(new JarLocation(BackupRestoreTest.class), bootstrap, cliOut, cliErr);
        Optional<Throwable> failure = cli.run(arguments.toArray(String[]::new));
        return new Run(
                failure,
                commandOut.toString(StandardCharsets.UTF_8) + cliOut.toString(StandardCharsets.UTF_8),
                cliErr.toString(StandardCharsets.UTF_8));
    }

    private static Path configurationOf(PostgresDatabaseExtension database) throws IOException {
        Path configuration = directory.resolve(database.database().name() + ".yml");
        Files.writeString(
                configuration,
                """
                database:
                  driverClass: org.postgresql.Driver
                  url: "%s"
                  user: "%s"
                  password: "%s"
                logging:
                  level: WARN
                """
                        .formatted(
                                database.jdbcUrl(),
                                database.database().userName().orElse(""),
                                database.database().userPassword().orElse("")));
        return configuration;
    }

    private static Clock clock() {
        return Clock.fixed(Instant.parse("2026-03-16T13:00:00Z"), ZoneOffset.UTC);
    }
}
