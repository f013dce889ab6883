package com.followup.api.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.followup.api.audit.Audit;
import com.followup.api.auth.PasswordHasher;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.auth.UserView;
import com.followup.api.candidates.CandidateBodies.CandidateRequest;
import com.followup.api.candidates.CandidateBodies.CandidateView;
import com.followup.api.candidates.Candidates;
import com.followup.api.problem.ProblemException;
import com.followup.api.testing.MutableClock;
import com.followup.api.testing.TestApp;
import com.followup.api.users.UserBodies.IssuedToken;
import com.followup.api.users.UserBodies.NewToken;
import com.followup.api.users.UserBodies.NewUser;
import com.followup.api.users.UserBodies.UserChange;
import com.followup.core.testing.PostgresDatabaseExtension;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The user and token use cases on a real PostgreSQL: unique logins, a candidate's login made whole or not at all. */
class UsersTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    private static final String PASSWORD = "a long enough password";

    private static Jdbi jdbi;
    private static Candidates candidates;
    private static Users users;
    private static UserPrincipal admin;

    @BeforeAll
    static void agency() {
        jdbi = TestApp.jdbi(DATABASE);
        admin = principal("admin@agency.example", "Admin", Role.ADMIN);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-10T09:00:00Z"));
        ObjectMapper json = new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule());
        candidates = new Candidates(jdbi, new Audit(json, clock));
        users = new Users(jdbi, new PasswordHasher(), candidates, clock);
    }

    @Test
    void aCandidateLoginComesWithItsCandidateProfile() {
        UserView login = users.createCandidateLogin(
                admin, new NewUser("ada@example.net", "Ada", Role.CANDIDATE, PASSWORD, null), "Europe/Berlin");

        UserPrincipal ada =
                new UserPrincipal(login.id(), login.email(), login.displayName(), Role.CANDIDATE, Optional.empty());
        assertThat(candidates.list(ada, null, null, 50, 0).items())
                .singleElement()
                .satisfies(candidate -> {
                    assertThat(candidate.userId()).contains(login.id());
                    assertThat(candidate.zone()).isEqualTo("Europe/Berlin");
                });
    }

    @Test
    void aRefusedCandidateProfileLeavesNoLoginBehind() {
        CandidateView existing =
                candidates.create(admin, new CandidateRequest("Bea", "bea@example.net", "Europe/Berlin", null, null));

        assertProblem(
                () -> users.createCandidateLogin(
                        admin, new NewUser("bea@example.net", "Bea", Role.CANDIDATE, PASSWORD, null), "Europe/Berlin"),
                "EMAIL_TAKEN");
        assertThat(usersWithEmail("bea@example.net")).isZero();
        assertThat(candidates.get(admin, existing.id()).userId()).isEmpty();
    }

    @Test
    void anEmailIsOneLoginAndAnAdminKeepsTheirOwnRights() {
        users.create(admin, new NewUser("cy@agency.example", "Cy", Role.RECRUITER, PASSWORD, "Europe/Paris"));

        assertProblem(
                () -> users.create(admin, new NewUser("cy@agency.example", "Cy", Role.RECRUITER, PASSWORD, null)),
                "EMAIL_TAKEN");
        assertProblem(
                () -> users.create(admin, new NewUser("dee@agency.example", "Dee", Role.RECRUITER, PASSWORD, "UTC+2")),
                "INVALID_ZONE");
        assertProblem(
                () -> users.update(admin, admin.id(), new UserChange("Admin", Role.RECRUITER, true, 1, null)),
                "CANNOT_DEMOTE_SELF");
    }

    @Test
    void aTokenIsShownOnceAndRevokingTwiceIsAuditedOnce() {
        IssuedToken issued = users.issueToken(admin, admin.id(), new NewToken("  importer "));

        assertThat(issued.name()).isEqualTo("importer");
        assertThat(issued.token()).isNotBlank();
        users.revoke(admin, issued.id());
        users.revoke(admin, issued.id());
        assertThat(users.tokens(50, 0).items())
                .filteredOn(token -> token.id() == issued.id())
                .singleElement()
                .satisfies(token -> assertThat(token.revokedAt()).isPresent());
        assertThat(users.audit("api_token", 50, 0).items())
                .filteredOn(entry -> entry.action().equals("token.revoked"))
                .hasSize(1);
    }

    @Test
    void aUserReadsTheZoneSetOnTheirOwnUserAndNoneWhenNoneIsSet() {
        UserView zed =
                users.create(admin, new NewUser("zed@agency.example", "Zed", Role.RECRUITER, PASSWORD, "Asia/Tokyo"));

        assertThat(users.ownZone(
                        new UserPrincipal(zed.id(), zed.email(), zed.displayName(), Role.RECRUITER, Optional.empty())))
                .contains(ZoneId.of("Asia/Tokyo"));
        assertThat(users.ownZone(admin)).isEmpty();
    }

    private static UserPrincipal principal(String email, String name, Role role) {
        return new UserPrincipal(TestApp.user(DATABASE, email, name, role), email, name, role, Optional.empty());
    }

    private static int usersWithEmail(String email) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM users WHERE email = :email")
                .bind("email", email)
                .mapTo(Integer.class)
                .one());
    }

    private static void assertProblem(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class, problem -> assertThat(
                        problem.problem().code())
                .isEqualTo(code));
    }
}
