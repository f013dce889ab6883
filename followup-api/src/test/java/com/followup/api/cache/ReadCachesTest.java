package com.followup.api.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.followup.api.FollowupApplication;
import com.followup.api.FollowupConfiguration;
import com.followup.api.auth.Role;
import com.followup.api.testing.ClockedApplication;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApi.Reply;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Decision 0012: cached answers (token checks, plans, dashboards) are served only until a change is heard, a write is
 * answered here, or the clock reaches the moment the answer changes by itself; without the change feed nothing is
 * cached. Writes "by another server" are made with SQL on a connection of the test's own.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReadCachesTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP =
            TestApp.app(ClockedApplication.class, DATABASE, ConfigOverride.config("notifications.runJobs", "false"));

    static final Instant END = Instant.parse("2026-03-02T16:00:00Z");

    static TestApi api;
    static Jdbi otherServer;
    static TestApi.Bearer admin;
    static long adminId;
    static long interviewId;
    static long contactId;

    @BeforeAll
    static void setUp() {
        ClockedApplication.CLOCK.set(END.plus(Duration.ofMinutes(30)));
        api = TestApp.api(APP);
        otherServer = Jdbi.create(DATABASE::connect);
        adminId = TestApp.user(DATABASE, "admin@agency.test", "Ada Admin", Role.ADMIN);
        TestApi.Session session = api.login("admin@agency.test", TestApp.PASSWORD);
        admin = new TestApi.Bearer(api.post(session, "/api/users/" + adminId + "/tokens", Map.of("name", "tests"))
                .json()
                .get("token")
                .asText());
        long candidateId = created(api.post(
                session,
                "/api/candidates",
                Map.of("name", "Cara Candidate", "email", "cara@example.test", "zone", "Europe/London")));
        TestApp.Interview interview = TestApp.interviewWithOneInterviewer(api, session, candidateId, END);
        contactId = interview.contactId();
        interviewId = interview.interviewId();
    }

    @BeforeEach
    void feedIsLive() throws Exception {
        FollowupApplication application = APP.getApplication();
        if (!application.changes().live()) {
            application.changes().start();
        }
        assertThat(application.changes().live()).isTrue();
        // Each test starts after the previous one's writes have been heard.
        application.changes().awaitChangesHeard(Duration.ofSeconds(5));
    }

    @Test
    void aWriteByAnotherServerIsServedOnceItsNotificationIsHeardAndNotBefore() throws Exception {
        assertThat(thankYouState()).isIn("OPEN", "DUE_SOON");

        // Without its notification the write is not heard: the cached record is still served. This is what shows the
        // answer comes from the cache, and that the trigger is what keeps it right.
        otherServer.useHandle(
                handle -> handle.execute("ALTER TABLE touches DISABLE TRIGGER followup_notify_rows_inserted"));
        try {
            insertThankYouByAnotherServer();
            changes().awaitChangesHeard(Duration.ofSeconds(5));
            assertThat(thankYouState()).isIn("OPEN", "DUE_SOON");
        } finally {
            otherServer.useHandle(
                    handle -> handle.execute("ALTER TABLE touches ENABLE TRIGGER followup_notify_rows_inserted"));
        }

        // Any notified write (here an unrelated company's name) drops the cached answers.
        otherServer.useHandle(handle -> handle.execute("INSERT INTO companies (name) VALUES ('Globex')"));
        changes().awaitChangesHeard(Duration.ofSeconds(5));
        assertThat(thankYouState()).isEqualTo("DONE_ON_TIME");
        otherServer.useHandle(handle -> handle.execute("DELETE FROM touches WHERE interview_id = ?", interviewId));
        changes().awaitChangesHeard(Duration.ofSeconds(5));
        assertThat(thankYouState()).isIn("OPEN", "DUE_SOON");
    }

    @Test
    void aWriteAboutAnotherCandidateLeavesTheCachedPlanAndOneAboutItsOwnDropsIt() throws Exception {
        long otherCandidate = candidate("Otto Other", "otto@example.test");
        long otherInterview = interviewOf(otherCandidate, "Analyst");
        cachePlanThenThankUnheard();
        try {
            // A heard write about another candidate (issue 18: it used to drop every cached answer).
            otherServer.useHandle(handle -> handle.execute(
                    "INSERT INTO touches (interview_id, kind, channel, recipient_id, address, sent_at, created_by)"
                            + " VALUES (?, 'THANK_YOU', 'EMAIL', ?, 'x@example.test', ?, ?)",
                    otherInterview,
                    contactId,
                    java.sql.Timestamp.from(END.plus(Duration.ofMinutes(30))),
                    adminId));
            changes().awaitChangesHeard(Duration.ofSeconds(5));
            assertThat(thankYouState()).as("still the cached plan").isIn("OPEN", "DUE_SOON");

            // A heard write about Cara's interview drops it.
            otherServer.useHandle(handle ->
                    handle.execute("UPDATE touches SET subject = 'Thanks' WHERE interview_id = ?", interviewId));
            changes().awaitChangesHeard(Duration.ofSeconds(5));
            assertThat(thankYouState()).isEqualTo("DONE_ON_TIME");
        } finally {
            otherServer.useHandle(handle -> handle.execute("DELETE FROM touches WHERE interview_id = ?", interviewId));
        }
    }

    /**
     * Changeset 0028: a statement that changes more than 200 interviews is heard as several row notifications instead
     * of as its table. The caches drop the plans it changed, the last of its 301 interviews included, and keep another
     * candidate's (it used to drop every cached answer).
     */
    @Test
    void aStatementThatChangesManyInterviewsDropsTheirPlansAndLeavesAnotherCandidatesCachedPlan() throws Exception {
        long bulkCandidate = candidate("Bea Bulk", "bea@example.test");
        long copied = interviewOf(bulkCandidate, "Analyst");
        long last = otherServer.withHandle(handle -> handle
                .createQuery(
                        """
                        WITH copies AS (
                            INSERT INTO interviews (candidate_id, company_id, role, starts_at, ends_at, format)
                            SELECT candidate_id, company_id, role || ' ' || n, starts_at, ends_at, format
                              FROM interviews, generate_series(1, 300) AS n WHERE id = :id
                            RETURNING id)
                        INSERT INTO interview_interviewers (interview_id, contact_id, position)
                        SELECT id, :contact, 0 FROM copies
                        RETURNING interview_id
                        """)
                .bind("id", copied)
                .bind("contact", contactId)
                .mapTo(Long.class)
                .stream()
                .max(Long::compare)
                .orElseThrow());
        cachePlanThenThankUnheard();
        Instant debrief = debriefDeadline(last);
        try {
            otherServer.useHandle(handle -> handle.execute(
                    "UPDATE interviews SET starts_at = starts_at + interval '1 hour',"
                            + " ends_at = ends_at + interval '1 hour' WHERE candidate_id = ?",
                    bulkCandidate));
            changes().awaitChangesHeard(Duration.ofSeconds(5));
            assertThat(debriefDeadline(last)).isEqualTo(debrief.plus(Duration.ofHours(1)));
            assertThat(thankYouState()).as("still the cached plan").isIn("OPEN", "DUE_SOON");
        } finally {
            otherServer.useHandle(handle -> {
                handle.execute("DELETE FROM touches WHERE interview_id = ?", interviewId);
                handle.execute("DELETE FROM interviews WHERE candidate_id = ?", bulkCandidate);
            });
        }
    }

    /**
     * Changeset 0025: a cached plan record is about one interview and its candidate's own row. A heard write to the
     * candidate's other interview leaves it; one to the candidate's row (a new name) drops it.
     */
    @Test
    void aWriteToTheCandidatesOtherInterviewLeavesTheCachedPlanAndOneToTheCandidateDropsIt() throws Exception {
        long candidateId = otherServer.withHandle(
                handle -> handle.createQuery("SELECT candidate_id FROM interviews WHERE id = :id")
                        .bind("id", interviewId)
                        .mapTo(Long.class)
                        .one());
        long sibling = interviewOf(candidateId, "Second round");
        String name = otherServer.withHandle(handle -> handle.createQuery("SELECT name FROM candidates WHERE id = :id")
                .bind("id", candidateId)
                .mapTo(String.class)
                .one());
        cachePlanThenThankUnheard();
        try {
            // A heard write to the same candidate's other interview (it used to drop all of Cara's plans).
            otherServer.useHandle(handle ->
                    handle.execute("UPDATE interviews SET role = 'Second round, platform' WHERE id = ?", sibling));
            changes().awaitChangesHeard(Duration.ofSeconds(5));
            assertThat(thankYouState()).as("still the cached plan").isIn("OPEN", "DUE_SOON");

            // A heard write to Cara's own row drops it: the plan shows her name and zone.
            otherServer.useHandle(handle ->
                    handle.execute("UPDATE candidates SET name = name || ' Jones' WHERE id = ?", candidateId));
            changes().awaitChangesHeard(Duration.ofSeconds(5));
            assertThat(thankYouState()).isEqualTo("DONE_ON_TIME");
        } finally {
            otherServer.useHandle(handle -> {
                handle.execute("DELETE FROM touches WHERE interview_id = ?", interviewId);
                handle.execute("DELETE FROM interviews WHERE id = ?", sibling);
                handle.execute("UPDATE candidates SET name = ? WHERE id = ?", name, candidateId);
            });
        }
    }

    @Test
    void aWriteAnsweredHereIsSeenByTheNextRequestWithoutWaiting() {
        assertThat(thankYouState()).isIn("OPEN", "DUE_SOON");
        logThankYouHere();
        try {
            assertThat(thankYouState()).isEqualTo("DONE_ON_TIME");
            // Logging the touch also stored the interview's plan summary (decision 0009): no dashboard has to refresh
            // it.
            assertThat((boolean) otherServer.withHandle(handle -> handle.createQuery(
                                    "SELECT summary_generation = input_generation FROM plan_summaries"
                                            + " WHERE interview_id = :id")
                            .bind("id", interviewId)
                            .mapTo(Boolean.class)
                            .one()))
                    .isTrue();
        } finally {
            otherServer.useHandle(handle -> handle.execute("DELETE FROM touches WHERE interview_id = ?", interviewId));
        }
    }

    /**
     * A touch logged here marks this server's cached answers about its candidate when it commits, for every user, so
     * its request is answered without waiting for the database's notification (issue 18): with the touches' trigger
     * off, nothing is notified, and another user's next plan still shows the touch.
     */
    @Test
    void aTouchLoggedHereIsSeenAtOnceByAnotherUserWithoutItsNotification() throws Exception {
        long readerId = TestApp.user(DATABASE, "reader@agency.test", "Rita Reader", Role.ADMIN);
        TestApi.Bearer reader = new TestApi.Bearer(api.post(
                        api.login("reader@agency.test", TestApp.PASSWORD),
                        "/api/users/" + readerId + "/tokens",
                        Map.of("name", "reader"))
                .json()
                .get("token")
                .asText());
        changes().awaitChangesHeard(Duration.ofSeconds(5));
        assertThat(thankYouState(reader)).isIn("OPEN", "DUE_SOON");
        otherServer.useHandle(
                handle -> handle.execute("ALTER TABLE touches DISABLE TRIGGER followup_notify_rows_inserted"));
        try {
            logThankYouHere();
            assertThat(thankYouState(reader)).isEqualTo("DONE_ON_TIME");
        } finally {
            otherServer.useHandle(handle -> {
                handle.execute("ALTER TABLE touches ENABLE TRIGGER followup_notify_rows_inserted");
                handle.execute("DELETE FROM touches WHERE interview_id = ?", interviewId);
            });
        }
    }

    /**
     * Decision 0042: a touch logged here leaves this server's kept record of the interview as its writer built it, for
     * the other users who had it, and the touch's own notification does not drop it; the next write heard about the
     * interview does. A change that nobody hears shows which record is served: with the written one kept, the change
     * stays unseen until another write is heard (without decision 0042 the reader reads the record again at once).
     */
    @Test
    void aTouchLoggedHereIsKeptAsWrittenForOtherReadersUntilAnotherWriteIsHeard() throws Exception {
        TestApi.Bearer keeper = bearer("keeper@agency.test", "Kim Keeper");
        TestApi.Bearer comparer = bearer("comparer@agency.test", "Kai Comparer");
        // Made before the touch: a new user or token is a change of a whole table, after which nothing kept is served.
        TestApi.Bearer newcomer = bearer("newcomer@agency.test", "Nia Newcomer");
        changes().awaitChangesHeard(Duration.ofSeconds(5));
        assertThat(thankYouState(keeper)).isIn("OPEN", "DUE_SOON"); // kept for Kim now
        assertThat(thankYouState(comparer)).isIn("OPEN", "DUE_SOON"); // and for Kai
        logThankYouHere();
        changes().awaitChangesHeard(Duration.ofSeconds(5)); // the touch's own notification has been heard
        try {
            // The record as written is the record as read: Kai's plan and a newcomer's, at the same instant.
            String at = "?at=" + END.plus(Duration.ofHours(2));
            JsonNode kept = api.get(comparer, "/api/interviews/" + interviewId + "/plan" + at)
                    .json();
            assertThat(kept.toString()).contains("DONE_ON_TIME");
            assertThat(api.get(newcomer, "/api/interviews/" + interviewId + "/plan" + at)
                            .json())
                    .isEqualTo(kept);

            // The thank-you taken away where nobody hears it: Kim is still served the record as written.
            otherServer.useHandle(handle -> {
                handle.execute("ALTER TABLE touches DISABLE TRIGGER followup_notify_rows_deleted");
                try {
                    handle.execute("DELETE FROM touches WHERE interview_id = ?", interviewId);
                } finally {
                    handle.execute("ALTER TABLE touches ENABLE TRIGGER followup_notify_rows_deleted");
                }
            });
            assertThat(thankYouState(keeper)).as("the record as written").isEqualTo("DONE_ON_TIME");

            // Any other write heard about the interview: read again.
            otherServer.useHandle(
                    handle -> handle.execute("UPDATE interviews SET role = role WHERE id = ?", interviewId));
            changes().awaitChangesHeard(Duration.ofSeconds(5));
            assertThat(thankYouState(keeper)).isIn("OPEN", "DUE_SOON");
        } finally {
            otherServer.useHandle(handle -> handle.execute("DELETE FROM touches WHERE interview_id = ?", interviewId));
        }
    }

    /** A new admin's bearer token. */
    private static TestApi.Bearer bearer(String email, String name) {
        long id = TestApp.user(DATABASE, email, name, Role.ADMIN);
        return new TestApi.Bearer(
                api.post(api.login(email, TestApp.PASSWORD), "/api/users/" + id + "/tokens", Map.of("name", "tests"))
                        .json()
                        .get("token")
                        .asText());
    }

    @Test
    void aNoteCheckIsNotAWriteButLoggingATouchIs() throws Exception {
        assertThat(thankYouState()).isIn("OPEN", "DUE_SOON");
        otherServer.useHandle(
                handle -> handle.execute("ALTER TABLE touches DISABLE TRIGGER followup_notify_rows_inserted"));
        try {
            insertThankYouByAnotherServer();
            Reply checked = api.post(
                    admin,
                    "/api/interviews/" + interviewId + "/note-check",
                    Map.of("recipientId", contactId, "text", "Thank you for the conversation about the platform."));
            assertThat(checked.status()).isEqualTo(200);
            assertThat(thankYouState()).as("still the cached plan").isIn("OPEN", "DUE_SOON");

            Reply extra = api.post(
                    admin,
                    "/api/interviews/" + interviewId + "/touches",
                    Map.of(
                            "kind",
                            "EXTRA_INFORMATION",
                            "channel",
                            "EMAIL",
                            "recipientId",
                            contactId,
                            "sentAt",
                            END.plus(Duration.ofMinutes(25)).toString()));
            assertThat(extra.status()).isEqualTo(201);
            assertThat(thankYouState()).isEqualTo("DONE_ON_TIME");
        } finally {
            otherServer.useHandle(handle -> {
                handle.execute("ALTER TABLE touches ENABLE TRIGGER followup_notify_rows_inserted");
                handle.execute("DELETE FROM touches WHERE interview_id = ?", interviewId);
            });
        }
    }

    @Test
    void aCachedDashboardLastsOnlyUntilOneOfItsPlansChangesStateByItself() throws Exception {
        changes().awaitChangesHeard(Duration.ofSeconds(5));
        Instant before = ClockedApplication.CLOCK.instant();
        try {
            JsonNode now = api.get(admin, "/api/dashboard").json().get("counts");
            assertThat(api.get(admin, "/api/dashboard").json().get("counts")).isEqualTo(now);
            assertThat(now.get("overdue").asLong()).isZero();

            // Past the 48 hours of R1, with no write in between: the thank-you is overdue.
            ClockedApplication.CLOCK.set(END.plus(Duration.ofHours(49)));
            JsonNode later = api.get(admin, "/api/dashboard").json().get("counts");
            assertThat(later.get("overdue").asLong() + later.get("breaches").asLong())
                    .isGreaterThan(0);
        } finally {
            ClockedApplication.CLOCK.set(before);
        }
    }

    /**
     * A plan read again within a second of the last (on the application's clock), from the same record and policy, is
     * the same answer, its {@code evaluatedAt} included (issue 18, decision 0041); a second later, an earlier instant,
     * or a write to the interview, and it is evaluated again.
     */
    @Test
    void aPlanReadAgainWithinASecondIsTheSameAnswerAndAfterItOrAWriteIsEvaluatedAgain() throws Exception {
        changes().awaitChangesHeard(Duration.ofSeconds(5));
        Instant before = ClockedApplication.CLOCK.instant();
        try {
            JsonNode first = plan();
            assertThat(Instant.parse(first.get("evaluatedAt").asText())).isEqualTo(before);
            ClockedApplication.CLOCK.set(before.plusMillis(999));
            assertThat(plan()).isEqualTo(first);

            ClockedApplication.CLOCK.set(before.plusSeconds(1));
            JsonNode second = plan();
            assertThat(Instant.parse(second.get("evaluatedAt").asText())).isEqualTo(before.plusSeconds(1));
            ClockedApplication.CLOCK.set(before.plusMillis(500));
            assertThat(Instant.parse(plan().get("evaluatedAt").asText())).isEqualTo(before.plusMillis(500));

            // A touch logged here within the second: the next plan is evaluated from the new record.
            assertThat(thankYouState()).isIn("OPEN", "DUE_SOON");
            logThankYouHere();
            JsonNode afterTouch = plan();
            assertThat(Instant.parse(afterTouch.get("evaluatedAt").asText())).isEqualTo(before.plusMillis(500));
            assertThat(thankYouState()).isEqualTo("DONE_ON_TIME");

            // A write by another server, heard within the second, likewise.
            otherServer.useHandle(handle -> handle.execute("DELETE FROM touches WHERE interview_id = ?", interviewId));
            changes().awaitChangesHeard(Duration.ofSeconds(5));
            assertThat(thankYouState()).isIn("OPEN", "DUE_SOON");
        } finally {
            ClockedApplication.CLOCK.set(before);
            otherServer.useHandle(handle -> handle.execute("DELETE FROM touches WHERE interview_id = ?", interviewId));
        }
    }

    /**
     * The plan now is written once with the application's mapper and kept with the plan (decision 0041): its text is
     * the text Jersey writes for the same plan asked for at the same instant with {@code at}, which is never kept.
     */
    @Test
    void theKeptPlanIsWrittenAsJerseyWritesTheSamePlan() throws Exception {
        changes().awaitChangesHeard(Duration.ofSeconds(5));
        Reply now = api.get(admin, "/api/interviews/" + interviewId + "/plan");
        assertThat(now.status()).isEqualTo(200);
        assertThat(now.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        Reply again = api.get(admin, "/api/interviews/" + interviewId + "/plan");
        Reply at = api.get(
                admin,
                "/api/interviews/" + interviewId + "/plan?at="
                        + now.json().get("evaluatedAt").asText());
        assertThat(at.status()).isEqualTo(200);
        assertThat(again.raw().body()).isEqualTo(now.raw().body());
        assertThat(at.raw().body()).isEqualTo(now.raw().body());
    }

    @Test
    void aTokenRevokedByAnotherServerStopsWorkingWhenHeard() throws Exception {
        TestApi.Session session = api.login("admin@agency.test", TestApp.PASSWORD);
        Reply issued = api.post(session, "/api/users/" + adminId + "/tokens", Map.of("name", "to revoke"));
        TestApi.Bearer bearer = new TestApi.Bearer(issued.json().get("token").asText());
        assertThat(api.get(bearer, "/api/dashboard").status()).isEqualTo(200);

        otherServer.useHandle(handle -> handle.execute(
                "UPDATE api_tokens SET revoked_at = now() WHERE id = ?",
                issued.json().get("id").asLong()));
        changes().awaitChangesHeard(Duration.ofSeconds(5));
        assertThat(api.get(bearer, "/api/dashboard").status()).isEqualTo(401);
    }

    @Test
    void aPolicyChangedWithSqlIsUsedByTheNextPlanOnceHeard() throws Exception {
        assertThat(thankYouDeadline()).isEqualTo(END.plus(Duration.ofHours(48)));
        String stored = otherServer.withHandle(
                handle -> handle.createQuery("SELECT settings::text FROM agency_policy WHERE id = 1")
                        .mapTo(String.class)
                        .one());
        // The API's document of the policy in force, with R1's deadline moved from 48 to 72 hours.
        ObjectNode changed = (ObjectNode) api.get(admin, "/api/policy").json();
        changed.put("thankYouDeadline", "PT72H");
        changed.remove("version");
        try {
            // Unheard (the trigger is off), the change is not seen: the policy is served from the cache.
            otherServer.useHandle(
                    handle -> handle.execute("ALTER TABLE agency_policy DISABLE TRIGGER followup_notify_change"));
            try {
                storePolicyByAnotherServer(changed.toString());
                changes().awaitChangesHeard(Duration.ofSeconds(5));
                assertThat(thankYouDeadline()).isEqualTo(END.plus(Duration.ofHours(48)));
            } finally {
                otherServer.useHandle(
                        handle -> handle.execute("ALTER TABLE agency_policy ENABLE TRIGGER followup_notify_change"));
            }

            // The same change, notified: the next plan uses it, with no time-to-live to wait out.
            storePolicyByAnotherServer(changed.toString());
            changes().awaitChangesHeard(Duration.ofSeconds(5));
            assertThat(thankYouDeadline()).isEqualTo(END.plus(Duration.ofHours(72)));
        } finally {
            storePolicyByAnotherServer(stored);
            changes().awaitChangesHeard(Duration.ofSeconds(5));
        }
        assertThat(thankYouDeadline()).isEqualTo(END.plus(Duration.ofHours(48)));
    }

    @Test
    void withoutTheChangeFeedEveryReadGoesToTheDatabase() throws Exception {
        assertThat(thankYouState()).isIn("OPEN", "DUE_SOON");
        assertThat(feedHealth()).startsWith("Listening");
        changes().stop();
        assertThat(changes().live()).isFalse();
        assertThat(feedHealth()).startsWith("Not listening");
        // Not notified (the trigger is off) and not answered here: only a read from the database can see it.
        otherServer.useHandle(
                handle -> handle.execute("ALTER TABLE touches DISABLE TRIGGER followup_notify_rows_inserted"));
        try {
            insertThankYouByAnotherServer();
            assertThat(thankYouState()).isEqualTo("DONE_ON_TIME");
        } finally {
            otherServer.useHandle(handle -> {
                handle.execute("ALTER TABLE touches ENABLE TRIGGER followup_notify_rows_inserted");
                handle.execute("DELETE FROM touches WHERE interview_id = ?", interviewId);
            });
        }
    }

    /** The change feed's health-check message, as the admin port's /healthcheck reports it. */
    private static String feedHealth() {
        return APP.getEnvironment().healthChecks().runHealthCheck("change-feed").getMessage();
    }

    private static ChangeFeed changes() {
        FollowupApplication application = APP.getApplication();
        return application.changes();
    }

    private static long companyIdOf(long interview) {
        return otherServer.withHandle(handle -> handle.createQuery("SELECT company_id FROM interviews WHERE id = :id")
                .bind("id", interview)
                .mapTo(Long.class)
                .one());
    }

    /** A thank-you to Cara's interviewer logged through this server's API, as the admin. */
    private static void logThankYouHere() {
        Reply logged = api.post(
                admin,
                "/api/interviews/" + interviewId + "/touches",
                Map.of(
                        "kind", "THANK_YOU",
                        "channel", "EMAIL",
                        "recipientId", contactId,
                        "sentAt", END.plus(Duration.ofMinutes(20)).toString(),
                        "text", "Thank you for the conversation about the platform team."));
        assertThat(logged.status()).isEqualTo(201);
    }

    /**
     * Once every write so far is heard, Cara's plan is read (and cached) with its thank-you still to do; then a thank-you
     * is inserted that no server hears, so only a dropped plan shows it.
     */
    private static void cachePlanThenThankUnheard() throws Exception {
        changes().awaitChangesHeard(Duration.ofSeconds(5));
        assertThat(thankYouState()).isIn("OPEN", "DUE_SOON");
        insertThankYouUnheard();
    }

    /** A new candidate in London, created through this server's API as the admin. */
    private static long candidate(String name, String email) {
        return created(
                api.post(admin, "/api/candidates", Map.of("name", name, "email", email, "zone", "Europe/London")));
    }

    /** An interview of {@code candidateId} at the same company and time as Cara's, with the same interviewer. */
    private static long interviewOf(long candidateId, String role) {
        return created(api.post(
                admin,
                "/api/interviews",
                Map.of(
                        "candidateId", candidateId,
                        "companyId", companyIdOf(interviewId),
                        "role", role,
                        "start", END.minus(Duration.ofHours(1)).toString(),
                        "end", END.toString(),
                        "format", "VIDEO",
                        "interviewers", List.of(Map.of("contactId", contactId)))));
    }

    /** {@link #insertThankYouByAnotherServer} with the touches' notification off: nobody hears it. */
    private static void insertThankYouUnheard() {
        otherServer.useHandle(
                handle -> handle.execute("ALTER TABLE touches DISABLE TRIGGER followup_notify_rows_inserted"));
        try {
            insertThankYouByAnotherServer();
        } finally {
            otherServer.useHandle(
                    handle -> handle.execute("ALTER TABLE touches ENABLE TRIGGER followup_notify_rows_inserted"));
        }
    }

    private static void insertThankYouByAnotherServer() {
        otherServer.useHandle(handle -> handle.execute(
                """
                INSERT INTO touches (interview_id, kind, channel, recipient_id, address, sent_at, text, created_by)
                VALUES (?, 'THANK_YOU', 'EMAIL', ?, 'ivy@acme.test', ?, 'Thank you for the conversation.', ?)
                """,
                interviewId,
                contactId,
                java.sql.Timestamp.from(END.plus(Duration.ofMinutes(20))),
                adminId));
    }

    private static void storePolicyByAnotherServer(String settings) {
        otherServer.useHandle(handle -> handle.execute(
                "UPDATE agency_policy SET settings = CAST(? AS jsonb), version = version + 1 WHERE id = 1", settings));
    }

    private static Instant thankYouDeadline() {
        return OffsetDateTime.parse(thankYouStep().get("deadline").asText()).toInstant();
    }

    private static String thankYouState() {
        return thankYouState(admin);
    }

    private static String thankYouState(TestApi.Bearer caller) {
        return thankYouStep(caller).get("state").asText();
    }

    private static JsonNode thankYouStep() {
        return thankYouStep(admin);
    }

    private static JsonNode plan() {
        Reply plan = api.get(admin, "/api/interviews/" + interviewId + "/plan");
        assertThat(plan.status()).isEqualTo(200);
        return plan.json();
    }

    private static Instant debriefDeadline(long interview) {
        Reply plan = api.get(admin, "/api/interviews/" + interview + "/plan");
        assertThat(plan.status()).isEqualTo(200);
        for (JsonNode step : plan.json().get("steps")) {
            if (step.get("kind").asText().equals("DEBRIEF")) {
                return OffsetDateTime.parse(step.get("deadline").asText()).toInstant();
            }
        }
        throw new AssertionError("no debrief step in " + plan.json());
    }

    private static JsonNode thankYouStep(TestApi.Bearer caller) {
        Reply plan = api.get(caller, "/api/interviews/" + interviewId + "/plan");
        assertThat(plan.status()).isEqualTo(200);
        for (JsonNode step : plan.json().get("steps")) {
            if (step.get("kind").asText().equals("THANK_YOU")) {
                return step;
            }
        }
        throw new AssertionError("no thank-you step in " + plan.json());
    }

    private static long created(Reply reply) {
        return TestApp.created(reply);
    }
}
