package com.followup.api.companies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.cache.ChangeFeed;
import com.followup.api.companies.CompanyBodies.CompanyRequest;
import com.followup.api.companies.CompanyBodies.CompanyView;
import com.followup.api.companies.CompanyBodies.ContactRequest;
import com.followup.api.companies.CompanyBodies.ContactView;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.interviews.InterviewBodies.InterviewRequest;
import com.followup.api.interviews.InterviewBodies.InterviewView;
import com.followup.api.interviews.InterviewBodies.InterviewerRequest;
import com.followup.api.interviews.Interviews;
import com.followup.api.problem.ProblemException;
import com.followup.api.testing.MutableClock;
import com.followup.api.testing.TestApp;
import com.followup.core.model.ContactRole;
import com.followup.core.model.InterviewFormat;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.rules.PlanEvaluator;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.db.DataSourceFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The company use cases on a real PostgreSQL: who sees which company, the rules of a change, and R12's warning. */
class CompaniesTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");

    private static Jdbi jdbi;
    private static Companies companies;
    private static Interviews interviews;
    private static UserPrincipal admin;
    private static UserPrincipal candidate;
    private static long candidateId;

    @BeforeAll
    static void agency() {
        jdbi = TestApp.jdbi(DATABASE);
        jdbi.installPlugin(new PostgresPlugin());
        long adminId = TestApp.user(DATABASE, "admin@agency.example", "Admin", Role.ADMIN);
        admin = new UserPrincipal(adminId, "admin@agency.example", "Admin", Role.ADMIN, Optional.empty());
        long candidateUser = TestApp.user(DATABASE, "ada@example.net", "Ada", Role.CANDIDATE);
        candidate = new UserPrincipal(candidateUser, "ada@example.net", "Ada", Role.CANDIDATE, Optional.empty());
        candidateId = jdbi.withHandle(handle -> handle.createQuery(
                        "INSERT INTO candidates (name, email, zone, user_id) VALUES ('Ada', 'ada@example.net', :zone,"
                                + " :user) RETURNING id")
                .bind("zone", ZONE.getId())
                .bind("user", candidateUser)
                .mapTo(Long.class)
                .one());
        MutableClock clock = new MutableClock(NOW);
        ObjectMapper json = new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule());
        Audit audit = new Audit(json, clock);
        companies = new Companies(jdbi, audit, () -> AgencyPolicy.defaults(ZONE));
        interviews = new Interviews(
                jdbi,
                audit,
                new JdbiInterviewRecords(jdbi),
                () -> AgencyPolicy.defaults(ZONE),
                new PlanEvaluator(),
                clock,
                // Never started, so never live: nothing is served from the cache.
                new ChangeFeed(new DataSourceFactory()));
    }

    @Test
    void aCandidateSeesTheCompaniesTheyInterviewedWithAndNoOther() {
        CompanyView acme = companies.create(admin, company("Acme Seen"));
        CompanyView globex = companies.create(admin, company("Globex Unseen"));
        ContactView unseenContact = companies.createContact(admin, globex.id(), contact("Hank", "hank@globex.example"));
        // Named in another case: the interview finds the company instead of making a second one.
        InterviewView interview = interviewWith("acme seen");

        assertThat(interview.companyId()).isEqualTo(acme.id());
        assertThat(companies.list(admin, "seen", 50, 0).items())
                .extracting(CompanyView::name)
                .containsExactly("Acme Seen", "Globex Unseen");
        assertThat(companies.list(candidate, "seen", 50, 0).items())
                .extracting(CompanyView::name)
                .containsExactly("Acme Seen");
        assertThat(companies.contacts(candidate, acme.id()))
                .extracting(ContactView::name)
                .containsExactly("Grace");
        assertNotFound(() -> companies.get(candidate, globex.id()));
        assertNotFound(() -> companies.contacts(candidate, globex.id()));
        assertNotFound(() -> companies.contact(candidate, unseenContact.id()));
    }

    @Test
    void aChangeKeepsNamesUniqueSpacingsPositiveAndVersionsCurrent() {
        CompanyView initech = companies.create(admin, company("Initech"));

        assertProblem(() -> companies.create(admin, company("INITECH")), "NAME_TAKEN");
        assertProblem(
                () -> companies.create(
                        admin, new CompanyRequest("Zero Spacing", Duration.ZERO, null, null, false, null)),
                "INVALID_DURATION");
        CompanyView updated = companies.update(
                admin, initech.id(), new CompanyRequest("Initech", Duration.ofDays(14), 2, null, true, 1));
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.overrides().spacing()).contains(Duration.ofDays(14));
        assertThat(updated.overrides().statusCheckLimit()).contains(2);
        assertThat(updated.overrides().doesNotReply()).isTrue();
        assertProblem(
                () -> companies.update(admin, initech.id(), new CompanyRequest("Initech", null, null, null, false, 1)),
                "STALE_VERSION");
    }

    @Test
    void aContactOnAFreeMailDomainIsKeptWithTheR12Warning() {
        CompanyView hooli = companies.create(admin, company("Hooli"));

        ContactView personal = companies.createContact(admin, hooli.id(), contact("Gavin", "gavin@gmail.com"));
        ContactView business = companies.createContact(admin, hooli.id(), contact("Monica", "monica@hooli.example"));

        assertThat(personal.warnings()).singleElement().asString().startsWith("R12: gavin@gmail.com");
        assertThat(business.warnings()).isEmpty();
        ContactView moved = companies.updateContact(
                admin,
                personal.id(),
                new ContactRequest("Gavin", "CEO", ContactRole.INTERVIEWER, "gavin@hooli.example", "", " ", 1));
        assertThat(moved.warnings()).isEmpty();
        assertThat(moved.businessPhone()).isEmpty();
        assertThat(moved.linkedInUrl()).isEmpty();
        assertThat(companies.contact(admin, personal.id())).isEqualTo(moved);
    }

    @Test
    void theResponseSpeedTakesTheFirstReplyAfterTheFirstTouchOfEachInterview() {
        InterviewView answeredInADay = interviewWith("Umbrella");
        InterviewView answeredLater = interviewWith("umbrella");
        InterviewView unanswered = interviewWith("UMBRELLA");
        interviewWith("Umbrella"); // not followed up: no thread
        OffsetDateTime end = answeredInADay.end();
        touch(answeredInADay, end.plusHours(2));
        reply(answeredInADay, end.plusHours(2 + 30));
        reply(answeredInADay, end.plusHours(2 + 50));
        // A reply before the first touch answers no follow-up.
        reply(answeredLater, end.plusHours(1));
        touch(answeredLater, end.plusHours(3));
        reply(answeredLater, end.plusHours(3 + 100));
        touch(unanswered, end.plusHours(4));

        CompanyBodies.ResponseSpeed speed = companies.responseSpeed(candidate, answeredInADay.companyId());

        assertThat(speed.threads()).isEqualTo(3);
        assertThat(speed.answered()).isEqualTo(2);
        assertThat(speed.medianHours())
                .hasValueSatisfying(hours -> assertThat(hours).isCloseTo(65.0, within(1e-6)));
        assertThat(speed.p90Hours())
                .hasValueSatisfying(hours -> assertThat(hours).isCloseTo(93.0, within(1e-6)));
        CompanyView unseen = companies.create(admin, company("Umbrella Elsewhere"));
        assertThat(companies.responseSpeed(admin, unseen.id()))
                .isEqualTo(new CompanyBodies.ResponseSpeed(0, 0, Optional.empty(), Optional.empty()));
        assertNotFound(() -> companies.responseSpeed(candidate, unseen.id()));
    }

    private static void touch(InterviewView interview, OffsetDateTime at) {
        jdbi.useHandle(handle -> handle.execute(
                """
                INSERT INTO touches (interview_id, kind, channel, recipient_id, address, sent_at, text, created_by)
                VALUES (?, 'THANK_YOU', 'EMAIL', ?, 'grace@umbrella.example', ?, 'Thank you.', ?)
                """,
                interview.id(),
                interview.interviewers().get(0).contactId(),
                at,
                admin.id()));
    }

    private static void reply(InterviewView interview, OffsetDateTime at) {
        jdbi.useHandle(handle -> handle.execute(
                "INSERT INTO replies (interview_id, from_contact_id, received_at, kind, created_by)"
                        + " VALUES (?, ?, ?, 'UPDATE', ?)",
                interview.id(),
                interview.interviewers().get(0).contactId(),
                at,
                admin.id()));
    }

    private static InterviewView interviewWith(String companyName) {
        OffsetDateTime end = NOW.minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC);
        return interviews.create(
                admin,
                new InterviewRequest(
                        candidateId,
                        null,
                        companyName,
                        "Engineer",
                        end.minusHours(1),
                        end,
                        InterviewFormat.VIDEO,
                        1,
                        List.of(new InterviewerRequest(null, "Grace", "Lead", null, null, null)),
                        null),
                Optional.empty());
    }

    private static CompanyRequest company(String name) {
        return new CompanyRequest(name, null, null, null, false, null);
    }

    private static ContactRequest contact(String name, String email) {
        return new ContactRequest(name, "", ContactRole.INTERVIEWER, email, null, null, null);
    }

    private static void assertNotFound(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class, problem -> assertThat(
                        problem.problem().status())
                .isEqualTo(404));
    }

    private static void assertProblem(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class, problem -> assertThat(
                        problem.problem().code())
                .isEqualTo(code));
    }
}
