package com.followup.api.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.followup.api.auth.PasswordHasher;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.testing.TestApp;
import com.followup.api.testing.TestMail;
import com.followup.core.model.InterviewId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.rules.Plan;
import com.followup.core.rules.PlanEvaluator;
import com.followup.core.rules.ThreadStatus;
import com.followup.core.ruleset.RuleId;
import com.followup.core.testing.PostgresDatabaseExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The small generated agency on the real schema: counts, determinism and a realistic mix of plans. */
class AgencyGeneratorTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final Instant ANCHOR = Instant.parse("2026-03-16T12:00:00Z");
    static final List<String> TABLES = List.of(
            "users",
            "companies",
            "contacts",
            "candidates",
            "recruiter_assignments",
            "interviews",
            "interview_interviewers",
            "timelines",
            "debriefs",
            "debrief_concerns",
            "touches",
            "replies",
            "outcomes");

    static AgencyGenerator.Result result;

    @BeforeAll
    static void generate() throws SQLException {
        try (Connection connection = DATABASE.connect()) {
            connection.setAutoCommit(false);
            result = AgencyGenerator.generate(connection, AgencyGenerator.Size.SMALL, 42, ANCHOR, false);
            connection.commit();
        }
    }

    @Test
    void loadsTheSmallAgencyWithTheCountsItReports() throws SQLException {
        Map<String, Long> counts = counts();
        assertThat(counts.get("users")).isEqualTo(result.users()).isEqualTo(1 + 5 + 50);
        assertThat(counts.get("candidates")).isEqualTo(50);
        assertThat(counts.get("companies")).isEqualTo(12);
        assertThat(counts.get("interviews")).isEqualTo(200);
        assertThat(counts.get("touches")).isEqualTo(result.touches()).isGreaterThan(300);
        assertThat(counts.get("replies")).isEqualTo(result.replies()).isPositive();
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(result.rows());
        // The identity sequences moved past the generated ids: the API's next insert does not collide.
        try (Connection connection = DATABASE.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO companies (name) VALUES ('After the generator')");
        }
    }

    @Test
    void theSameSeedGivesTheSameRowsAndAnotherSeedDoesNot() throws SQLException {
        Map<String, String> first = checksumsOfAFreshAgency(7);
        Map<String, String> again = checksumsOfAFreshAgency(7);
        Map<String, String> other = checksumsOfAFreshAgency(8);
        assertThat(again).isEqualTo(first);
        assertThat(other.get("touches")).isNotEqualTo(first.get("touches"));
    }

    @Test
    void refusesADatabaseWithDataUnlessAppending() throws SQLException {
        try (Connection connection = DATABASE.connect()) {
            connection.setAutoCommit(false);
            assertThatThrownBy(() -> AgencyGenerator.generate(connection, AgencyGenerator.Size.SMALL, 1, ANCHOR, false))
                    .isInstanceOf(AgencyGenerator.NotEmpty.class);
            connection.rollback();
            AgencyGenerator.Result appended =
                    AgencyGenerator.generate(connection, AgencyGenerator.Size.SMALL, 1, ANCHOR, true);
            assertThat(appended.firstUserId()).isGreaterThan(result.users());
            connection.rollback();
        }
    }

    @Test
    void everyAddressIsOnAReservedDomain() {
        // With real SMTP configured, a generated agency must not be able to mail a stranger.
        List<String> addresses = TestApp.jdbi(DATABASE).withHandle(handle -> handle.createQuery(
                        """
                        SELECT email FROM users UNION ALL SELECT email FROM candidates
                        UNION ALL SELECT business_email FROM contacts WHERE business_email IS NOT NULL
                        UNION ALL SELECT address FROM touches WHERE channel = 'EMAIL'
                        """)
                .mapTo(String.class)
                .list());
        assertThat(addresses).hasSizeGreaterThan(500).allMatch(TestMail::onReservedDomain);
    }

    @Test
    void everyLoginSharesThePublishedPassword() {
        assertThat(new PasswordHasher().matches(AgencyGenerator.PASSWORD, AgencyGenerator.PASSWORD_HASH))
                .isTrue();
    }

    @Test
    void plansShowARealisticMix() {
        Jdbi jdbi = TestApp.jdbi(DATABASE);
        List<InterviewRecord> records = jdbi.inTransaction(handle -> new JdbiInterviewRecords(jdbi)
                .findAll(
                        handle,
                        handle.createQuery("SELECT id FROM interviews")
                                .mapTo(Long.class)
                                .map(InterviewId::new)
                                .list()));
        PlanEvaluator evaluator = new PlanEvaluator();
        AgencyPolicy policy = AgencyPolicy.defaults(ZoneId.of("Europe/London"));
        Map<RuleId, Integer> breaches = new EnumMap<>(RuleId.class);
        Map<ThreadStatus, Integer> threads = new EnumMap<>(ThreadStatus.class);
        int clean = 0;
        for (InterviewRecord record : records) {
            Plan plan = evaluator.evaluate(record, policy, ANCHOR);
            plan.breaches().forEach(breach -> breaches.merge(breach.rule(), 1, Integer::sum));
            threads.merge(plan.thread(), 1, Integer::sum);
            if (plan.breaches().isEmpty()) {
                clean++;
            }
        }
        assertThat(records).hasSize(200);
        // Most candidates are mostly compliant...
        assertThat(clean)
                .as("interviews without a breach, of 200; breaches %s", breaches)
                .isGreaterThan(80);
        // ...with a realistic share of late thank-yous and premature, crowded and excessive follow-ups.
        assertThat(breaches).as("breaches by rule").containsKeys(RuleId.R1, RuleId.R6, RuleId.R7, RuleId.R8);
        assertThat(breaches.get(RuleId.R1)).isLessThan(60);
        // Ghosted threads, threads with a company that does not reply, and decided ones.
        assertThat(threads)
                .as("threads")
                .containsKeys(
                        ThreadStatus.OPEN,
                        ThreadStatus.DECIDED,
                        ThreadStatus.CLOSED_NO_RESPONSE,
                        ThreadStatus.CLOSED_NO_REPLY_EXPECTED);
        assertThat(records.stream()
                        .filter(record -> record.company().overrides().doesNotReply()))
                .isNotEmpty();
    }

    /** Generates an agency with {@code seed} in a transaction that is rolled back, and returns its checksums. */
    private static Map<String, String> checksumsOfAFreshAgency(long seed) throws SQLException {
        try (Connection connection = DATABASE.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // A fresh agency, as on an empty database: the rows of @BeforeAll go, inside this transaction only.
                statement.execute("DELETE FROM sessions; DELETE FROM api_tokens;"
                        + " TRUNCATE candidate_summaries, plan_summaries, outcomes, replies, touches, debrief_concerns, debriefs, timelines,"
                        + " interview_interviewers, interviews, recruiter_assignments, candidates, contacts, companies"
                        // Tables of other features (outbox, calendar feeds) point at these; they are empty.
                        + " CASCADE");
                statement.execute("DELETE FROM users");
            }
            AgencyGenerator.generate(connection, AgencyGenerator.Size.SMALL, seed, ANCHOR, false);
            Map<String, String> checksums = new LinkedHashMap<>();
            try (Statement statement = connection.createStatement()) {
                for (String table : TABLES) {
                    try (ResultSet rows = statement.executeQuery(
                            "SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM " + table + " t")) {
                        rows.next();
                        checksums.put(table, rows.getString(1));
                    }
                }
            }
            connection.rollback();
            return checksums;
        }
    }

    private static Map<String, Long> counts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = DATABASE.connect();
                Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        }
        return counts;
    }
}
