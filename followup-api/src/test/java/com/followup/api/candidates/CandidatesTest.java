package com.followup.api.candidates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.candidates.CandidateBodies.CandidateRequest;
import com.followup.api.candidates.CandidateBodies.CandidateView;
import com.followup.api.problem.ProblemException;
import com.followup.api.testing.MutableClock;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The candidate use cases on a real PostgreSQL: who sees which candidate, and the rules of a change. */
class CandidatesTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    private static Jdbi jdbi;
    private static Candidates candidates;
    private static UserPrincipal admin;
    private static UserPrincipal grace;
    private static UserPrincipal hank;

    @BeforeAll
    static void agency() {
        jdbi = TestApp.jdbi(DATABASE);
        admin = principal("admin@agency.example", "Admin", Role.ADMIN);
        grace = principal("grace@agency.example", "Grace", Role.RECRUITER);
        hank = principal("hank@agency.example", "Hank", Role.RECRUITER);
        ObjectMapper json = new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule());
        candidates = new Candidates(jdbi, new Audit(json, new MutableClock(Instant.parse("2026-03-10T09:00:00Z"))));
    }

    @Test
    void aRecruiterWhoAddsACandidateLooksAfterThemAndOthersDoNotSeeThem() {
        CandidateView ada = candidates.create(grace, candidate("Ada", "ada@example.net"));

        assertThat(ada.recruiterIds()).containsExactly(grace.id());
        assertThat(candidates.list(grace, "ada@", null, 50, 0).items()).containsExactly(ada);
        assertThat(candidates.list(hank, "ada@", null, 50, 0).items()).isEmpty();
        assertThat(candidates.list(admin, null, grace.id(), 50, 0).items()).contains(ada);
        assertNotFound(() -> candidates.get(hank, ada.id()));

        CandidateView shared = candidates.assignRecruiter(admin, ada.id(), hank.id());
        // Assigning twice is a retried request, not an error; it is audited once.
        assertThat(candidates.assignRecruiter(admin, ada.id(), hank.id())).isEqualTo(shared);
        assertThat(shared.recruiterIds()).containsExactly(grace.id(), hank.id());
        assertThat(candidates.get(hank, ada.id())).isEqualTo(shared);
        assertThat(audited("candidate.assigned", ada.id())).isEqualTo(1);

        assertThat(candidates.unassignRecruiter(admin, ada.id(), hank.id()).recruiterIds())
                .containsExactly(grace.id());
        assertNotFound(() -> candidates.get(hank, ada.id()));
    }

    @Test
    void aChangeKeepsEmailsUniqueZonesKnownLoginsSingleAndVersionsCurrent() {
        CandidateView linus = candidates.create(admin, candidate("Linus", "linus@example.net"));
        UserPrincipal login = principal("linus-login@example.net", "Linus", Role.CANDIDATE);

        assertProblem(() -> candidates.create(admin, candidate("Other", "LINUS@example.net")), "EMAIL_TAKEN");
        assertProblem(
                () -> candidates.create(admin, new CandidateRequest("Zoned", "z@example.net", "Mars/Base", null, null)),
                "UNKNOWN_TIME_ZONE");
        assertProblem(() -> candidates.assignRecruiter(admin, linus.id(), login.id()), "NOT_A_RECRUITER");
        assertProblem(
                () -> candidates.update(
                        admin,
                        linus.id(),
                        new CandidateRequest("Linus", "linus@example.net", "Europe/Berlin", grace.id(), 1)),
                "NOT_A_CANDIDATE_LOGIN");
        CandidateView linked = candidates.update(
                admin,
                linus.id(),
                new CandidateRequest("Linus T", "linus@example.net", "Europe/Berlin", login.id(), 1));
        assertThat(linked.userId()).contains(login.id());
        assertThat(linked.version()).isEqualTo(2);
        assertProblem(
                () -> candidates.create(
                        admin, new CandidateRequest("Twin", "twin@example.net", "Europe/Berlin", login.id(), null)),
                "LOGIN_IN_USE");
        assertProblem(
                () -> candidates.update(
                        admin, linus.id(), new CandidateRequest("Linus", "linus@example.net", "UTC", null, 1)),
                "STALE_VERSION");
        assertThat(candidates.list(login, null, null, 50, 0).items())
                .extracting(CandidateView::id)
                .containsExactly(linus.id());
    }

    @Test
    void aCandidatesZoneAndRecruitersAreReadOnlyByThoseWhoMaySeeThem() {
        UserPrincipal login = principal("mia-login@example.net", "Mia", Role.CANDIDATE);
        CandidateView mia = candidates.create(
                grace, new CandidateRequest("Mia", "mia@example.net", "America/Chicago", login.id(), null));
        candidates.assignRecruiter(admin, mia.id(), hank.id());

        assertThat(candidates.zoneOf(grace, mia.id())).contains(ZoneId.of("America/Chicago"));
        assertThat(candidates.ownZone(login)).contains(ZoneId.of("America/Chicago"));
        // Staff have no candidate profile of their own: their zone is on their user.
        assertThat(candidates.ownZone(grace)).isEmpty();
        assertThat(candidates.recruiterNames(admin, mia.id())).containsExactly("Grace", "Hank");

        candidates.unassignRecruiter(admin, mia.id(), hank.id());
        assertThat(candidates.zoneOf(hank, mia.id())).isEmpty();
        assertNotFound(() -> candidates.recruiterNames(hank, mia.id()));
    }

    private static UserPrincipal principal(String email, String name, Role role) {
        return new UserPrincipal(TestApp.user(DATABASE, email, name, role), email, name, role, Optional.empty());
    }

    private static CandidateRequest candidate(String name, String email) {
        return new CandidateRequest(name, email, "Europe/Berlin", null, null);
    }

    private static int audited(String action, long candidateId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM audit_log WHERE action = :action AND entity_type = 'candidate' AND entity_id = :id")
                .bind("action", action)
                .bind("id", String.valueOf(candidateId))
                .mapTo(Integer.class)
                .one());
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
