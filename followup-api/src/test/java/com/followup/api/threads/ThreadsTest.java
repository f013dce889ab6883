package com.followup.api.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.cache.ChangeFeed;
import com.followup.api.dashboard.DashboardBodies;
import com.followup.api.dashboard.Dashboards;
import com.followup.api.dashboard.PlanSummaries;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.interviews.InterviewBodies.InterviewRequest;
import com.followup.api.interviews.InterviewBodies.InterviewView;
import com.followup.api.interviews.InterviewBodies.InterviewerRequest;
import com.followup.api.interviews.InterviewBodies.TimelineRequest;
import com.followup.api.interviews.Interviews;
import com.followup.api.policy.JdbiPolicyStore;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.api.representations.PlanView;
import com.followup.api.testing.MutableClock;
import com.followup.api.testing.TestApp;
import com.followup.api.threads.ThreadBodies.DraftRequest;
import com.followup.api.threads.ThreadBodies.ReplyRequest;
import com.followup.api.threads.ThreadBodies.ReplyView;
import com.followup.api.threads.ThreadBodies.TouchRequest;
import com.followup.api.threads.ThreadBodies.TouchView;
import com.followup.api.threads.Threads.Logged;
import com.followup.core.model.Channel;
import com.followup.core.model.InterviewFormat;
import com.followup.core.model.InterviewId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.model.ReplyKind;
import com.followup.core.model.TouchKind;
import com.followup.core.notes.NoteChecker;
import com.followup.core.rules.PlanEvaluator;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.db.DataSourceFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The thread use cases on a real PostgreSQL, called as the portal calls them: a retried request with the same
 * idempotency key is stored once and answered the same, a key reused for another request is refused, and the note
 * check reads the interview's record through core's {@code InterviewRecords}.
 */
class ThreadsTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final OffsetDateTime END = OffsetDateTime.of(2026, 3, 2, 16, 0, 0, 0, ZoneOffset.UTC);

    private static Jdbi jdbi;
    private static Interviews interviews;
    private static Threads threads;
    private static UserPrincipal admin;
    private static long candidateId;
    private static MutableClock clock;
    private static PlanSummaries summaries;

    @BeforeAll
    static void services() {
        jdbi = TestApp.jdbi(DATABASE);
        jdbi.installPlugin(new PostgresPlugin());
        long adminId = TestApp.user(DATABASE, "admin@agency.example", "Admin", Role.ADMIN);
        admin = new UserPrincipal(adminId, "admin@agency.example", "Admin", Role.ADMIN, Optional.empty());
        clock = new MutableClock(END.toInstant().plus(Duration.ofDays(2)));
        ObjectMapper json = new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule());
        Audit audit = new Audit(json, clock);
        JdbiInterviewRecords records = new JdbiInterviewRecords(jdbi);
        JdbiPolicyStore policies = new JdbiPolicyStore(jdbi, json, ZONE, clock, ChangeFeed.notListening());
        PlanEvaluator evaluator = new PlanEvaluator();
        // Never started, so never live: nothing is served from the cache.
        interviews = new Interviews(
                jdbi, audit, records, policies, evaluator, clock, new ChangeFeed(new DataSourceFactory()));
        threads = new Threads(
                jdbi,
                audit,
                records,
                policies,
                evaluator,
                NoteChecker.create(),
                summaries = new PlanSummaries(jdbi, records, policies, evaluator),
                json,
                clock,
                ChangeFeed.notListening());
        candidateId = jdbi.withHandle(handle -> handle.createQuery(
                        "INSERT INTO candidates (name, email, zone) VALUES ('Ada', 'ada@example.net', :zone) RETURNING id")
                .bind("zone", ZONE.getId())
                .mapTo(Long.class)
                .one());
    }

    /** A new interview of Ada's with one interviewer, who has a business e-mail address. */
    private static InterviewView interview(String company) {
        return interviews.create(
                admin,
                new InterviewRequest(
                        candidateId,
                        null,
                        company,
                        "Engineer",
                        END.minusHours(1),
                        END,
                        InterviewFormat.VIDEO,
                        1,
                        List.of(new InterviewerRequest(
                                null, "Grace Hopper", "Lead", "grace@" + company + ".example", null, null)),
                        null));
    }

    private static long interviewerOf(InterviewView interview) {
        return interview.interviewers().get(0).contactId();
    }

    private static long rows(String table, long interviewId) {
        return jdbi.withHandle(
                handle -> handle.createQuery("SELECT count(*) FROM " + table + " WHERE interview_id = :id")
                        .bind("id", interviewId)
                        .mapTo(Long.class)
                        .one());
    }

    private static long auditEntries(String action) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM audit_log WHERE action = :action")
                .bind("action", action)
                .mapTo(Long.class)
                .one());
    }

    private static TouchRequest thankYou(long recipientId, String text) {
        return new TouchRequest(
                TouchKind.THANK_YOU, Channel.EMAIL, recipientId, null, END.plusHours(3), "Thank you", text);
    }

    @Test
    void loggingATouchStoresItsPlanAsTheSummariesInTheSameFewStatements() {
        Instant shared = clock.instant();
        // A day after the interview, so no step of it changes state at this very instant.
        clock.set(END.toInstant().plus(Duration.ofHours(26)));
        try {
            logTouchAndCompareItsSummariesWithTheDashboardsOwn();
        } finally {
            clock.set(shared);
        }
    }

    private static void logTouchAndCompareItsSummariesWithTheDashboardsOwn() {
        InterviewView interview = interview("summarised");
        TouchRequest request = thankYou(interviewerOf(interview), "Thank you for your time today, Grace.");
        // Ada's other interviews' summaries made fresh, as a dashboard leaves them; the touch's own then keeps her sums
        // so.
        DashboardBodies.Query adas = Dashboards.query(null, null, candidateId, "all", "name", 50, 0);
        summaries.dashboard(admin, adas, clock.instant());
        AtomicInteger statements = new AtomicInteger();
        jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                // The policy is read from the database here (no change feed); a server keeps it cached.
                if (!context.getRenderedSql().contains("agency_policy")) {
                    statements.incrementAndGet();
                }
            }
        });
        TouchView logged;
        try {
            logged = threads.logTouch(admin, interview.id(), request, Optional.empty())
                    .view();
        } finally {
            jdbi.setSqlLogger(SqlLogger.NOP_SQL_LOGGER);
        }
        // Two round trips and the commit (issue 18): the caller's check with the lock, the record and the touch's new
        // id
        // read together (JdbiInterviewRecords.loadForTouches); then the touch, the interview's summary, the audit, the
        // webhook event (issue 20) and the candidate's sums sent together (Statements). The recipient is an
        // interviewer already in the record. It was three transactions, with the record read twice and the recipient
        // asked for twice, then six statements, then four and the record's round trip.
        assertThat(statements.get()).isEqualTo(2);
        long touchId = logged.id();
        int audited = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM audit_log WHERE action = 'touch.logged' AND entity_id = :id")
                .bind("id", String.valueOf(touchId))
                .mapTo(Integer.class)
                .one());
        assertThat(audited).as("the audit row sent with the sums").isEqualTo(1);
        String summary = "SELECT summary_generation = input_generation AS fresh, due, overdue, breaches, waiting,"
                + " next_deadline, urgent_kind, urgent_state, thread, last_contact_at, latest_breach_rule"
                + " FROM plan_summaries WHERE interview_id = :id";
        String sums = "SELECT summary_generation = input_generation AS fresh, interviews, due, overdue, breaches,"
                + " waiting, next_deadline, urgent_interview FROM candidate_summaries WHERE candidate_id = :id";
        Map<String, Object> written = row(summary, interview.id());
        Map<String, Object> candidateWritten = row(sums, candidateId);
        assertThat(written.get("fresh")).isEqualTo(true);
        assertThat(written.get("last_contact_at")).isNotNull();
        assertThat(candidateWritten.get("fresh")).isEqualTo(true);

        // The same summaries as the dashboard's own refresh makes of them once they are stale again.
        jdbi.useHandle(handle -> {
            handle.execute("UPDATE plan_summaries SET summary_generation = -1 WHERE interview_id = ?", interview.id());
            handle.execute(
                    "UPDATE candidate_summaries SET summary_generation = -1 WHERE candidate_id = ?", candidateId);
        });
        summaries.dashboard(admin, adas, clock.instant());
        assertThat(row(summary, interview.id())).isEqualTo(written);
        assertThat(row(sums, candidateId)).isEqualTo(candidateWritten);
    }

    private static Map<String, Object> row(String sql, long id) {
        return jdbi.withHandle(
                handle -> handle.createQuery(sql).bind("id", id).mapToMap().one());
    }

    /**
     * Touches logged at the same moment are written in one transaction (issue 18), and each is answered as if alone:
     * the writer is held on one interview's lock while twelve more requests queue, two of them for the same interview.
     */
    @Test
    void touchesLoggedAtOnceAreWrittenTogetherAndEachIsAnsweredAsIfAlone() throws Exception {
        InterviewView first = interview("held");
        List<InterviewView> others = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            others.add(interview("grouped" + i));
        }
        others.add(others.get(0)); // a second touch for the same interview waits for the next group
        Map<Integer, Logged<TouchView>> answers = new ConcurrentHashMap<>();
        List<Thread> callers = new ArrayList<>();
        try (Handle holder = jdbi.open()) {
            holder.begin();
            holder.execute("SELECT 1 FROM plan_summaries WHERE interview_id = ? FOR UPDATE", first.id());
            callers.add(caller(first, -1, answers));
            awaitWriterWaitingForALock();
            for (int i = 0; i < others.size(); i++) {
                callers.add(caller(others.get(i), i, answers));
            }
            for (Thread thread : callers.subList(1, callers.size())) {
                awaitWaiting(thread);
            }
            holder.rollback();
        }
        for (Thread thread : callers) {
            thread.join(30_000);
        }

        assertThat(answers).hasSize(others.size() + 1);
        assertThat(answers.values())
                .allSatisfy(answer -> assertThat(answer.created()).isTrue());
        for (int i = 0; i < others.size(); i++) {
            TouchView answered = answers.get(i).view();
            assertThat(threads.touches(admin, others.get(i).id())).contains(answered);
        }
        assertThat(rows("touches", others.get(0).id())).isEqualTo(2);
        // The eleven interviews' first touches in one transaction; the repeated interview's second in the next.
        List<Long> grouped =
                others.subList(1, 11).stream().map(InterviewView::id).toList();
        int transactions = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT count(DISTINCT xmin::text) FROM touches WHERE interview_id = ANY(:ids)")
                .bind("ids", grouped.stream().mapToLong(Long::longValue).toArray())
                .mapTo(Integer.class)
                .one());
        assertThat(transactions).isEqualTo(1);
        // Each interview's summary is the one its own touch left: fresh, with the touch as the last contact.
        for (InterviewView interview : others) {
            Map<String, Object> summary = jdbi.withHandle(handle -> handle.createQuery(
                            "SELECT summary_generation = input_generation AS fresh, last_contact_at IS NOT NULL AS"
                                    + " contacted FROM plan_summaries WHERE interview_id = :id")
                    .bind("id", interview.id())
                    .mapToMap()
                    .one());
            assertThat(summary).containsEntry("fresh", true).containsEntry("contacted", true);
        }
        // The group's summaries go to the database in one statement, an array a column: each row is the one the
        // dashboard's own refresh makes of its interview once it is stale again, column for column.
        long[] ids = Stream.concat(Stream.of(first), others.stream())
                .mapToLong(InterviewView::id)
                .distinct()
                .toArray();
        Map<Long, Map<String, Object>> written = new HashMap<>();
        for (long id : ids) {
            written.put(id, row(WHOLE_SUMMARY, id));
        }
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE plan_summaries SET summary_generation = -1 WHERE interview_id = ANY(:ids)")
                .bind("ids", ids)
                .execute());
        summaries.dashboard(admin, Dashboards.query(null, null, candidateId, "all", "name", 50, 0), clock.instant());
        for (long id : ids) {
            assertThat(row(WHOLE_SUMMARY, id)).as("interview %d", id).isEqualTo(written.get(id));
        }
    }

    /**
     * The touch writer stores each summary under a generation it moves on itself (decision 0043): the touches' insert
     * leaves its trigger's bump to that update, so a touch moves the interview's and the candidate's input
     * generations once. An evaluation of the record as it was before the touch, stored under the generation it was
     * read at, then changes nothing; a write of the touches by anything else bumps as before.
     */
    @Test
    void aTouchMovesItsGenerationsOnceAndAnEvaluationOfTheRecordBeforeItStoresNothing() {
        InterviewView interview = interview("generations");
        JdbiInterviewRecords records = new JdbiInterviewRecords(jdbi);
        InterviewRecord before = records.find(new InterviewId(interview.id())).orElseThrow();
        long generation = generationOf(interview);
        long candidateGeneration = candidateGeneration();

        TouchView logged = threads.logTouch(
                        admin,
                        interview.id(),
                        thankYou(interviewerOf(interview), "Thank you for your time today, Grace."),
                        Optional.empty())
                .view();

        assertThat(generationOf(interview)).isEqualTo(generation + 1);
        assertThat(candidateGeneration()).isEqualTo(candidateGeneration + 1);
        Map<String, Object> written = row(WHOLE_SUMMARY, interview.id());
        assertThat(written).containsEntry("fresh", true);
        assertThat(written.get("last_contact_at")).isNotNull();

        summaries.evaluateAndStore(before, generation, clock.instant());
        assertThat(row(WHOLE_SUMMARY, interview.id())).isEqualTo(written);

        jdbi.useHandle(handle -> handle.execute("UPDATE touches SET subject = 'Thanks' WHERE id = ?", logged.id()));
        assertThat(generationOf(interview)).isGreaterThan(generation + 1);
        assertThat(row(WHOLE_SUMMARY, interview.id())).containsEntry("fresh", false);
    }

    private static long generationOf(InterviewView interview) {
        return jdbi.<Long, RuntimeException>withHandle(handle -> PlanSummaries.generationOf(handle, interview.id()));
    }

    private static long candidateGeneration() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT input_generation FROM candidate_summaries WHERE candidate_id = :id")
                .bind("id", candidateId)
                .mapTo(Long.class)
                .one());
    }

    /** Every column of an interview's summary but its generations, and whether it is fresh. */
    private static final String WHOLE_SUMMARY = "SELECT summary_generation = input_generation AS fresh, candidate_id,"
            + " policy_version, evaluated_at, valid_until, due, overdue, breaches, waiting, next_deadline, urgent_rank,"
            + " urgent_kind, urgent_state, urgent_deadline, CAST(urgent_rules AS text) AS urgent_rules, failure,"
            + " due_soon, thread, upcoming_start, last_contact_at, last_contact_by, latest_breach_at,"
            + " latest_breach_rule FROM plan_summaries"
            + " WHERE interview_id = :id";

    /**
     * In a group, a touch a check refuses is answered with its own error and writes nothing, and the others are
     * logged; a group the database refuses as a whole (two requests of one idempotency key) is written again one
     * touch at a time, so each gets its own answer.
     */
    @Test
    void anIdNoInterviewCanHaveIsA404InItsGroupAndAlone() {
        InterviewView good = interview("beside-a-bad-id");
        Instant now = clock.instant();
        TouchRequest thanks = thankYou(interviewerOf(good), "Thank you for today, Grace.");
        List<Threads.Outcome> outcomes = jdbi.inTransaction(handle -> threads.logAll(
                handle,
                List.of(
                        new Threads.TouchToLog(admin, -1_358_262_628L, thanks, Optional.empty(), "a", now),
                        new Threads.TouchToLog(admin, good.id(), thanks, Optional.empty(), "b", now)),
                true));
        assertThat(outcomes.get(0).refused()).isInstanceOfSatisfying(ProblemException.class, problem -> assertThat(
                        problem.problem().status())
                .isEqualTo(404));
        assertThat(outcomes.get(1).view().interviewId()).isEqualTo(good.id());
        List<Threads.Outcome> alone = jdbi.inTransaction(handle -> threads.logAll(
                handle, List.of(new Threads.TouchToLog(admin, 0, thanks, Optional.empty(), "c", now)), false));
        assertThat(alone.get(0).refused()).isInstanceOfSatisfying(ProblemException.class, problem -> assertThat(
                        problem.problem().status())
                .isEqualTo(404));
    }

    @Test
    void aRefusedTouchInAGroupFailsAloneAndAGroupTheDatabaseRefusesIsWrittenOneByOne() throws Exception {
        InterviewView good = interview("good");
        InterviewView early = interview("early");
        InterviewView hidden = interview("hidden");
        UserPrincipal stranger =
                new UserPrincipal(admin.id() + 1000, "x@example.net", "X", Role.CANDIDATE, Optional.empty());
        Instant now = clock.instant();
        TouchRequest beforeTheEnd = new TouchRequest(
                TouchKind.THANK_YOU, Channel.EMAIL, interviewerOf(early), null, END.minusHours(2), null, "Thanks");
        TouchRequest thanks = thankYou(interviewerOf(good), "Thank you for today, Grace.");
        List<Threads.Outcome> outcomes = jdbi.inTransaction(handle -> threads.logAll(
                handle,
                List.of(
                        new Threads.TouchToLog(admin, early.id(), beforeTheEnd, Optional.empty(), "a", now),
                        new Threads.TouchToLog(admin, good.id(), thanks, Optional.empty(), "b", now),
                        new Threads.TouchToLog(
                                stranger,
                                hidden.id(),
                                thankYou(interviewerOf(hidden), "Thanks"),
                                Optional.empty(),
                                "c",
                                now)),
                true));
        assertThat(outcomes.get(0).refused()).isInstanceOfSatisfying(ProblemException.class, problem -> assertThat(
                        problem.problem().code())
                .isEqualTo("BEFORE_INTERVIEW_END"));
        assertThat(outcomes.get(1).view().interviewId()).isEqualTo(good.id());
        assertThat(outcomes.get(2).refused()).isInstanceOfSatisfying(ProblemException.class, problem -> assertThat(
                        problem.problem().status())
                .isEqualTo(404));
        assertThat(rows("touches", early.id())).isZero();
        assertThat(rows("touches", hidden.id())).isZero();
        assertThat(threads.touches(admin, good.id()))
                .containsExactly(outcomes.get(1).view());

        // One key for two interviews in one group: the unique index refuses the group, then alone the first is
        // logged and the second is a key reused for another request.
        InterviewView held = interview("held-again");
        InterviewView keyed = interview("keyed");
        InterviewView reused = interview("keyed-again");
        Map<Long, Object> answers = loggedAsOneGroup(
                held,
                List.of(keyed, reused),
                interview -> thankYou(interviewerOf(interview), "Thanks, Grace."),
                Optional.of("one-key"));
        assertThat(answers.get(keyed.id())).isInstanceOfSatisfying(Logged.class, logged -> assertThat(logged.created())
                .isTrue());
        assertThat(answers.get(reused.id())).isInstanceOfSatisfying(ProblemException.class, problem -> assertThat(
                        problem.problem().code())
                .isEqualTo("IDEMPOTENCY_KEY_REUSED"));
        assertThat(rows("touches", keyed.id())).isEqualTo(1);
        assertThat(rows("touches", reused.id())).isZero();
    }

    /**
     * A group's commit goes in the round trip of its writes (issue 18): the touches are committed, seen from another
     * connection, as soon as the writes return; in a caller's own transaction (mail-in) they are not until it commits.
     * A commit the database refuses (here a deferred check made for the test) fails the group as its writes would: each
     * touch is then written alone, the good one once and the refused one not at all.
     */
    @Test
    void aGroupCommitsWithItsWritesAndACommitTheDatabaseRefusesFailsOnlyItsTouch() throws Exception {
        InterviewView grouped = interview("committed-with-writes");
        InterviewView callers = interview("committed-by-the-caller");
        assertThat(committedWhileLogging(grouped, true))
                .as("committed with the group's writes")
                .isEqualTo(1);
        assertThat(committedWhileLogging(callers, false))
                .as("left to the caller's commit")
                .isZero();
        assertThat(rows("touches", callers.id())).isEqualTo(1);

        InterviewView held = interview("held-before-a-refused-commit");
        InterviewView good = interview("good-beside-a-refused-commit");
        InterviewView refused = interview("refused-at-commit");
        long generation =
                jdbi.<Long, RuntimeException>withHandle(handle -> PlanSummaries.generationOf(handle, refused.id()));
        jdbi.useHandle(
                handle -> handle.execute(
                        """
                CREATE FUNCTION test_refused_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.text = 'Refused at commit' THEN RAISE EXCEPTION 'refused at commit by the test'; END IF;
                    RETURN NULL;
                END $$;
                CREATE CONSTRAINT TRIGGER test_refused_at_commit AFTER INSERT ON touches
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_refused_at_commit();
                """));
        try {
            Map<Long, Object> answers = loggedAsOneGroup(
                    held,
                    List.of(good, refused),
                    interview -> thankYou(
                            interviewerOf(interview),
                            interview == refused ? "Refused at commit" : "Thank you for today, Grace."),
                    Optional.empty());
            assertThat(answers.get(good.id()))
                    .isInstanceOfSatisfying(
                            Logged.class, logged -> assertThat(logged.created()).isTrue());
            assertThat(answers.get(refused.id())).isInstanceOfSatisfying(RuntimeException.class, e -> assertThat(e)
                    .hasStackTraceContaining("refused at commit by the test"));
            assertThat(rows("touches", good.id())).isEqualTo(1);
            assertThat(rows("touches", refused.id())).isZero();
            long after =
                    jdbi.<Long, RuntimeException>withHandle(handle -> PlanSummaries.generationOf(handle, refused.id()));
            assertThat(after).as("the refused touch's summary, untouched").isEqualTo(generation);
        } finally {
            jdbi.useHandle(handle -> handle.execute(
                    "DROP TRIGGER test_refused_at_commit ON touches; DROP FUNCTION test_refused_at_commit()"));
        }
    }

    /**
     * Logs a thank-you to the interview's interviewer through {@code logAll} in a transaction of the test's, and returns
     * the interview's touches another connection sees right after, before that transaction ends.
     */
    private static long committedWhileLogging(InterviewView interview, boolean commitWithWrites) throws SQLException {
        return jdbi.inTransaction(handle -> {
            threads.logAll(
                    handle,
                    List.of(new Threads.TouchToLog(
                            admin,
                            interview.id(),
                            thankYou(interviewerOf(interview), "Thanks"),
                            Optional.empty(),
                            "hash-" + interview.id(),
                            clock.instant())),
                    commitWithWrites);
            return committedTouches(interview.id());
        });
    }

    /** The interview's touches as another connection sees them: those committed. */
    private static long committedTouches(long interviewId) throws SQLException {
        try (Connection connection = DATABASE.connect();
                PreparedStatement count =
                        connection.prepareStatement("SELECT count(*) FROM touches WHERE interview_id = ?")) {
            count.setLong(1, interviewId);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /**
     * Logs one touch to each of {@code interviews} as one group: the writer is held behind a lock on {@code held}'s
     * summary row (by a touch of its own) while they queue, then let go. Returns each one's answer, or the exception
     * it failed with, by interview id.
     */
    private static Map<Long, Object> loggedAsOneGroup(
            InterviewView held,
            List<InterviewView> interviews,
            Function<InterviewView, TouchRequest> request,
            Optional<String> idempotencyKey)
            throws InterruptedException {
        Map<Long, Object> answers = new ConcurrentHashMap<>();
        List<Thread> callers = new ArrayList<>();
        try (Handle holder = jdbi.open()) {
            holder.begin();
            holder.execute("SELECT 1 FROM plan_summaries WHERE interview_id = ? FOR UPDATE", held.id());
            callers.add(caller(held, -1, new ConcurrentHashMap<>()));
            awaitWriterWaitingForALock();
            for (InterviewView interview : interviews) {
                Thread thread = new Thread(() -> {
                    try {
                        answers.put(
                                interview.id(),
                                threads.logTouch(admin, interview.id(), request.apply(interview), idempotencyKey));
                    } catch (RuntimeException e) {
                        answers.put(interview.id(), e);
                    }
                });
                thread.start();
                callers.add(thread);
                awaitWaiting(thread);
            }
            holder.rollback();
        }
        for (Thread thread : callers) {
            thread.join(30_000);
        }
        return answers;
    }

    /** A thread logging a thank-you to the interview's interviewer, its answer put under {@code index}. */
    private static Thread caller(InterviewView interview, int index, Map<Integer, Logged<TouchView>> answers) {
        return caller(admin, interview, index, answers);
    }

    private static Thread caller(
            UserPrincipal user, InterviewView interview, int index, Map<Integer, Logged<TouchView>> answers) {
        Thread thread = new Thread(() -> answers.put(
                index,
                threads.logTouch(
                        user,
                        interview.id(),
                        // Each sent at its own minute, so that each interview's summary differs from the others'.
                        new TouchRequest(
                                TouchKind.THANK_YOU,
                                Channel.EMAIL,
                                interviewerOf(interview),
                                null,
                                END.plusHours(3).plusMinutes(index + 2),
                                "Thank you",
                                "Thank you for your time today, Grace."),
                        Optional.empty())));
        thread.start();
        return thread;
    }

    /** Until a backend waits for a row lock: the touch writer, held by the test's lock. */
    private static void awaitWriterWaitingForALock() throws InterruptedException {
        awaitActivity("wait_event_type = 'Lock'", Map.of(), "the touch writer never waited for the held lock");
    }

    /** Until a backend of {@code pg_stat_activity} matches {@code condition}. */
    private static void awaitActivity(String condition, Map<String, ?> bindings, String never)
            throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            boolean seen = jdbi.withHandle(handle -> handle.createQuery(
                            "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE " + condition + ")")
                    .bindMap(bindings)
                    .mapTo(Boolean.class)
                    .one());
            if (seen) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(never);
    }

    /** Until the thread waits for its touch's outcome (queued behind the held group). */
    private static void awaitWaiting(Thread thread) throws InterruptedException {
        for (int i = 0; i < 300 && thread.getState() != Thread.State.WAITING; i++) {
            Thread.sleep(20);
        }
        assertThat(thread.getState()).isEqualTo(Thread.State.WAITING);
    }

    /**
     * Changeset 0029, decision 0045: a group of touches by two users takes its summaries in interview order, not user by
     * user, as every other writer of summaries does. The second group here is a touch by another admin to a later
     * interview, then one by the admin to an earlier interview; while the earlier one's summary is held, the writer
     * holds no summary after it (user by user, it held the later one and waited: a deadlock with any statement that
     * took the summaries in order).
     */
    @Test
    void aGroupOfSeveralUsersTakesItsSummariesInInterviewOrder() throws Exception {
        long otherId = TestApp.user(DATABASE, "second.admin@agency.example", "Second Admin", Role.ADMIN);
        UserPrincipal other =
                new UserPrincipal(otherId, "second.admin@agency.example", "Second Admin", Role.ADMIN, Optional.empty());
        InterviewView gate = interview("gate");
        InterviewView earlier = interview("earlier");
        InterviewView later = interview("later");
        Map<Integer, Logged<TouchView>> answers = new ConcurrentHashMap<>();
        List<Thread> callers = new ArrayList<>();
        try (Handle gateHolder = jdbi.open();
                Handle earlierHolder = jdbi.open()) {
            gateHolder.begin();
            gateHolder.execute("SELECT 1 FROM plan_summaries WHERE interview_id = ? FOR UPDATE", gate.id());
            callers.add(caller(admin, gate, 0, answers));
            awaitWriterWaitingForALock();
            callers.add(caller(other, later, 1, answers));
            awaitWaiting(callers.get(1));
            callers.add(caller(admin, earlier, 2, answers));
            awaitWaiting(callers.get(2));
            earlierHolder.begin();
            earlierHolder.execute("SELECT 1 FROM plan_summaries WHERE interview_id = ? FOR UPDATE", earlier.id());
            long earlierHolderPid = earlierHolder
                    .createQuery("SELECT pg_backend_pid()")
                    .mapTo(Long.class)
                    .one();
            gateHolder.rollback();
            try {
                awaitBlockedBy(earlierHolderPid);
                assertThat(earlierHolder
                                .createQuery("SELECT count(*) FROM (SELECT 1 FROM plan_summaries WHERE interview_id = ?"
                                        + " FOR UPDATE SKIP LOCKED) free")
                                .bind(0, later.id())
                                .mapTo(Integer.class)
                                .one())
                        .as("the later interview's summary is free while the group waits for the earlier one's")
                        .isEqualTo(1);
            } finally {
                earlierHolder.rollback();
            }
        }
        for (Thread thread : callers) {
            thread.join(30_000);
        }
        assertThat(answers).hasSize(3);
        assertThat(answers.values())
                .allSatisfy(answer -> assertThat(answer.created()).isTrue());
        assertThat(rows("touches", later.id())).isEqualTo(1);
        assertThat(rows("touches", earlier.id())).isEqualTo(1);
    }

    /** Until a backend waits for a lock that the backend {@code pid} holds. */
    private static void awaitBlockedBy(long pid) throws InterruptedException {
        awaitActivity(
                ":pid = ANY(pg_blocking_pids(pid))",
                Map.of("pid", pid),
                "the touch writer never waited for the held summary");
    }

    @Test
    void aRetriedTouchIsStoredOnceAndAnsweredTheSame() {
        InterviewView interview = interview("retried");
        TouchRequest request = thankYou(interviewerOf(interview), "Thank you for your time today, Grace.");
        long auditedBefore = auditEntries("touch.logged");

        Logged<TouchView> first = threads.logTouch(admin, interview.id(), request, Optional.of("touch-1"));
        Logged<TouchView> retry = threads.logTouch(admin, interview.id(), request, Optional.of(" touch-1 "));

        assertThat(first.created()).isTrue();
        assertThat(retry.created()).isFalse();
        assertThat(retry.view()).isEqualTo(first.view());
        assertThat(first.view().address()).isEqualTo("grace@retried.example");
        assertThat(first.view().noteFindings().isArray()).isTrue();
        assertThat(rows("touches", interview.id())).isEqualTo(1);
        assertThat(auditEntries("touch.logged")).isEqualTo(auditedBefore + 1);
        assertThat(threads.touches(admin, interview.id())).containsExactly(first.view());
    }

    @Test
    void aKeyUsedForAnotherRequestIsRefusedAndStoresNothing() {
        InterviewView interview = interview("reused");
        long recipient = interviewerOf(interview);
        threads.logTouch(admin, interview.id(), thankYou(recipient, "Thank you, Grace."), Optional.of("key-2"));

        assertThatThrownBy(() -> threads.logTouch(
                        admin, interview.id(), thankYou(recipient, "Something else."), Optional.of("key-2")))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.problem().code()).isEqualTo("IDEMPOTENCY_KEY_REUSED"));
        InterviewView other = interview("other");
        assertThatThrownBy(() -> threads.logTouch(
                        admin, other.id(), thankYou(recipient, "Thank you, Grace."), Optional.of("key-2")))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.problem().status()).isEqualTo(422));
        assertThat(rows("touches", interview.id())).isEqualTo(1);
        assertThat(rows("touches", other.id())).isZero();
    }

    /**
     * Records the core refuses (it would fail to load the interview, and every dashboard with it) are refused at the
     * service, which the API and the portal both call, and by the database, which any other writer goes through.
     */
    @Test
    void aTouchOrReplyTheCoreRefusesIsRefusedAtEveryDoorAndStoresNothing() {
        InterviewView interview = interview("doors");
        long recipient = interviewerOf(interview);

        assertThatThrownBy(() -> threads.logTouch(
                        admin,
                        interview.id(),
                        new TouchRequest(
                                TouchKind.FACEBOOK_FRIEND_REQUEST,
                                Channel.EMAIL,
                                recipient,
                                null,
                                END.plusHours(3),
                                null,
                                null),
                        Optional.empty()))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.problem().code()).isEqualTo("CHANNEL_DOES_NOT_FIT_KIND");
                    assertThat(problem.problem().status()).isEqualTo(400);
                    assertThat(problem.problem().errors())
                            .extracting(Problem.FieldError::field)
                            .containsExactly("channel");
                });
        assertThatThrownBy(() -> threads.logReply(
                        admin,
                        interview.id(),
                        new ReplyRequest(
                                recipient,
                                END.plusDays(1),
                                ReplyKind.ACKNOWLEDGEMENT,
                                END.toLocalDate().plusDays(10)),
                        Optional.empty()))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.problem().code()).isEqualTo("DECISION_DATE_NOT_AN_UPDATE");
                    assertThat(problem.problem().errors())
                            .extracting(Problem.FieldError::field)
                            .containsExactly("newDecisionDate");
                });
        assertThat(rows("touches", interview.id())).isZero();
        assertThat(rows("replies", interview.id())).isZero();

        // The third door: SQL of its own (an import, a script) is refused by the database's checks.
        long userId = admin.id();
        assertThatThrownBy(() -> jdbi.useHandle(handle -> handle.execute(
                        "INSERT INTO touches (interview_id, kind, channel, recipient_id, address, sent_at, created_by)"
                                + " VALUES (?, 'LINKEDIN_CONNECTION', 'EMAIL', ?, 'x@doors.example', ?, ?)",
                        interview.id(),
                        recipient,
                        END.plusHours(3),
                        userId)))
                .hasMessageContaining("touches_channel_fits_kind");
        assertThatThrownBy(() -> jdbi.useHandle(handle -> handle.execute(
                        "INSERT INTO replies (interview_id, from_contact_id, received_at, kind, new_decision_date,"
                                + " created_by) VALUES (?, ?, ?, 'DECISION', ?, ?)",
                        interview.id(),
                        recipient,
                        END.plusDays(1),
                        END.toLocalDate().plusDays(10),
                        userId)))
                .hasMessageContaining("replies_decision_date_only_on_update");
        // What the core accepts, the database accepts.
        threads.logReply(
                admin,
                interview.id(),
                new ReplyRequest(
                        recipient,
                        END.plusDays(1),
                        ReplyKind.UPDATE,
                        END.toLocalDate().plusDays(10)),
                Optional.empty());
        assertThat(rows("replies", interview.id())).isEqualTo(1);
        assertThat(interviews.plan(admin, interview.id())).isNotNull();
    }

    @Test
    void aRetriedReplyIsStoredOnceAndAnsweredTheSame() {
        InterviewView interview = interview("replied");
        ReplyRequest request = new ReplyRequest(interviewerOf(interview), END.plusDays(1), ReplyKind.UPDATE, null);
        long auditedBefore = auditEntries("reply.logged");

        Logged<ReplyView> first = threads.logReply(admin, interview.id(), request, Optional.of("reply-1"));
        Logged<ReplyView> retry = threads.logReply(admin, interview.id(), request, Optional.of("reply-1"));
        Logged<ReplyView> withoutKey = threads.logReply(admin, interview.id(), request, Optional.empty());

        assertThat(first.created()).isTrue();
        assertThat(retry.created()).isFalse();
        assertThat(retry.view()).isEqualTo(first.view());
        assertThat(first.view().receivedAt().toInstant())
                .isEqualTo(END.plusDays(1).toInstant());
        assertThat(first.view().receivedAt().getOffset())
                .isEqualTo(ZONE.getRules().getOffset(END.plusDays(1).toInstant()));
        assertThat(withoutKey.created()).isTrue();
        assertThat(withoutKey.view().id()).isNotEqualTo(first.view().id());
        assertThat(rows("replies", interview.id())).isEqualTo(2);
        assertThat(auditEntries("reply.logged")).isEqualTo(auditedBefore + 2);
        assertThat(threads.replies(admin, interview.id())).containsExactly(first.view(), withoutKey.view());
    }

    @Test
    void invalidTouchesAndInvisibleInterviewsStoreNothing() {
        InterviewView interview = interview("invalid");
        UserPrincipal stranger =
                new UserPrincipal(admin.id() + 1000, "x@example.net", "X", Role.CANDIDATE, Optional.empty());
        TouchRequest beforeTheEnd = new TouchRequest(
                TouchKind.THANK_YOU, Channel.EMAIL, interviewerOf(interview), null, END.minusHours(2), null, "Thanks");

        assertThatThrownBy(() -> threads.logTouch(admin, interview.id(), beforeTheEnd, Optional.empty()))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.problem().code()).isEqualTo("BEFORE_INTERVIEW_END"));
        assertThatThrownBy(() -> threads.logTouch(
                        stranger, interview.id(), thankYou(interviewerOf(interview), "Thanks"), Optional.empty()))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.problem().status()).isEqualTo(404));
        assertThat(rows("touches", interview.id())).isZero();
    }

    @Test
    void aNoteCheckReadsTheRecordAndStoresNothing() {
        InterviewView interview = interview("checked");
        InterviewView elsewhere = interview("elsewhere");

        ThreadBodies.NoteCheckView check = threads.checkNote(
                admin,
                interview.id(),
                new DraftRequest(interviewerOf(interview), "Thank you for the conversation about the platform."));

        assertThat(check.wordCount()).isPositive();
        assertThat(check.thanksPresent()).isTrue();
        assertThat(rows("touches", interview.id())).isZero();

        // R14: the interview's role ("Engineer") reaches the checker: naming it is interest, but not specific.
        // Without the role, "Engineer" and "platform" would be two words of the note's own.
        ThreadBodies.NoteCheckView roleOnly = threads.checkNote(
                admin,
                interview.id(),
                new DraftRequest(
                        interviewerOf(interview),
                        "Thank you, Grace, for the talk about the platform. I would love the Engineer job."));
        assertThat(roleOnly.interestPresent()).isTrue();
        assertThat(roleOnly.specificPresent()).isFalse();
        assertThat(roleOnly.findings())
                .extracting(ThreadBodies.FindingView::code)
                .contains("R14_MISSING_SPECIFIC");
        assertThatThrownBy(() -> threads.checkNote(
                        admin, interview.id(), new DraftRequest(interviewerOf(elsewhere), "Thank you.")))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.problem().code()).isEqualTo("UNKNOWN_CONTACT"));
    }

    @Test
    void theTouchesOfAnInterviewCarryTheirBreaches() {
        InterviewView interview = interview("gift");
        TouchRequest gift = new TouchRequest(
                TouchKind.GIFT,
                Channel.HANDWRITTEN_CARD_BY_POST,
                interviewerOf(interview),
                null,
                END.plusHours(5),
                null,
                null);

        TouchView logged =
                threads.logTouch(admin, interview.id(), gift, Optional.empty()).view();

        assertThat(logged.breaches()).extracting(breach -> breach.rule()).contains("R13");
        assertThat(Instant.from(logged.sentAt())).isEqualTo(END.plusHours(5).toInstant());
        assertThat(threads.touches(admin, interview.id())).containsExactly(logged);
    }

    /**
     * A touch is judged before it is saved: the dry-run answers what logging it would answer, writes nothing, and its
     * step then says what happened instead of "done on time".
     */
    @Test
    void aStatusCheckBeforeTheCompanysDateIsJudgedBeforeItIsSavedAndItsStepSaysSo() {
        InterviewView interview = interview("early");
        // Decided by Tuesday 10 March: R6 opens at 09:00 on the next business day, Wednesday 11 March in Berlin.
        interviews.putTimeline(
                admin,
                interview.id(),
                new TimelineRequest(java.time.LocalDate.of(2026, 3, 10), null, null, null, null));
        TouchRequest early = new TouchRequest(
                TouchKind.STATUS_CHECK,
                Channel.EMAIL,
                interviewerOf(interview),
                null,
                END.plusDays(1),
                "Any news?",
                null);

        ThreadBodies.TouchCheckView check = threads.checkTouch(admin, interview.id(), early, Optional.empty());

        assertThat(check.breaches())
                .extracting(ThreadBodies.WouldBreach::warning)
                .containsExactly("Too early: not before Wed 11 Mar 2026, 09:00 (R6)");
        assertThat(check.breaches().get(0).notBefore())
                .map(OffsetDateTime::toInstant)
                .contains(Instant.parse("2026-03-11T08:00:00Z"));
        assertThat(check.step()).hasValueSatisfying(step -> {
            assertThat(step.brokenRules()).containsExactly("R6");
            assertThat(step.outcome()).contains("sent too early (R6)");
            assertThat(step.doneByTouchId()).isEmpty();
        });
        assertThat(rows("touches", interview.id()))
                .as("a dry-run writes nothing")
                .isZero();
        assertThat(threads.checkTouch(admin, interview.id(), early, Optional.of(ZoneId.of("America/New_York")))
                        .breaches())
                .extracting(ThreadBodies.WouldBreach::warning)
                .as("in the viewer's zone when asked")
                .containsExactly("Too early: not before Wed 11 Mar 2026, 04:00 (R6)");

        TouchView logged =
                threads.logTouch(admin, interview.id(), early, Optional.empty()).view();

        assertThat(logged.breaches()).extracting(PlanView.BreachView::rule).containsExactly("R6");
        assertThat(logged.breaches().get(0).explanation())
                .as("the engine's moment in the pages' words")
                .contains("Wed 11 Mar 2026, 09:00 (Europe/Berlin)")
                .doesNotContain("2026-03-11");
        PlanView.StepView step = interviews.plan(admin, interview.id()).steps().stream()
                .filter(one -> one.doneByTouchId().equals(Optional.of(logged.id())))
                .findFirst()
                .orElseThrow();
        assertThat(step.outcome()).contains("sent too early (R6)");
    }

    @Test
    void aTouchToAPersonalAddressIsWarnedAboutAndABlameLessOneIsNot() {
        InterviewView interview = interview("personal");
        long grace = interviewerOf(interview);
        TouchRequest personal = new TouchRequest(
                TouchKind.THANK_YOU, Channel.EMAIL, grace, "grace.hopper@gmail.com", END.plusHours(3), "Thanks", "Hi");
        TouchRequest fine = new TouchRequest(
                TouchKind.THANK_YOU, Channel.EMAIL, grace, null, END.plusHours(3), "Thanks", "Thank you, Grace.");

        ThreadBodies.TouchCheckView check = threads.checkTouch(admin, interview.id(), personal, Optional.empty());

        assertThat(check.breaches()).extracting(ThreadBodies.WouldBreach::rule).containsExactly("R12");
        assertThat(check.breaches().get(0).warning())
                .startsWith("Not a business address: ")
                .endsWith("(R12)");
        assertThat(check.step().flatMap(PlanView.StepView::outcome)).contains("sent to a personal address (R12)");
        assertThat(threads.checkTouch(admin, interview.id(), fine, Optional.empty())
                        .breaches())
                .isEmpty();
        assertThatThrownBy(() -> threads.checkTouch(
                        admin,
                        interview.id(),
                        new TouchRequest(
                                TouchKind.STATUS_CHECK, Channel.EMAIL, grace, null, END.minusHours(2), null, null),
                        Optional.empty()))
                .as("checked as logging is")
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.problem().code()).isEqualTo("BEFORE_INTERVIEW_END"));
        assertThat(rows("touches", interview.id())).isZero();
    }
}
