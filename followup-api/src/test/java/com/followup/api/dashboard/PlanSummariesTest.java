package com.followup.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.cache.ChangeFeed;
import com.followup.api.dashboard.DashboardBodies.Dashboard;
import com.followup.api.dashboard.DashboardBodies.Filter;
import com.followup.api.dashboard.DashboardBodies.Query;
import com.followup.api.dashboard.DashboardBodies.Sort;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.generate.AgencyGenerator;
import com.followup.api.policy.JdbiPolicyStore;
import com.followup.api.testing.TestApp;
import com.followup.core.model.InterviewId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.repository.FollowUpPlans;
import com.followup.core.rules.PlanEvaluator;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.jackson.Jackson;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The summarised dashboard equals evaluating every interview, on a generated agency, at many instants (including
 * just before and at the summaries' valid-until) and after writes; and each summary really holds until its
 * valid-until.
 */
class PlanSummariesTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final Instant ANCHOR = Instant.parse("2026-03-16T12:00:00Z");
    static final ZoneId ZONE = ZoneId.of("Europe/London");

    static Jdbi jdbi;
    static PlanSummaries summaries;
    static FollowUpPlans plans;
    static UserPrincipal admin;
    static UserPrincipal recruiter;

    @BeforeAll
    static void generate() throws SQLException {
        AgencyGenerator.Result result;
        try (Connection connection = DATABASE.connect()) {
            connection.setAutoCommit(false);
            result = AgencyGenerator.generate(connection, AgencyGenerator.Size.SMALL, 11, ANCHOR, false);
            connection.commit();
        }
        jdbi = TestApp.jdbi(DATABASE);
        jdbi.installPlugin(new PostgresPlugin());
        JdbiPolicyStore policies = new JdbiPolicyStore(
                jdbi, Jackson.newObjectMapper(), ZONE, Clock.fixed(ANCHOR, ZoneOffset.UTC), ChangeFeed.notListening());
        PlanEvaluator evaluator = new PlanEvaluator();
        summaries = new PlanSummaries(jdbi, new JdbiInterviewRecords(jdbi), policies, evaluator);
        plans = new FollowUpPlans(new JdbiInterviewRecords(jdbi), policies, evaluator);
        admin = new UserPrincipal(result.firstUserId(), result.adminEmail(), "Admin", Role.ADMIN, Optional.empty());
        recruiter = new UserPrincipal(
                result.firstUserId() + 1, result.recruiterEmail(), "Recruiter", Role.RECRUITER, Optional.empty());
    }

    private static Query everything(Sort sort) {
        return new Query(Optional.empty(), Optional.empty(), Optional.empty(), Filter.ALL, sort, 500, 0);
    }

    private static void assertSame(UserPrincipal user, Query query, Instant now) {
        Dashboard expected = EverythingEvaluatedDashboard.evaluatingEverything(jdbi, plans, user, query, now);
        Dashboard actual = summaries.dashboard(user, query, now);
        assertThat(actual)
                .as("dashboard of %s at %s, %s", user.role(), now, query)
                .isEqualTo(expected);
    }

    @Test
    void equalsEvaluatingEverythingAtManyInstantsAndAtTheSummariesBoundaries() {
        List<Instant> instants = new ArrayList<>();
        for (long hours : new long[] {0, 1, 7, 24, 49, 24 * 5, 24 * 14, 24 * 40}) {
            instants.add(ANCHOR.plus(hours, ChronoUnit.HOURS));
        }
        for (Instant now : instants) {
            assertSame(admin, everything(Sort.URGENCY), now);
        }
        // Just before and at the moments the stored summaries said they would change.
        summaries.dashboard(admin, everything(Sort.URGENCY), ANCHOR);
        List<Instant> found = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT DISTINCT valid_until FROM plan_summaries WHERE valid_until IS NOT NULL ORDER BY 1")
                .mapTo(Instant.class)
                .list());
        TreeSet<Instant> boundaries = new TreeSet<>(found);
        int checked = 0;
        for (Instant boundary : boundaries) {
            if (checked++ % 7 != 0) {
                continue;
            }
            assertSame(admin, everything(Sort.URGENCY), boundary.minus(1, ChronoUnit.MICROS));
            assertSame(admin, everything(Sort.URGENCY), boundary);
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void theWarmUpAfterAStartMakesEverySummaryCurrentAndOnlyThenReportsHealthy() throws Exception {
        jdbi.useHandle(handle -> {
            handle.execute("UPDATE plan_summaries SET summary_generation = -1");
            handle.execute("UPDATE candidate_summaries SET summary_generation = -1");
        });
        SummaryWarmUp warmUp =
                new SummaryWarmUp(summaries, Clock.fixed(ANCHOR.plus(3, ChronoUnit.HOURS), ZoneOffset.UTC));
        assertThat(warmUp.healthCheck().execute().isHealthy()).isFalse();
        warmUp.start();
        try {
            assertThat(eventually(warmUp::warm, Duration.ofSeconds(60))).isTrue();
            assertThat(warmUp.healthCheck().execute().isHealthy()).isTrue();
            long stale = jdbi.withHandle(handle -> handle.createQuery(
                            "SELECT (SELECT count(*) FROM plan_summaries WHERE summary_generation <> input_generation)"
                                    + " + (SELECT count(*) FROM candidate_summaries"
                                    + " WHERE summary_generation <> input_generation)")
                    .mapTo(Long.class)
                    .one());
            assertThat(stale).isZero();
        } finally {
            warmUp.stop();
        }
    }

    /**
     * A bulk change wakes the background pass: the summaries it made stale are current again within seconds, with no
     * reader, instead of at the next pass a minute later; woken again at once, it waits a few seconds.
     */
    @Test
    void aWokenWarmUpEvaluatesWhatABulkChangeMadeStaleWithoutWaitingForItsNextPass() throws Exception {
        SummaryWarmUp warmUp =
                new SummaryWarmUp(summaries, Clock.fixed(ANCHOR.plus(3, ChronoUnit.HOURS), ZoneOffset.UTC));
        warmUp.start();
        try {
            assertThat(eventually(warmUp::warm, Duration.ofSeconds(60))).isTrue();
            jdbi.useHandle(handle -> handle.execute("UPDATE plan_summaries SET summary_generation = -1"));
            assertThat(staleSummaries()).isPositive();

            warmUp.wake();
            assertThat(eventually(() -> staleSummaries() == 0))
                    .as("stale after the wake, and the next pass is " + SummaryWarmUp.EVERY + " away")
                    .isTrue();

            // Woken again at once: the pass waits until WOKEN_AT_MOST_EVERY after the one before began.
            jdbi.useHandle(handle -> handle.execute("UPDATE plan_summaries SET summary_generation = -1"));
            warmUp.wake();
            Thread.sleep(1_000);
            assertThat(staleSummaries())
                    .as("a second later, within " + SummaryWarmUp.WOKEN_AT_MOST_EVERY + " of the last pass")
                    .isPositive();
            assertThat(eventually(() -> staleSummaries() == 0)).isTrue();
        } finally {
            warmUp.stop();
        }
    }

    private long staleSummaries() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM plan_summaries WHERE summary_generation <> input_generation")
                .mapTo(Long.class)
                .one());
    }

    /** Whether {@code condition} holds within 15 seconds: well before the warm-up's next pass, a minute away. */
    private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        return eventually(condition, Duration.ofSeconds(15));
    }

    private static boolean eventually(java.util.function.BooleanSupplier condition, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Test
    void aFreshDashboardTakesAFixedNumberOfQueriesWhateverThePageSize() {
        AtomicInteger statements = new AtomicInteger();
        Jdbi counted = TestApp.jdbi(DATABASE);
        counted.installPlugin(new PostgresPlugin());
        counted.setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                statements.incrementAndGet();
            }
        });
        JdbiPolicyStore policies = new JdbiPolicyStore(
                counted,
                Jackson.newObjectMapper(),
                ZONE,
                Clock.fixed(ANCHOR, ZoneOffset.UTC),
                ChangeFeed.notListening());
        PlanSummaries countedSummaries =
                new PlanSummaries(counted, new JdbiInterviewRecords(counted), policies, new PlanEvaluator());
        Instant now = ANCHOR.plus(2, ChronoUnit.HOURS);
        Query onePerPage =
                new Query(Optional.empty(), Optional.empty(), Optional.empty(), Filter.ALL, Sort.URGENCY, 1, 0);
        for (UserPrincipal user : List.of(admin, recruiter)) {
            // The first one refreshes what is stale; the counts below are of dashboards over fresh summaries.
            countedSummaries.dashboard(user, everything(Sort.URGENCY), now);
            statements.set(0);
            Dashboard small = countedSummaries.dashboard(user, onePerPage, now);
            int forOne = statements.getAndSet(0);
            Dashboard large = countedSummaries.dashboard(user, everything(Sort.URGENCY), now);
            int forAll = statements.get();
            assertThat(large.items().size())
                    .as("candidates of %s", user.role())
                    .isGreaterThan(small.items().size());
            assertThat(forAll)
                    .as("statements for %s candidates", large.items().size())
                    .isEqualTo(forOne);
            // The sums, the candidates without interviews, the caller's seen marks, the page's rows, the failures,
            // and the policy's version.
            assertThat(forAll).isLessThanOrEqualTo(6);
        }
    }

    @Test
    void equalsEvaluatingEverythingForEachScopeFilterAndOrder() {
        Instant now = ANCHOR.plus(3, ChronoUnit.HOURS);
        long company = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT company_id FROM interviews GROUP BY company_id ORDER BY count(*) DESC LIMIT 1")
                .mapTo(Long.class)
                .one());
        for (Filter filter : Filter.values()) {
            for (Sort sort : Sort.values()) {
                assertSame(
                        recruiter,
                        new Query(Optional.empty(), Optional.empty(), Optional.empty(), filter, sort, 7, 3),
                        now);
                assertSame(
                        admin,
                        new Query(Optional.empty(), Optional.of(company), Optional.empty(), filter, sort, 20, 0),
                        now);
                assertSame(
                        admin,
                        new Query(Optional.of(recruiter.id()), Optional.empty(), Optional.empty(), filter, sort, 50, 0),
                        now);
            }
        }
    }

    @Test
    void aWriteMakesTheSummaryStale() {
        Instant now = ANCHOR.plus(2, ChronoUnit.HOURS);
        assertSame(admin, everything(Sort.URGENCY), now);
        // A status check, a reply, an outcome, a company's override and a contact's address, written behind the API's
        // back: the triggers still mark the summaries stale.
        jdbi.useHandle(handle -> {
            long interview = handle.createQuery(
                            "SELECT i.id FROM interviews i WHERE NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.interview_id = i.id)"
                                    + " AND i.ends_at < :now ORDER BY i.id LIMIT 1")
                    .bind("now", now)
                    .mapTo(Long.class)
                    .one();
            handle.createUpdate(
                            """
                            INSERT INTO touches (interview_id, kind, channel, recipient_id, address, sent_at, created_by)
                            SELECT i.id, 'STATUS_CHECK', 'EMAIL', ii.contact_id, 'somebody@gmail.com', :at, 1
                              FROM interviews i JOIN interview_interviewers ii ON ii.interview_id = i.id
                             WHERE i.id = :id LIMIT 1
                            """)
                    .bind("id", interview)
                    .bind("at", now.minus(1, ChronoUnit.HOURS))
                    .execute();
            handle.execute("UPDATE companies SET status_check_limit = 1 WHERE id = (SELECT min(id) FROM companies)");
            handle.execute(
                    "UPDATE contacts SET business_email = 'changed@example.com' WHERE id = (SELECT min(recipient_id) FROM touches)");
            handle.createUpdate(
                            """
                            INSERT INTO outcomes (interview_id, kind, at)
                            SELECT i.id, 'REJECTION', :at FROM interviews i
                             WHERE i.id <> :id AND i.ends_at < :at
                               AND NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.interview_id = i.id)
                             ORDER BY i.id LIMIT 1
                            """)
                    .bind("id", interview)
                    .bind("at", now.minus(30, ChronoUnit.MINUTES))
                    .execute();
        });
        assertSame(admin, everything(Sort.URGENCY), now);
        assertSame(admin, everything(Sort.NAME), now.plus(1, ChronoUnit.DAYS));
    }

    /**
     * Decision 0046: a summary that a writer evaluated a few seconds after a reader's clock is used as it is, not
     * evaluated again at the reader's earlier instant (which, with touches landing, made every dashboard sum every
     * interview itself); one evaluated further ahead than {@link PlanSummaries#EVALUATED_AHEAD} is evaluated again.
     */
    @Test
    void aSummaryEvaluatedAMomentAfterTheReadersClockIsUsedAsItIs() {
        Instant reader = ANCHOR.plus(5, ChronoUnit.HOURS);
        summaries.dashboard(recruiter, everything(Sort.URGENCY), reader);
        long[] row = jdbi.withHandle(handle -> handle.createQuery(
                        """
                        SELECT s.interview_id, s.candidate_id FROM plan_summaries s
                          JOIN recruiter_assignments r ON r.candidate_id = s.candidate_id
                         WHERE r.recruiter_id = :recruiter ORDER BY s.interview_id LIMIT 1
                        """)
                .bind("recruiter", recruiter.id())
                .map((rs, context) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .one());
        // Three seconds ahead: used. Further than the bound: evaluated again at the reader's instant.
        for (Duration ahead : List.of(Duration.ofSeconds(3), PlanSummaries.EVALUATED_AHEAD.plusSeconds(1))) {
            // A write, then its evaluation by a writer whose clock is ahead of the reader's.
            jdbi.useHandle(handle -> {
                handle.execute(
                        "UPDATE plan_summaries SET input_generation = input_generation + 1 WHERE interview_id = ?",
                        row[0]);
                handle.execute(
                        "UPDATE candidate_summaries SET input_generation = input_generation + 1 WHERE candidate_id = ?",
                        row[1]);
            });
            Instant writer = reader.plus(ahead);
            summaries.dashboard(recruiter, everything(Sort.URGENCY), writer);
            assertThat(evaluatedAt(row)).containsExactly(writer, writer);

            summaries.dashboard(recruiter, everything(Sort.URGENCY), reader);
            boolean used = ahead.equals(Duration.ofSeconds(3));
            assertThat(evaluatedAt(row))
                    .as("the interview's and the candidate's summaries after a dashboard %s earlier", ahead)
                    .containsExactly(used ? writer : reader, used ? writer : reader);
        }
    }

    /** When the interview's summary and its candidate's were evaluated. */
    private static List<Instant> evaluatedAt(long[] interviewAndCandidate) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        """
                        SELECT evaluated_at FROM plan_summaries WHERE interview_id = :interview
                        UNION ALL
                        SELECT evaluated_at FROM candidate_summaries WHERE candidate_id = :candidate
                        """)
                .bind("interview", interviewAndCandidate[0])
                .bind("candidate", interviewAndCandidate[1])
                .mapTo(Instant.class)
                .list());
    }

    @Test
    void eachSummaryHoldsUntilItsValidUntil() {
        List<InterviewRecord> records = jdbi.inTransaction(handle -> new JdbiInterviewRecords(jdbi)
                .findAll(
                        handle,
                        handle.createQuery("SELECT id FROM interviews")
                                .mapTo(Long.class)
                                .map(InterviewId::new)
                                .list()));
        PlanEvaluator evaluator = new PlanEvaluator();
        AgencyPolicy policy = AgencyPolicy.defaults(ZONE);
        Duration step = Duration.ofMinutes(150);
        for (InterviewRecord record : records) {
            PlanSummary held = null;
            for (Instant now = ANCHOR.minus(Duration.ofDays(15));
                    now.isBefore(ANCHOR.plus(Duration.ofDays(50)));
                    now = now.plus(step)) {
                PlanSummary summary = PlanSummary.of(evaluator.evaluate(record, policy, now), record, policy);
                if (held != null
                        && (held.validUntil().isEmpty()
                                || now.isBefore(held.validUntil().get()))) {
                    assertThat(withoutValidity(summary))
                            .as(
                                    "interview %s at %s, held since earlier until %s",
                                    record.interview().id(), now, held.validUntil())
                            .isEqualTo(withoutValidity(held));
                } else {
                    held = summary;
                }
            }
        }
    }

    private static PlanSummary withoutValidity(PlanSummary summary) {
        return new PlanSummary(
                summary.due(),
                summary.overdue(),
                summary.breaches(),
                summary.waiting(),
                summary.nextDeadline(),
                summary.urgent(),
                Optional.empty(),
                summary.dueSoon(),
                summary.thread(),
                summary.upcomingStart(),
                summary.lastContact(),
                summary.latestBreach());
    }
}
