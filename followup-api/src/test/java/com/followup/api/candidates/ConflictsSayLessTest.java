package com.followup.api.candidates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.candidates.CandidateBodies.CandidateRequest;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.api.testing.MutableClock;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A conflict tells a recruiter nothing about users and candidates they may not see (issue 15: EMAIL_TAKEN,
 * LOGIN_IN_USE and NOT_A_CANDIDATE_LOGIN told a recruiter about other recruiters' candidates and staff logins).
 */
class ConflictsSayLessTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    private static Candidates candidates;
    private static UserPrincipal admin;
    private static UserPrincipal grace;
    private static UserPrincipal hank;

    @BeforeAll
    static void agency() {
        admin = principal("admin@agency.example", "Admin", Role.ADMIN);
        grace = principal("grace@agency.example", "Grace", Role.RECRUITER);
        hank = principal("hank@agency.example", "Hank", Role.RECRUITER);
        ObjectMapper json = new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule());
        candidates = new Candidates(
                TestApp.jdbi(DATABASE), new Audit(json, new MutableClock(Instant.parse("2026-03-10T09:00:00Z"))));
    }

    @Test
    void aRecruiterIsNotToldWhoseTheEmailIs() {
        candidates.create(grace, new CandidateRequest("Hidden", "hidden@example.net", "UTC", null, null));

        Problem toHank = problem(
                () -> candidates.create(hank, new CandidateRequest("Mine", "hidden@example.net", "UTC", null, null)));
        assertThat(toHank.code()).isEqualTo("EMAIL_TAKEN");
        assertThat(toHank.detail()).doesNotContainIgnoringCase("candidate with").doesNotContain("exists");

        Problem toAdmin = problem(
                () -> candidates.create(admin, new CandidateRequest("Mine", "hidden@example.net", "UTC", null, null)));
        assertThat(toAdmin.detail()).isEqualTo("A candidate with this email exists.");
    }

    @Test
    void aRecruiterGetsOneAnswerForAMissingAStaffAndAnotherCandidatesLogin() {
        UserPrincipal login = principal("taken-login@example.net", "Taken", Role.CANDIDATE);
        candidates.create(grace, new CandidateRequest("Taken", "taken@example.net", "UTC", login.id(), null));

        List<Long> userIds = List.of(99_999_999L, grace.id(), login.id());
        List<String> answers = userIds.stream()
                .map(userId -> problem(() -> candidates.create(
                        hank, new CandidateRequest("Try", "try-" + userId + "@example.net", "UTC", userId, null))))
                .map(problem -> problem.status() + " " + problem.code() + " "
                        + problem.errors().get(0).message() + " "
                        + problem.detail().replaceAll("\\d+", "N"))
                .toList();
        assertThat(answers).as("for %s", userIds).containsOnly(answers.get(0));
        assertThat(answers.get(0)).startsWith("400 NOT_A_CANDIDATE_LOGIN");

        // An admin, who sees every user, is told what is wrong.
        assertThat(problem(() -> candidates.create(
                                admin, new CandidateRequest("Try", "try-admin@example.net", "UTC", login.id(), null)))
                        .code())
                .isEqualTo("LOGIN_IN_USE");
    }

    private static Problem problem(Runnable call) {
        ProblemException thrown = catchThrowableOfType(ProblemException.class, call::run);
        assertThat(thrown).as("a problem").isNotNull();
        return thrown.problem();
    }

    private static UserPrincipal principal(String email, String name, Role role) {
        return new UserPrincipal(TestApp.user(DATABASE, email, name, role), email, name, role, Optional.empty());
    }
}
