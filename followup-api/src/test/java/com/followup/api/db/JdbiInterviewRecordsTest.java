package com.followup.api.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.followup.api.testing.TestApp;
import com.followup.core.model.Channel;
import com.followup.core.model.ContactId;
import com.followup.core.model.InterviewId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.model.OutcomeKind;
import com.followup.core.model.ReplyKind;
import com.followup.core.model.TouchKind;
import com.followup.core.testing.PostgresDatabaseExtension;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The interview records repository on a real PostgreSQL migrated by the real changelog. */
class JdbiInterviewRecordsTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    private static final Instant END = Instant.parse("2026-03-28T22:30:00Z");
    private static Jdbi jdbi;
    private static long interviewId;
    private static long bareInterviewId;
    private static long hannah;
    private static long ian;

    @BeforeAll
    static void insertAnInterview() {
        jdbi = TestApp.jdbi(DATABASE);
        jdbi.useTransaction(handle -> {
            long user = insert(
                    handle,
                    "INSERT INTO users (email, display_name, role, password_hash)"
                            + " VALUES ('u@x.test', 'U', 'CANDIDATE', 'x') RETURNING id");
            long candidate = insert(
                    handle,
                    "INSERT INTO candidates (user_id, name, email, zone)" + " VALUES (" + user
                            + ", 'Cara', 'cara@x.test', 'Europe/Berlin') RETURNING id");
            long company = insert(
                    handle,
                    "INSERT INTO companies (name, spacing, status_check_limit, preferred_channel,"
                            + " does_not_reply) VALUES ('Northwind', interval '7 days', 1, 'PHONE', true) RETURNING id");
            hannah = insert(
                    handle,
                    "INSERT INTO contacts (company_id, name, title, role, business_email)" + " VALUES (" + company
                            + ", 'Hannah Hiring', 'Manager', 'HIRING_MANAGER', 'h@nw.test') RETURNING id");
            ian = insert(
                    handle,
                    "INSERT INTO contacts (company_id, name, role, business_phone)" + " VALUES (" + company
                            + ", 'Ian', 'INTERVIEWER', '+49 30 1') RETURNING id");
            interviewId = handle.createQuery(
                            "INSERT INTO interviews (candidate_id, company_id, role, starts_at, ends_at,"
                                    + " format, round) VALUES (:candidate, :company, 'Engineer', :start, :end, 'VIDEO', 2)"
                                    + " RETURNING id")
                    .bind("candidate", candidate)
                    .bind("company", company)
                    .bind("start", END.minus(Duration.ofHours(1)))
                    .bind("end", END)
                    .mapTo(Long.class)
                    .one();
            handle.execute(
                    "INSERT INTO interview_interviewers VALUES (?, ?, 0), (?, ?, 1)",
                    interviewId,
                    ian,
                    interviewId,
                    hannah);
            handle.execute(
                    "INSERT INTO timelines (interview_id, decision_date, preferred_spacing)"
                            + " VALUES (?, DATE '2026-04-03', interval '10 days')",
                    interviewId);
            handle.execute(
                    "INSERT INTO debriefs (interview_id, notes, unasked_questions, written_at)"
                            + " VALUES (?, 'Pipelines', ARRAY['Team size?'], ?)",
                    interviewId,
                    END.plusSeconds(3600));
            handle.execute("INSERT INTO debrief_concerns VALUES (?, ?, 0, 'Kafka')", interviewId, hannah);
            // Inserted out of time order: the record sorts them.
            handle.execute(
                    "INSERT INTO touches (interview_id, kind, channel, recipient_id, address, sent_at, text,"
                            + " created_by) VALUES (?, 'STATUS_CHECK', 'EMAIL', ?, 'h@nw.test', ?, NULL, ?)",
                    interviewId,
                    hannah,
                    END.plus(Duration.ofDays(9)),
                    user);
            handle.execute(
                    "INSERT INTO touches (interview_id, kind, channel, recipient_id, address, sent_at, text,"
                            + " created_by) VALUES (?, 'THANK_YOU', 'EMAIL', ?, 'h@nw.test', ?, 'Thank you', ?)",
                    interviewId,
                    hannah,
                    END.plus(Duration.ofHours(3)),
                    user);
            handle.execute(
                    "INSERT INTO replies (interview_id, from_contact_id, received_at, kind, new_decision_date,"
                            + " created_by) VALUES (?, ?, ?, 'UPDATE', DATE '2026-04-10', ?)",
                    interviewId,
                    hannah,
                    END.plus(Duration.ofDays(10)),
                    user);
            handle.execute("INSERT INTO outcomes VALUES (?, 'OFFER', ?)", interviewId, END.plus(Duration.ofDays(12)));
            bareInterviewId = handle.createQuery(
                            "INSERT INTO interviews (candidate_id, company_id, role, starts_at,"
                                    + " ends_at, format) VALUES (:candidate, :company, 'Analyst', :start, :end, 'PHONE') RETURNING id")
                    .bind("candidate", candidate)
                    .bind("company", company)
                    .bind("start", END.minus(Duration.ofHours(2)))
                    .bind("end", END.minus(Duration.ofHours(1)))
                    .mapTo(Long.class)
                    .one();
            handle.execute("INSERT INTO interview_interviewers VALUES (?, ?, 0)", bareInterviewId, ian);
        });
    }

    @Test
    void loadsEveryPartOfTheAggregate() {
        InterviewRecord record = new JdbiInterviewRecords(jdbi)
                .find(new InterviewId(interviewId))
                .orElseThrow();

        assertThat(record.candidate().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(record.interview().end()).isEqualTo(END);
        assertThat(record.interview().round()).isEqualTo(2);
        assertThat(record.interview().interviewers()).containsExactly(new ContactId(ian), new ContactId(hannah));
        assertThat(record.company().overrides().spacing()).contains(Duration.ofDays(7));
        assertThat(record.company().overrides().statusCheckLimit()).contains(1);
        assertThat(record.company().overrides().preferredChannel()).contains(Channel.PHONE);
        assertThat(record.company().overrides().doesNotReply()).isTrue();
        assertThat(record.timeline().orElseThrow().decisionDate()).contains(LocalDate.of(2026, 4, 3));
        assertThat(record.timeline().orElseThrow().preferredSpacing()).contains(Duration.ofDays(10));
        assertThat(record.debrief().orElseThrow().unaskedQuestions()).containsExactly("Team size?");
        assertThat(record.debrief().orElseThrow().concerns())
                .singleElement()
                .satisfies(concern -> assertThat(concern.interviewer()).isEqualTo(new ContactId(hannah)));
        assertThat(record.touches())
                .extracting(touch -> touch.kind())
                .containsExactly(TouchKind.THANK_YOU, TouchKind.STATUS_CHECK);
        assertThat(record.touches().get(0).text()).contains("Thank you");
        assertThat(record.touches().get(1).text()).isEmpty();
        assertThat(record.replies()).singleElement().satisfies(reply -> {
            assertThat(reply.kind()).isEqualTo(ReplyKind.UPDATE);
            assertThat(reply.newDecisionDate()).contains(LocalDate.of(2026, 4, 10));
        });
        assertThat(record.outcome().orElseThrow().kind()).isEqualTo(OutcomeKind.OFFER);
        assertThat(record.contact(new ContactId(hannah)).businessEmail()).contains("h@nw.test");
    }

    @Test
    void anyNumberOfInterviewsIsOneStatementInTheCallersTransaction() {
        AtomicInteger statements = new AtomicInteger();
        Jdbi counted = Jdbi.create(() -> countingStatements(DATABASE.connect(), statements));
        JdbiInterviewRecords records = new JdbiInterviewRecords(counted);
        for (List<InterviewId> ids : List.of(
                List.of(new InterviewId(interviewId)),
                List.of(
                        new InterviewId(interviewId),
                        new InterviewId(bareInterviewId),
                        new InterviewId(987_654_321)))) {
            int used = counted.inTransaction(handle -> {
                statements.set(0);
                assertThat(records.findAll(handle, ids)).isNotEmpty();
                return statements.get();
            });
            assertThat(used).as("statements for %d ids", ids.size()).isEqualTo(1);
        }
    }

    @Test
    void aFewInterviewsAreReadWithGenericPlansAndTheTransactionGetsItsSettingBack() {
        // Issue 18: planning "= ANY(:ids)" again on every read cost more than running it for a handful of interviews.
        JdbiInterviewRecords records = new JdbiInterviewRecords(jdbi);
        List<InterviewId> one = List.of(new InterviewId(interviewId));
        String after = jdbi.inTransaction(handle -> {
            assertThat(records.findAll(handle, one)).hasSize(1);
            return planCacheMode(handle);
        });
        assertThat(after)
                .as("after a read, the caller's statements are planned as usual")
                .isEqualTo("auto");
        String afterTouches = jdbi.inTransaction(handle -> {
            records.loadForTouches(handle, one, List.of());
            String mode = planCacheMode(handle);
            handle.rollback();
            return mode;
        });
        assertThat(afterTouches)
                .as("a group of touches keeps generic plans for its writes")
                .isEqualTo("force_generic_plan");
        assertThat(jdbi.withHandle(JdbiInterviewRecordsTest::planCacheMode))
                .as("SET LOCAL ends with the transaction")
                .isEqualTo("auto");
        List<InterviewId> many = new ArrayList<>();
        for (long id = 0; id <= JdbiInterviewRecords.GENERIC_PLAN_LIMIT; id++) {
            many.add(new InterviewId(id == 0 ? interviewId : 900_000 + id));
        }
        String afterMany = jdbi.inTransaction(handle -> {
            records.loadForTouches(handle, many, List.of());
            return planCacheMode(handle);
        });
        assertThat(afterMany).as("a batch is planned for the ids it carries").isEqualTo("auto");
    }

    private static long nextTouchId() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT nextval(pg_get_serial_sequence('touches', 'id'))")
                .mapTo(Long.class)
                .one());
    }

    private static String planCacheMode(Handle handle) {
        return handle.createQuery("SHOW plan_cache_mode").mapTo(String.class).one();
    }

    @Test
    void touchesGetNewIdsAndTheLeadingStatementsAreReadFirst() {
        JdbiInterviewRecords records = new JdbiInterviewRecords(jdbi);
        long highest = jdbi.withHandle(handle -> handle.createQuery("SELECT coalesce(max(id), 0) FROM touches")
                .mapTo(Long.class)
                .one());
        List<Long> led = new ArrayList<>();
        long drawnBefore = nextTouchId();
        JdbiInterviewRecords.Loaded loaded = jdbi.inTransaction(handle -> records.loadForTouches(
                handle,
                List.of(new InterviewId(interviewId), new InterviewId(bareInterviewId)),
                List.of(new JdbiInterviewRecords.Leading(
                        new Statements.Part("SELECT id FROM interviews WHERE id = :only", Map.of("only", interviewId)),
                        rs -> led.add(rs.getLong(1))))));
        assertThat(led).containsExactly(interviewId);
        assertThat(loaded.records()).hasSize(2);
        assertThat(loaded.newTouchIds()).containsOnlyKeys(interviewId, bareInterviewId);
        assertThat(loaded.newTouchIds().values()).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id)
                .isGreaterThan(highest));
        long next = nextTouchId();
        assertThat(next).as("the read ran once: two ids drawn, not four").isEqualTo(drawnBefore + 3);
        assertThat(jdbi.withHandle(handle -> records.loadAll(handle, List.of(new InterviewId(interviewId))))
                        .newTouchIds())
                .as("only a group of touches draws ids")
                .isEmpty();
        assertThatThrownBy(() -> jdbi.useTransaction(handle -> records.loadForTouches(
                        handle,
                        List.of(new InterviewId(interviewId)),
                        List.of(new JdbiInterviewRecords.Leading(
                                new Statements.Part("SELECT 1 WHERE :ids IS NULL", Map.of("ids", new long[0])),
                                rs -> {})))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(":ids");
    }

    /** The connection, counting the statements prepared or created on it (PostgreSQL still answers them). */
    private static Connection countingStatements(Connection connection, AtomicInteger statements) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
                    if (method.getName().startsWith("prepare")
                            || method.getName().equals("createStatement")) {
                        statements.incrementAndGet();
                    }
                    try {
                        return method.invoke(connection, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void loadsManyAtOnceAndSkipsUnknownIds() {
        List<InterviewRecord> records = new JdbiInterviewRecords(jdbi)
                .findAll(List.of(
                        new InterviewId(interviewId), new InterviewId(bareInterviewId), new InterviewId(987_654_321)));
        assertThat(records)
                .extracting(record -> record.interview().id().value())
                .containsExactlyInAnyOrder(interviewId, bareInterviewId);
        InterviewRecord bare = records.stream()
                .filter(record -> record.interview().id().value() == bareInterviewId)
                .findFirst()
                .orElseThrow();
        assertThat(bare.debrief()).isEmpty();
        assertThat(bare.timeline()).isEmpty();
        assertThat(bare.touches()).isEmpty();
        assertThat(bare.outcome()).isEqualTo(Optional.empty());
        assertThat(new JdbiInterviewRecords(jdbi).find(new InterviewId(987_654_321)))
                .isEmpty();
    }

    @Test
    void theDatabaseRefusesWhatTheCodeWouldAlsoRefuse() {
        assertThatThrownBy(() -> jdbi.useHandle(handle -> handle.execute(
                        "UPDATE interviews SET ends_at = starts_at - interval '1 hour' WHERE id = ?", interviewId)))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("interviews_end_after_start");
        assertThatThrownBy(() -> jdbi.useHandle(handle -> handle.execute(
                        "UPDATE touches SET channel = 'CARRIER_PIGEON' WHERE interview_id = ?", interviewId)))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("check constraint");
        assertThatThrownBy(() -> jdbi.useHandle(handle ->
                        handle.execute("INSERT INTO interview_interviewers VALUES (?, 999999, 5)", interviewId)))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("foreign key");
    }

    @Test
    void theAuditLogIsAppendOnly() {
        jdbi.useHandle(handle -> handle.execute(
                "INSERT INTO audit_log (action, entity_type, entity_id) VALUES ('test.done', 'test', '1')"));
        assertThatThrownBy(() -> jdbi.useHandle(handle -> handle.execute("UPDATE audit_log SET action = 'rewritten'")))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbi.useHandle(handle -> handle.execute("DELETE FROM audit_log")))
                .hasMessageContaining("append-only");
    }

    private static long insert(Handle handle, String sql) {
        return handle.createQuery(sql).mapTo(Long.class).one();
    }
}
