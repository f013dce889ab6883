package com.followup.api.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.followup.api.audit.Audit;
import com.followup.api.auth.PasswordHasher;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.demo.DemoData;
import com.followup.api.privacy.Erasures.ErasureRequest;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.ProblemException;
import com.followup.api.testing.MutableClock;
import com.followup.api.testing.TestApp;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.rules.PlanEvaluator;
import com.followup.core.testing.PostgresDatabaseExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Export and erasure on the demo agency in a real PostgreSQL: an export holds what the database holds about the
 * person, and after an erasure no text column of any table holds the person's strings, while every figure-carrying row
 * is still there.
 */
class PrivacyTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final ObjectMapper JSON =
            new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule());

    private static Jdbi jdbi;
    private static PrivacyExports exports;
    private static Erasures erasures;
    private static UserPrincipal admin;

    @BeforeAll
    static void demoAgency() {
        jdbi = TestApp.jdbi(DATABASE);
        jdbi.installPlugin(new PostgresPlugin());
        MutableClock clock = new MutableClock(NOW);
        new DemoData(new PasswordHasher()).loadIfEmpty(jdbi, clock);
        long adminId = TestApp.user(jdbi, "privacy-admin@agency.example", "Privacy Admin", Role.ADMIN);
        admin = new UserPrincipal(
                adminId, "privacy-admin@agency.example", "Privacy Admin", Role.ADMIN, Optional.empty());
        Audit audit = new Audit(JSON, clock);
        exports = new PrivacyExports(
                jdbi,
                audit,
                new JdbiInterviewRecords(jdbi),
                () -> AgencyPolicy.defaults(ZoneId.of("Europe/Berlin")),
                new PlanEvaluator(),
                clock,
                JSON);
        erasures = new Erasures(jdbi, audit, clock);
    }

    /** A demo candidate with a login, touches with text, replies, a debrief and an outcome. */
    private static long richCandidate(int skip) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        """
                        SELECT c.id FROM candidates c
                        WHERE c.user_id IS NOT NULL AND c.erased_at IS NULL
                          AND EXISTS (SELECT 1 FROM touches t JOIN interviews i ON i.id = t.interview_id
                                      WHERE i.candidate_id = c.id AND t.text IS NOT NULL)
                          AND EXISTS (SELECT 1 FROM replies r JOIN interviews i ON i.id = r.interview_id
                                      WHERE i.candidate_id = c.id)
                          AND EXISTS (SELECT 1 FROM debriefs d JOIN interviews i ON i.id = d.interview_id
                                      WHERE i.candidate_id = c.id)
                        ORDER BY c.id OFFSET :skip LIMIT 1
                        """)
                .bind("skip", skip)
                .mapTo(Long.class)
                .one());
    }

    /** The candidate's login gets a mail in the outbox, a session, a calendar feed and an audit entry naming them. */
    private static long userWithEverything(long candidateId) {
        return jdbi.withHandle(handle -> {
            Map<String, Object> candidate = handle.createQuery(
                            "SELECT c.user_id, c.name, c.email FROM candidates c WHERE c.id = :id")
                    .bind("id", candidateId)
                    .mapToMap()
                    .one();
            long user = ((Number) candidate.get("user_id")).longValue();
            String name = (String) candidate.get("name");
            handle.createUpdate(
                            """
                            INSERT INTO outbox (recipient_id, recipient_email, kind, dedupe_key, subject, body_text,
                                                due_at, state, next_attempt_at, sent_at, created_at)
                            VALUES (:user, :email, 'CANDIDATE_DIGEST', :key1, 'Your follow-ups', :body, now(), 'SENT',
                                    now(), now(), now()),
                                   (:user, :email, 'CANDIDATE_DIGEST', :key2, 'Your follow-ups', :body, now(),
                                    'PENDING', now(), NULL, now())
                            """)
                    .bind("user", user)
                    .bind("email", candidate.get("email"))
                    .bind("key1", "privacy-test-sent-" + candidateId)
                    .bind("key2", "privacy-test-pending-" + candidateId)
                    .bind("body", "Hello " + name + ", two steps are due.")
                    .execute();
            handle.createUpdate(
                            """
                            INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
                            VALUES (:hash, :user, 'csrf', now(), now(), now() + interval '1 day')
                            """)
                    .bind("hash", "privacy-test-" + candidateId)
                    .bind("user", user)
                    .execute();
            handle.createUpdate(
                            """
                            INSERT INTO calendar_feeds (candidate_id, token_hash, created_at, renewed_at)
                            VALUES (:id, :hash, now(), now())
                            """)
                    .bind("id", candidateId)
                    .bind("hash", "privacy-test-feed-" + candidateId)
                    .execute();
            handle.createUpdate(
                            """
                            INSERT INTO mail_in_addresses (candidate_id, secret, created_at, renewed_at)
                            VALUES (:id, :secret, now(), now())
                            """)
                    .bind("id", candidateId)
                    .bind("secret", String.format("%032x", candidateId))
                    .execute();
            handle.createUpdate(
                            """
                            INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, details)
                            VALUES (:admin, 'candidate.updated', 'candidate', :id,
                                    jsonb_build_object('before', jsonb_build_object('name', CAST(:name AS text))))
                            """)
                    .bind("admin", admin.id())
                    .bind("id", String.valueOf(candidateId))
                    .bind("name", name)
                    .execute();
            // A recruiter's digest names the candidate too: mail to someone else, about them.
            long recruiter = handle.createQuery(
                            "SELECT recruiter_id FROM recruiter_assignments WHERE candidate_id = :id LIMIT 1")
                    .bind("id", candidateId)
                    .mapTo(Long.class)
                    .one();
            handle.createUpdate(
                            """
                            INSERT INTO outbox (recipient_id, recipient_email, kind, dedupe_key, subject, body_text,
                                                due_at, state, next_attempt_at, sent_at, created_at)
                            SELECT id, email, 'RECRUITER_DIGEST', :key, 'Your candidates', :body, now(), 'SENT',
                                   now(), now(), now()
                            FROM users WHERE id = :recruiter
                            """)
                    .bind("recruiter", recruiter)
                    .bind("key", "privacy-test-recruiter-" + candidateId)
                    .bind("body", name + " has a status check due.")
                    .execute();
            return user;
        });
    }

    @Test
    void aCandidatesExportHoldsWhatTheDatabaseHoldsAboutThem() throws IOException {
        long candidateId = richCandidate(0);
        userWithEverything(candidateId);

        Map<String, byte[]> files = unzip(exportOf(PersonKind.CANDIDATE, candidateId));

        assertThat(files).containsKeys("README.txt", "data.json", "plan_steps.csv", "plan_breaches.csv");
        JsonNode data = JSON.readTree(files.get("data.json"));
        Map<String, Object> profile = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT c.name, c.email, u.email AS login FROM candidates c JOIN users u ON u.id = c.user_id"
                                + " WHERE c.id = :id")
                .bind("id", candidateId)
                .mapToMap()
                .one());
        assertThat(data.get("profile").get(0).get("name").asText()).isEqualTo(profile.get("name"));
        assertThat(data.get("profile").get(0).get("email").asText()).isEqualTo(profile.get("email"));
        assertThat(data.get("profile").get(0).get("login_email").asText()).isEqualTo(profile.get("login"));
        // Every record of every kind, by id and with its texts, as the database has them.
        assertThat(ids(data.get("interviews"), "id"))
                .isEqualTo(column("SELECT id FROM interviews WHERE candidate_id = :id ORDER BY id", candidateId));
        assertThat(texts(data.get("touches"), "text"))
                .isNotEmpty()
                .isEqualTo(column(
                        """
                        SELECT t.text FROM touches t JOIN interviews i ON i.id = t.interview_id
                        WHERE i.candidate_id = :id ORDER BY t.id
                        """,
                        candidateId));
        assertThat(ids(data.get("replies"), "id"))
                .isNotEmpty()
                .isEqualTo(column(
                        """
                        SELECT r.id FROM replies r JOIN interviews i ON i.id = r.interview_id
                        WHERE i.candidate_id = :id ORDER BY r.id
                        """,
                        candidateId));
        assertThat(texts(data.get("debriefs"), "notes"))
                .isNotEmpty()
                .isEqualTo(column(
                        """
                        SELECT d.notes FROM debriefs d JOIN interviews i ON i.id = d.interview_id
                        WHERE i.candidate_id = :id ORDER BY d.interview_id
                        """,
                        candidateId));
        assertThat(ids(data.get("outcomes"), "interview_id"))
                .isEqualTo(column(
                        """
                        SELECT o.interview_id FROM outcomes o JOIN interviews i ON i.id = o.interview_id
                        WHERE i.candidate_id = :id ORDER BY o.interview_id
                        """,
                        candidateId));
        assertThat(ids(data.get("recruiters"), "recruiter_id"))
                .isNotEmpty()
                .isEqualTo(column(
                        "SELECT recruiter_id FROM recruiter_assignments WHERE candidate_id = :id ORDER BY recruiter_id",
                        candidateId));
        assertThat(texts(data.get("notifications"), "body_text")).hasSize(2).allMatch(body -> ((String) body)
                .contains((String) profile.get("name")));
        assertThat(texts(data.get("audit"), "action")).contains("candidate.updated", "privacy.exported");
        // One plan a readable interview, evaluated now.
        assertThat(data.get("plans")).hasSize(data.get("interviews").size());
        // The CSV files hold the same rows as data.json, with a header naming the columns.
        for (String section : List.of(
                "profile",
                "recruiters",
                "interviews",
                "interviewers",
                "timelines",
                "debriefs",
                "debrief_concerns",
                "outcomes",
                "touches",
                "replies",
                "notifications",
                "audit")) {
            List<CSVRecord> rows = csv(files.get(section + ".csv"));
            assertThat(rows).as(section).hasSize(data.get(section).size());
            for (int index = 0; index < rows.size(); index++) {
                JsonNode row = data.get(section).get(index);
                for (String header : rows.get(index).getParser().getHeaderNames()) {
                    assertThat(rows.get(index).get(header))
                            .as(section + "." + header)
                            .isEqualTo(PrivacyExports.cell(row.get(header)));
                }
            }
        }
        int steps = 0;
        for (JsonNode plan : data.get("plans")) {
            steps += plan.get("steps").size();
        }
        assertThat(csv(files.get("plan_steps.csv"))).hasSize(steps);
        assertThat(new String(files.get("README.txt"), StandardCharsets.UTF_8))
                .contains("touches.csv", "plan_steps.csv", "data.json");
    }

    @Test
    void aCandidateExportsOnlyThemselfAndARecruiterNoOne() {
        long own = richCandidate(0);
        long other = richCandidate(1);
        UserPrincipal candidate = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT u.id, u.email, u.display_name FROM users u JOIN candidates c ON c.user_id = u.id"
                                + " WHERE c.id = :id")
                .bind("id", own)
                .map((rows, context) -> new UserPrincipal(
                        rows.getLong(1), rows.getString(2), rows.getString(3), Role.CANDIDATE, Optional.empty()))
                .one());

        assertThat(exports.own(candidate).fileName()).isEqualTo("followup-candidate-" + own + "-2026-11-30.zip");
        assertThatThrownBy(() -> exports.of(candidate, PersonKind.CANDIDATE, other))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().status()).isEqualTo(404));
        UserPrincipal recruiter = new UserPrincipal(1, "r@example.com", "R", Role.RECRUITER, Optional.empty());
        assertThatThrownBy(() -> exports.of(recruiter, PersonKind.CANDIDATE, own))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> exports.of(admin, PersonKind.CANDIDATE, 999_999))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().status()).isEqualTo(404));
    }

    @Test
    void erasingACandidateLeavesTheirStringsNowhereAndTheirFiguresEverywhere() throws IOException {
        long candidateId = richCandidate(2);
        long user = userWithEverything(candidateId);
        List<String> strings = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT unnest(ARRAY[c.name, c.email, u.email]) FROM candidates c JOIN users u"
                                + " ON u.id = c.user_id WHERE c.id = :id")
                .bind("id", candidateId)
                .mapTo(String.class)
                .list());
        assertThat(occurrences(strings)).isNotEmpty();
        Map<String, Long> figuresBefore = figureRows(candidateId);

        assertThatThrownBy(() -> erasures.erase(admin, PersonKind.CANDIDATE, candidateId, new ErasureRequest("nope")))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().code()).isEqualTo(ErrorCode.ERASURE_NOT_CONFIRMED.code()));
        assertThat(occurrences(strings)).as("a refused erasure changes nothing").isNotEmpty();

        Erasures.ErasureView erased =
                erasures.erase(admin, PersonKind.CANDIDATE, candidateId, new ErasureRequest(strings.get(0)));

        assertThat(erased.name()).isEqualTo("Erased candidate #" + candidateId);
        assertThat(occurrences(strings)).isEmpty();
        assertThat(figureRows(candidateId)).isEqualTo(figuresBefore);
        Map<String, Object> after = jdbi.withHandle(handle -> handle.createQuery(
                        """
                        SELECT (SELECT count(*) FROM sessions WHERE user_id = :user) AS sessions,
                               (SELECT count(*) FROM calendar_feeds WHERE candidate_id = :id) AS feeds,
                               (SELECT count(*) FROM mail_in_addresses WHERE candidate_id = :id) AS logging,
                               (SELECT count(*) FROM outbox WHERE recipient_id = :user AND state = 'PENDING') AS pending,
                               (SELECT active FROM users WHERE id = :user) AS active,
                               (SELECT count(*) FROM audit_log WHERE action = 'privacy.erased'
                                  AND entity_id = CAST(:id AS text) AND actor_user_id = :admin) AS erasures
                        """)
                .bind("user", user)
                .bind("id", candidateId)
                .bind("admin", admin.id())
                .mapToMap()
                .one());
        assertThat(after)
                .containsEntry("sessions", 0L)
                .containsEntry("feeds", 0L)
                .containsEntry("logging", 0L)
                .containsEntry("pending", 0L)
                .containsEntry("active", false)
                .containsEntry("erasures", 1L);
        // The export after the erasure says nothing of them either.
        assertThat(unzip(exportOf(PersonKind.CANDIDATE, candidateId)).values()).allSatisfy(file -> assertThat(
                        new String(file, StandardCharsets.UTF_8).toLowerCase())
                .doesNotContain(strings.stream().map(String::toLowerCase).toArray(String[]::new)));
        assertThatThrownBy(() -> erasures.erase(admin, PersonKind.CANDIDATE, candidateId, new ErasureRequest("x")))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().code()).isEqualTo(ErrorCode.ALREADY_ERASED.code()));
    }

    @Test
    void erasingAContactLeavesTheirStringsNowhere() {
        Map<String, Object> contact = jdbi.withHandle(handle -> handle.createQuery(
                        """
                        SELECT ct.id, ct.name, ct.business_email FROM contacts ct
                        WHERE ct.business_email IS NOT NULL AND ct.erased_at IS NULL
                          AND EXISTS (SELECT 1 FROM touches t WHERE t.recipient_id = ct.id)
                        ORDER BY ct.id LIMIT 1
                        """)
                .mapToMap()
                .one());
        long id = ((Number) contact.get("id")).longValue();
        List<String> strings = List.of((String) contact.get("name"), (String) contact.get("business_email"));
        assertThat(occurrences(strings)).isNotEmpty();
        long touches = jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM touches")
                .mapTo(Long.class)
                .one());

        erasures.erase(
                admin,
                PersonKind.CONTACT,
                id,
                new ErasureRequest(" " + strings.get(0).toUpperCase() + " "));

        assertThat(occurrences(strings)).isEmpty();
        long touchesAfter = jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM touches")
                .mapTo(Long.class)
                .one());
        assertThat(touchesAfter).isEqualTo(touches);
    }

    /** Every text, JSON and text-array column of every table, searched for each string: "table.column: string". */
    private static List<String> occurrences(List<String> strings) {
        return jdbi.withHandle(handle -> {
            List<Map<String, Object>> columns = handle.createQuery(
                            """
                            SELECT c.table_name, c.column_name FROM information_schema.columns c
                            JOIN information_schema.tables t
                              ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
                              AND c.udt_name IN ('text', 'varchar', 'json', 'jsonb', '_text', '_varchar')
                            """)
                    .mapToMap()
                    .list();
            List<String> found = new ArrayList<>();
            for (Map<String, Object> column : columns) {
                String table = (String) column.get("table_name");
                String name = (String) column.get("column_name");
                for (String string : strings) {
                    long rows = handle.createQuery("SELECT count(*) FROM \"" + table + "\" WHERE strpos(lower(CAST(\""
                                    + name + "\" AS text)), lower(:string)) > 0")
                            .bind("string", string)
                            .mapTo(Long.class)
                            .one();
                    if (rows > 0) {
                        found.add(table + "." + name + ": " + string);
                    }
                }
            }
            return found;
        });
    }

    /** The rows reports count, per table, for the candidate. */
    private static Map<String, Long> figureRows(long candidateId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table :
                List.of("touches", "replies", "outcomes", "debriefs", "timelines", "interview_interviewers")) {
            counts.put(table, jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM " + table
                            + " x JOIN interviews i ON i.id = x.interview_id WHERE i.candidate_id = :id")
                    .bind("id", candidateId)
                    .mapTo(Long.class)
                    .one()));
        }
        counts.put("interviews", jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM interviews WHERE candidate_id = :id")
                .bind("id", candidateId)
                .mapTo(Long.class)
                .one()));
        return counts;
    }

    private static byte[] exportOf(PersonKind kind, long id) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exports.of(admin, kind, id).writeTo(out);
        return out.toByteArray();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private static List<CSVRecord> csv(byte[] file) throws IOException {
        return CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(new String(file, StandardCharsets.UTF_8)))
                .getRecords();
    }

    private static List<Object> column(String sql, long id) {
        return jdbi.withHandle(handle ->
                handle.createQuery(sql).bind("id", id).map((rows, context) -> rows.getObject(1)).list().stream()
                        .map(value -> value instanceof Number number ? (Object) number.longValue() : value)
                        .toList());
    }

    private static List<Object> ids(JsonNode rows, String field) {
        List<Object> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.get(field).asLong()));
        return ids;
    }

    private static List<Object> texts(JsonNode rows, String field) {
        List<Object> texts = new ArrayList<>();
        rows.forEach(
                row -> texts.add(row.get(field).isNull() ? null : row.get(field).asText()));
        return texts;
    }
}
