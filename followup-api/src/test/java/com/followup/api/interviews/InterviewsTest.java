package com.followup.api.interviews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.cache.ChangeFeed;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.interviews.InterviewBodies.InterviewRequest;
import com.followup.api.interviews.InterviewBodies.InterviewView;
import com.followup.api.interviews.InterviewBodies.InterviewerRequest;
import com.followup.api.interviews.InterviewBodies.TimelineRequest;
import com.followup.api.problem.ProblemException;
import com.followup.api.representations.Page;
import com.followup.api.testing.MutableClock;
import com.followup.api.testing.TestApp;
import com.followup.core.model.InterviewFormat;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.rules.PlanEvaluator;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.db.DataSourceFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The interview use cases on a real PostgreSQL: what a page of interviews costs, and one transaction per use case. */
class InterviewsTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    private static final Instant FIRST_END = Instant.parse("2026-03-02T16:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final int INTERVIEWS = 60;

    /** Every statement the test's Jdbi sends, counted before it runs. */
    private static final AtomicInteger statements = new AtomicInteger();

    private static Jdbi jdbi;
    private static Interviews interviews;
    private static UserPrincipal admin;
    private static long candidateId;

    @BeforeAll
    static void agencyWithManyInterviews() {
        jdbi = TestApp.jdbi(DATABASE);
        jdbi.installPlugin(new PostgresPlugin());
        jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                statements.incrementAndGet();
            }
        });
        long adminId = TestApp.user(DATABASE, "admin@agency.example", "Admin", Role.ADMIN);
        admin = new UserPrincipal(adminId, "admin@agency.example", "Admin", Role.ADMIN, Optional.empty());
        MutableClock clock = new MutableClock(FIRST_END.plus(Duration.ofDays(90)));
        ObjectMapper json = new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule());
        interviews = new Interviews(
                jdbi,
                new Audit(json, clock),
                new JdbiInterviewRecords(jdbi),
                () -> AgencyPolicy.defaults(ZONE),
                new PlanEvaluator(),
                clock,
                // Never started, so never live: nothing is served from the cache.
                new ChangeFeed(new DataSourceFactory()));
        candidateId = jdbi.withHandle(handle -> handle.createQuery(
                        "INSERT INTO candidates (name, email, zone) VALUES ('Ada', 'ada@example.net', :zone) RETURNING id")
                .bind("zone", ZONE.getId())
                .mapTo(Long.class)
                .one());
        // Every part of the aggregate is there, so a page that skipped one would show it.
        for (int index = 0; index < INTERVIEWS; index++) {
            OffsetDateTime end = FIRST_END.plus(Duration.ofDays(index)).atOffset(ZoneOffset.UTC);
            InterviewView created = interviews.create(
                    admin,
                    new InterviewRequest(
                            candidateId,
                            null,
                            "Company " + (index % 7),
                            "Engineer " + index,
                            end.minusHours(1),
                            end,
                            InterviewFormat.VIDEO,
                            1,
                            List.of(
                                    new InterviewerRequest(null, "First " + index, "Lead", null, null, null),
                                    new InterviewerRequest(null, "Second " + index, "Manager", null, null, null)),
                            null),
                    Optional.of(new TimelineRequest(
                            LocalDate.of(2026, 4, 1), null, Duration.ofDays(10), "They will call", null)));
            interviews.putDebrief(
                    admin,
                    created.id(),
                    new InterviewBodies.DebriefRequest(
                            "Went well",
                            List.of(new InterviewBodies.Concern(
                                    created.interviewers().get(0).contactId(), "Asked about on-call")),
                            List.of("Team size?"),
                            end.plusHours(1),
                            null));
        }
    }

    @Test
    void eachRoleListsExactlyTheInterviewsItMaySeeLatestFirstPageByPage() {
        // Bea, a second candidate with a login, has a few interviews ending between Ada's; a recruiter sees Ada's only.
        long beaUser = TestApp.user(DATABASE, "bea@example.net", "Bea", Role.CANDIDATE);
        long bea = jdbi.withHandle(handle -> handle.createQuery(
                        "INSERT INTO candidates (name, email, zone, user_id) VALUES ('Bea', 'bea@example.net', :zone,"
                                + " :user) RETURNING id")
                .bind("zone", ZONE.getId())
                .bind("user", beaUser)
                .mapTo(Long.class)
                .one());
        for (int index = 0; index < 5; index++) {
            OffsetDateTime end =
                    FIRST_END.plus(Duration.ofDays(index * 7L).plusHours(3)).atOffset(ZoneOffset.UTC);
            interviews.create(
                    admin,
                    new InterviewRequest(
                            bea,
                            null,
                            "Company " + index,
                            "Designer " + index,
                            end.minusHours(1),
                            end,
                            InterviewFormat.VIDEO,
                            1,
                            List.of(new InterviewerRequest(null, "Third " + index, "Lead", null, null, null)),
                            null));
        }
        long recruiterId = TestApp.user(DATABASE, "rita@agency.example", "Rita", Role.RECRUITER);
        jdbi.useHandle(handle -> handle.execute(
                "INSERT INTO recruiter_assignments (recruiter_id, candidate_id) VALUES (?, ?)",
                recruiterId,
                candidateId));
        UserPrincipal recruiter =
                new UserPrincipal(recruiterId, "rita@agency.example", "Rita", Role.RECRUITER, Optional.empty());
        UserPrincipal beaLogin = new UserPrincipal(beaUser, "bea@example.net", "Bea", Role.CANDIDATE, Optional.empty());
        try {
            listsPageByPage(recruiter, beaLogin, bea);
        } finally {
            jdbi.useHandle(handle -> {
                handle.execute("DELETE FROM interviews WHERE candidate_id = ?", bea);
                handle.execute("DELETE FROM recruiter_assignments WHERE recruiter_id = ?", recruiterId);
            });
        }
    }

    private static void listsPageByPage(UserPrincipal recruiter, UserPrincipal beaLogin, long bea) {
        for (UserPrincipal user : List.of(admin, recruiter, beaLogin)) {
            for (Long company : java.util.Arrays.asList(null, companyOf("Company 3"))) {
                List<Long> expected = visibleByTheOldOneQuery(user, company);
                List<Long> paged = new java.util.ArrayList<>();
                for (int offset = 0; ; offset += 7) {
                    Page<InterviewView> page = interviews.list(user, null, company, 7, offset);
                    assertThat(page.total()).as(user.role() + " total").isEqualTo(expected.size());
                    if (page.items().isEmpty()) {
                        break;
                    }
                    page.items().forEach(view -> paged.add(view.id()));
                }
                assertThat(paged).as(user.role() + " of company " + company).isEqualTo(expected);
            }
        }
        assertThat(interviews.list(recruiter, bea, null, 50, 0).items()).isEmpty();
        assertThat(interviews.list(recruiter, candidateId, null, 50, 0).total()).isEqualTo(INTERVIEWS);
    }

    /** The list as the single query for every role had it (Visibility's candidates), latest first. */
    private static List<Long> visibleByTheOldOneQuery(UserPrincipal user, Long company) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT i.id FROM interviews i WHERE i.candidate_id IN ("
                        + com.followup.api.access.Visibility.VISIBLE_CANDIDATES
                        + ") AND (CAST(:company AS bigint) IS NULL OR i.company_id = :company)"
                        + " ORDER BY i.ends_at DESC, i.id DESC")
                .bind("visibleToRole", user.role().name())
                .bind("visibleToUser", user.id())
                .bind("company", company)
                .mapTo(Long.class)
                .list());
    }

    private static long companyOf(String name) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM companies WHERE name = :name")
                .bind("name", name)
                .mapTo(Long.class)
                .one());
    }

    @BeforeEach
    void resetCount() {
        statements.set(0);
    }

    @Test
    void aPageCostsTheSameNumberOfStatementsWhateverItsSize() {
        Page<InterviewView> small = interviews.list(admin, null, null, 5, 0);
        int forFive = statements.getAndSet(0);
        Page<InterviewView> large = interviews.list(admin, null, null, 50, 0);
        int forFifty = statements.get();

        assertThat(small.items()).hasSize(5);
        assertThat(large.items()).hasSize(50);
        assertThat(large.total()).isEqualTo(INTERVIEWS);
        // The page's ids, their count, then the interviews, their interviewers and their debriefs' concerns.
        assertThat(forFive).isEqualTo(5);
        assertThat(forFifty).isEqualTo(forFive);
    }

    @Test
    void aPageShowsEveryPartOfEachInterviewLatestFirst() {
        List<InterviewView> page =
                interviews.list(admin, candidateId, null, 50, 0).items();

        assertThat(page.get(0).role()).isEqualTo("Engineer " + (INTERVIEWS - 1));
        assertThat(page).isSortedAccordingTo((a, b) -> b.end().compareTo(a.end()));
        assertThat(page).allSatisfy(interview -> {
            assertThat(interview.candidateName()).isEqualTo("Ada");
            assertThat(interview.interviewers())
                    .extracting(InterviewBodies.Interviewer::title)
                    .containsExactly("Lead", "Manager");
            assertThat(interview.timeline()).hasValueSatisfying(timeline -> assertThat(timeline.preferredSpacing())
                    .contains(Duration.ofDays(10)));
            assertThat(interview.debrief()).hasValueSatisfying(debrief -> {
                assertThat(debrief.concerns()).hasSize(1);
                assertThat(debrief.unaskedQuestions()).containsExactly("Team size?");
            });
            assertThat(interview.start().getOffset())
                    .isEqualTo(ZONE.getRules().getOffset(interview.start().toInstant()));
        });
        assertThat(interviews.get(admin, page.get(3).id())).isEqualTo(page.get(3));
    }

    @Test
    void anInterviewAndItsTimelineAreSavedTogetherOrNotAtAll() {
        long before = interviews.list(admin, null, null, 1, 0).total();
        OffsetDateTime end = FIRST_END.atOffset(ZoneOffset.UTC);
        InterviewRequest request = new InterviewRequest(
                candidateId,
                null,
                "Refused Ltd",
                "Analyst",
                end.minusHours(1),
                end,
                InterviewFormat.PHONE,
                1,
                List.of(new InterviewerRequest(null, "Someone", null, null, null, null)),
                null);

        // A zero spacing is refused after the interview row was written: the whole use case rolls back.
        assertThatThrownBy(() -> interviews.create(
                        admin, request, Optional.of(new TimelineRequest(null, null, Duration.ZERO, null, null))))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.problem().status()).isEqualTo(400));
        assertThat(interviews.list(admin, null, null, 1, 0).total()).isEqualTo(before);
    }

    @Test
    void aPlanComesFromTheCoreRecordOfAVisibleInterview() {
        long id = interviews.list(admin, null, null, 1, 0).items().get(0).id();
        UserPrincipal stranger =
                new UserPrincipal(admin.id() + 1000, "x@example.net", "X", Role.CANDIDATE, Optional.empty());

        assertThat(interviews.plan(admin, id).steps()).isNotEmpty();
        assertThatThrownBy(() -> interviews.plan(stranger, id))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.problem().status()).isEqualTo(404));
    }
}
