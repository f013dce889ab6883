package com.followup.api.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.cache.ChangeFeed;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.api.testing.MutableClock;
import com.followup.api.testing.TestApp;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jackson.Jackson;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The agency policy's use cases on a real PostgreSQL: only an admin changes it, from the current version, audited. */
class PoliciesTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    private static Jdbi jdbi;
    private static Policies policies;
    private static UserPrincipal admin;
    private static UserPrincipal recruiter;

    @BeforeAll
    static void agency() {
        jdbi = TestApp.jdbi(DATABASE);
        admin = principal(TestApp.user(DATABASE, "admin@agency.example", "Admin", Role.ADMIN), Role.ADMIN);
        recruiter = principal(TestApp.user(DATABASE, "rita@agency.example", "Rita", Role.RECRUITER), Role.RECRUITER);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-10T09:00:00Z"));
        ObjectMapper json = Jackson.newObjectMapper();
        JdbiPolicyStore store = new JdbiPolicyStore(
                jdbi,
                json,
                ZoneId.of("Europe/Berlin"),
                clock,
                // Never started, so never live: every read goes to the database.
                new ChangeFeed(new DataSourceFactory()));
        policies = new Policies(
                jdbi,
                store,
                new Audit(
                        new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule()),
                        clock));
    }

    @Test
    void onlyAnAdminChangesThePolicyFromItsCurrentVersionAndTheChangeIsAudited() {
        PolicyDocument read = policies.get();
        PolicyDocument wider = withSpacing(read, Duration.ofDays(9));
        // Other tests of this class change the policy too, in any order: count this test's changes only.
        long auditedBefore = auditedChanges();

        assertProblem(() -> policies.update(recruiter, wider), 403, "FORBIDDEN");
        assertProblem(() -> policies.update(admin, withSpacing(wider, null, null)), 400, "VERSION_REQUIRED");
        PolicyDocument saved = policies.update(admin, wider);

        assertThat(saved.version()).isEqualTo(read.version() + 1);
        assertThat(saved.spacing()).isEqualTo(Duration.ofDays(9));
        assertThat(policies.get()).isEqualTo(saved);
        assertProblem(() -> policies.update(admin, withSpacing(read, Duration.ofDays(3))), 409, "STALE_VERSION");
        assertThat(policies.get().spacing()).isEqualTo(Duration.ofDays(9));
        assertThat(auditedChanges()).isEqualTo(auditedBefore + 1);
    }

    @Test
    void aCountrysPublicHolidaysAreStoredAndCountAsNonBusinessDays() {
        PolicyDocument read = policies.get();

        PolicyDocument saved = policies.update(admin, read.withHolidayCountry("de", "by"));

        assertThat(saved.holidayCountry()).isEqualTo("DE");
        assertThat(saved.holidayRegion()).isEqualTo("by");
        AgencyPolicy policy = saved.toPolicy();
        // Christmas Day 2026 is a Friday, a public holiday all over Germany; Epiphany (Tuesday 6 January 2026) is
        // one in Bavaria only.
        assertThat(policy.calendar().isBusinessDay(LocalDate.parse("2026-12-25")))
                .isFalse();
        assertThat(policy.calendar().isBusinessDay(LocalDate.parse("2026-01-06")))
                .isFalse();
        assertThat(policy.calendar().isBusinessDay(LocalDate.parse("2026-12-22")))
                .isTrue();
        assertThat(policies.get()
                        .withHolidayCountry("DE", null)
                        .toPolicy()
                        .calendar()
                        .isBusinessDay(LocalDate.parse("2026-01-06")))
                .isTrue();

        PolicyDocument cleared = policies.update(admin, policies.get().withHolidayCountry(null, null));
        assertThat(cleared.holidayCountry()).isNull();
        assertThat(cleared.toPolicy().calendar().isBusinessDay(LocalDate.parse("2026-12-25")))
                .isTrue();
    }

    @Test
    void anUnknownCountryOrRegionIsRefusedNamingItsFieldAndLosesNothing() {
        PolicyDocument read = policies.get();

        assertFieldProblem(() -> policies.update(admin, read.withHolidayCountry("XX", null)), "holidayCountry");
        assertFieldProblem(() -> policies.update(admin, read.withHolidayCountry("NYSE", null)), "holidayCountry");
        assertFieldProblem(() -> policies.update(admin, read.withHolidayCountry("DE", "zz")), "holidayRegion");
        assertFieldProblem(() -> policies.update(admin, read.withHolidayCountry(null, "by")), "holidayRegion");
        assertThat(policies.get()).isEqualTo(read);
    }

    @Test
    void theCountriesToPickFromHaveEnglishNamesAndNoExchanges() {
        assertThat(PublicHolidays.countries())
                .extracting(PublicHolidays.Country::code)
                .contains("DE", "GB", "US", "FR")
                .doesNotContain("NYSE", "TARGET");
        assertThat(PublicHolidays.country("DE").orElseThrow().name()).isEqualTo("Germany");
        assertThat(PublicHolidays.country("DE").orElseThrow().regions()).containsEntry("by", "Bavaria");
    }

    private static void assertFieldProblem(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class, problem -> {
            assertThat(problem.problem().status()).isEqualTo(400);
            assertThat(problem.problem().code()).isEqualTo("INVALID_POLICY");
            assertThat(problem.problem().detail()).contains("R6");
            assertThat(problem.problem().errors())
                    .extracting(Problem.FieldError::field)
                    .containsExactly(field);
        });
    }

    private static long auditedChanges() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM audit_log WHERE action = 'policy.updated' AND actor_user_id = :admin")
                .bind("admin", admin.id())
                .mapTo(Long.class)
                .one());
    }

    private static PolicyDocument withSpacing(PolicyDocument document, Duration spacing) {
        return withSpacing(document, spacing, document.version());
    }

    private static PolicyDocument withSpacing(PolicyDocument document, Duration spacing, Integer version) {
        return new PolicyDocument(
                document.zone(),
                document.thankYouDeadline(),
                document.idealWindowStart(),
                document.idealWindowEndDaysLater(),
                document.idealWindowEndTime(),
                document.thankYouChannel(),
                document.debriefWithin(),
                spacing == null ? document.spacing() : spacing,
                document.statusCheckLimit(),
                document.businessDaysAfterDecision(),
                document.statusCheckOpensAt(),
                document.firstStatusCheckChannel(),
                document.laterStatusCheckChannels(),
                document.dueSoon(),
                document.thanksAfterRejectionWindow(),
                document.holidays(),
                document.freeMailDomains(),
                document.noteAdviceWords(),
                document.noteBreachWords(),
                document.noteSimilarityThreshold(),
                document.workingDayEnds(),
                document.holidayCountry(),
                document.holidayRegion(),
                version);
    }

    private static UserPrincipal principal(long id, Role role) {
        return new UserPrincipal(id, "user" + id + "@agency.example", "User " + id, role, Optional.empty());
    }

    private static void assertProblem(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class, problem -> {
            assertThat(problem.problem().status()).isEqualTo(status);
            assertThat(problem.problem().code()).isEqualTo(code);
        });
    }
}
