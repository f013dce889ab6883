package com.followup.api.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.privacy.Retention.Due;
import com.followup.api.privacy.Retention.RetentionPolicyRequest;
import com.followup.api.problem.ProblemException;
import com.followup.api.testing.MutableClock;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retention on generated people with a clock the test moves: who the preview lists and when, who the daily pass
 * erases, that it runs once a day however often it is woken and on one server at a time.
 */
class RetentionTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    private static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");
    private static final MutableClock CLOCK = new MutableClock(NOW);

    private static Jdbi jdbi;
    private static Retention retention;
    private static UserPrincipal admin;
    private static long company;
    private static long recruiter;

    @BeforeAll
    static void agency() {
        jdbi = TestApp.jdbi(DATABASE);
        jdbi.installPlugin(new PostgresPlugin());
        long adminId = TestApp.user(jdbi, "retention-admin@agency.example", "Rita Admin", Role.ADMIN);
        recruiter = TestApp.user(jdbi, "retention-recruiter@agency.example", "Rolf Recruiter", Role.RECRUITER);
        admin = new UserPrincipal(adminId, "retention-admin@agency.example", "Rita", Role.ADMIN, Optional.empty());
        ObjectMapper json = new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule());
        Audit audit = new Audit(json, CLOCK);
        retention = new Retention(jdbi, new Erasures(jdbi, audit, CLOCK), audit, CLOCK);
        company = jdbi.withHandle(
                handle -> handle.createQuery("INSERT INTO companies (name) VALUES ('Retention GmbH') RETURNING id")
                        .mapTo(Long.class)
                        .one());
    }

    /** A candidate created long ago whose one interview, with its interviewer, ended {@code monthsAgo} months ago. */
    private static long[] candidateLastSeen(String name, int monthsAgo) {
        return candidateLastSeen(name, monthsAgo, 0);
    }

    /** As above, the interview {@code daysLater} days after the months ago. */
    private static long[] candidateLastSeen(String name, int monthsAgo, int daysLater) {
        Instant end = NOW.atOffset(ZoneOffset.UTC)
                .minusMonths(monthsAgo)
                .plusDays(daysLater)
                .toInstant();
        return jdbi.inTransaction(handle -> {
            long candidate = insert(
                    handle,
                    "INSERT INTO candidates (name, email, zone, created_at) VALUES (:name, :email, 'Europe/Berlin',"
                            + " :created) RETURNING id",
                    name,
                    end.minus(Duration.ofDays(400)));
            long contact = insert(
                    handle,
                    "INSERT INTO contacts (company_id, name, role, created_at) VALUES (" + company
                            + ", :name || ' Interviewer', 'INTERVIEWER', :created) RETURNING id",
                    name,
                    end.minus(Duration.ofDays(400)));
            long interview = handle.createQuery(
                            """
                            INSERT INTO interviews (candidate_id, company_id, role, starts_at, ends_at, format)
                            VALUES (:candidate, :company, 'Engineer', :start, :end, 'VIDEO') RETURNING id
                            """)
                    .bind("candidate", candidate)
                    .bind("company", company)
                    .bind("start", end.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC))
                    .bind("end", end.atOffset(ZoneOffset.UTC))
                    .mapTo(Long.class)
                    .one();
            handle.createUpdate(
                            "INSERT INTO interview_interviewers (interview_id, contact_id, position) VALUES (:i, :c, 0)")
                    .bind("i", interview)
                    .bind("c", contact)
                    .execute();
            handle.createUpdate("INSERT INTO recruiter_assignments (candidate_id, recruiter_id) VALUES (:c, :r)")
                    .bind("c", candidate)
                    .bind("r", recruiter)
                    .execute();
            return new long[] {candidate, contact};
        });
    }

    private static long insert(Handle handle, String sql, String name, Instant created) {
        return handle.createQuery(sql)
                .bind("name", name)
                .bind("email", name.toLowerCase().replace(' ', '.') + "@example.net")
                .bind("created", created.atOffset(ZoneOffset.UTC))
                .mapTo(Long.class)
                .one();
    }

    private static String nameOf(String table, long id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT name FROM " + table + " WHERE id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .one());
    }

    @Test
    void thePreviewListsWhoIsPastThePolicyAndTheDailyPassErasesThemOnce() throws Exception {
        long[] longGone = candidateLastSeen("Gina Gone", 30);
        long[] justPast = candidateLastSeen("Paul Past", 24);
        long[] nextWeek = candidateLastSeen("Nina Nextweek", 24, 7);
        long[] recent = candidateLastSeen("Rosa Recent", 6);
        // A touch last month keeps a candidate whose interview was long ago.
        long[] active = candidateLastSeen("Theo Touched", 36);
        jdbi.useHandle(handle -> handle.createUpdate(
                        """
                        INSERT INTO touches (interview_id, kind, channel, recipient_id, address, sent_at, created_by)
                        SELECT i.id, 'STATUS_CHECK', 'EMAIL', ii.contact_id, 'x@retention.example', :sent, :by
                        FROM interviews i JOIN interview_interviewers ii ON ii.interview_id = i.id
                        WHERE i.candidate_id = :candidate
                        """)
                .bind("sent", NOW.minus(Duration.ofDays(30)).atOffset(ZoneOffset.UTC))
                .bind("by", recruiter)
                .bind("candidate", active[0])
                .execute());

        Retention.Preview preview = retention.preview(admin);

        List<String> listed =
                preview.due().stream().map(due -> due.kind() + ":" + due.name()).toList();
        assertThat(listed)
                .contains(
                        "candidate:Gina Gone",
                        "contact:Gina Gone Interviewer",
                        "candidate:Paul Past",
                        "candidate:Nina Nextweek",
                        // The candidate was in touch last month; the interviewer was last seen three years ago.
                        "contact:Theo Touched Interviewer")
                .doesNotContain("candidate:Rosa Recent", "candidate:Theo Touched");
        Due nina = preview.due().stream()
                .filter(due -> due.name().equals("Nina Nextweek"))
                .findFirst()
                .orElseThrow();
        assertThat(nina.erasedFrom()).isAfter(NOW).isBefore(NOW.plus(Retention.PREVIEW_AHEAD));

        int erased = retention.pass();

        // Gina and Paul and their interviewers, 24 months after the interview, and Theo's interviewer.
        assertThat(erased).isEqualTo(5);
        assertThat(nameOf("candidates", longGone[0])).isEqualTo("Erased candidate #" + longGone[0]);
        assertThat(nameOf("contacts", longGone[1])).isEqualTo("Erased contact #" + longGone[1]);
        assertThat(nameOf("candidates", justPast[0])).isEqualTo("Erased candidate #" + justPast[0]);
        assertThat(nameOf("candidates", nextWeek[0])).isEqualTo("Nina Nextweek");
        assertThat(nameOf("candidates", recent[0])).isEqualTo("Rosa Recent");
        assertThat(nameOf("candidates", active[0])).isEqualTo("Theo Touched");
        long audited = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM audit_log WHERE action = 'privacy.erased' AND actor_user_id IS NULL"
                                + " AND details ->> 'via' = 'RETENTION'")
                .mapTo(Long.class)
                .one());
        assertThat(audited).isEqualTo(5);

        // Woken again the same day, or a week later within the day's window: nothing more until a day has passed.
        CLOCK.advance(Duration.ofHours(6));
        assertThat(retention.pass()).isZero();
        CLOCK.advance(Duration.ofDays(7));
        assertThat(retention.pass()).isEqualTo(2); // Nina and her interviewer, now past 24 months.
        assertThat(nameOf("candidates", nextWeek[0])).isEqualTo("Erased candidate #" + nextWeek[0]);
        assertThat(nameOf("candidates", recent[0])).isEqualTo("Rosa Recent");
        CLOCK.set(NOW);
    }

    @Test
    void twoServersRunThePassOneAtATime() throws Exception {
        // One server holds the pass's lock: the other's pass does nothing and says so.
        try (Handle holder = jdbi.open()) {
            holder.execute("SELECT pg_advisory_lock(?)", Retention.LOCK_KEY);
            // Long after any earlier pass, so only the lock can hold this one back.
            CLOCK.set(NOW.plus(Duration.ofDays(60)));
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                CountDownLatch started = new CountDownLatch(1);
                Future<Integer> pass = other.submit(() -> {
                    started.countDown();
                    return retention.pass();
                });
                started.await();
                assertThat(pass.get()).isZero();
                Optional<Instant> lastRun = retention.policy(admin).lastRunAt();
                assertThat(lastRun.orElse(NOW)).isBefore(CLOCK.instant().minus(Duration.ofDays(1)));
            } finally {
                CLOCK.set(NOW);
                other.shutdownNow();
                holder.createQuery("SELECT pg_advisory_unlock(:key)")
                        .bind("key", Retention.LOCK_KEY)
                        .mapTo(Boolean.class)
                        .one();
            }
        }
    }

    @Test
    void anAdminChangesThePolicyWithItsVersionAndNoOneElseDoes() {
        Retention.RetentionPolicy before = retention.policy(admin);
        assertThat(before.candidateMonths()).isEqualTo(24);

        assertThatThrownBy(() -> retention.update(admin, new RetentionPolicyRequest(0, 24, true, before.version())))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().status()).isEqualTo(400));
        Retention.RetentionPolicy after =
                retention.update(admin, new RetentionPolicyRequest(36, 12, true, before.version()));
        assertThat(after.candidateMonths()).isEqualTo(36);
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThatThrownBy(() -> retention.update(admin, new RetentionPolicyRequest(24, 24, true, before.version())))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().status()).isEqualTo(409));
        UserPrincipal recruiterCaller = new UserPrincipal(
                recruiter, "retention-recruiter@agency.example", "R", Role.RECRUITER, Optional.empty());
        assertThatThrownBy(() -> retention.preview(recruiterCaller)).isInstanceOf(ProblemException.class);
        retention.update(admin, new RetentionPolicyRequest(24, 24, true, after.version()));
    }
}
