package com.followup.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followup.api.FollowupApplication;
import com.followup.api.FollowupConfiguration;
import com.followup.api.auth.Role;
import com.followup.api.cache.ChangeFeed;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.mail.SmtpMailSender;
import com.followup.api.policy.JdbiPolicyStore;
import com.followup.api.testing.ClockedApplication;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApp;
import com.followup.api.testing.TestMail;
import com.followup.core.rules.PlanEvaluator;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * E-mail end to end: the whole application on a controlled clock, a real PostgreSQL and a real in-process SMTP server
 * (GreenMail). The planner and the sender are run by the test, at the instants it chooses, instead of by their timer.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationsTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final int SMTP_PORT = freePort();
    static final GreenMail SMTP = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static final DropwizardAppExtension<FollowupConfiguration> APP = new DropwizardAppExtension<>(
            ClockedApplication.class,
            ResourceHelpers.resourceFilePath("followup-test.yml"),
            ConfigOverride.config("database.url", () -> DATABASE.jdbcUrl()),
            ConfigOverride.config(
                    "database.user", () -> DATABASE.database().userName().orElse("")),
            ConfigOverride.config(
                    "database.password",
                    () -> DATABASE.database().userPassword().orElse("")),
            ConfigOverride.config("agency.zone", "Europe/London"),
            ConfigOverride.config("smtp.host", "127.0.0.1"),
            ConfigOverride.config("smtp.port", String.valueOf(SMTP_PORT)),
            ConfigOverride.config("smtp.timeout", "PT5S"),
            ConfigOverride.config("notifications.runJobs", "false"),
            ConfigOverride.config("notifications.portalBaseUrl", "http://portal.test"));

    // Europe/London is on UTC until 29 March 2026: local times below equal the UTC ones.
    static final Instant END = Instant.parse("2026-03-02T22:00:00Z");
    static final String CANDIDATE_EMAIL = "cara@example.test";

    static TestApi api;
    static long interviewId;
    static long contactId;
    static long candidateUserId;
    static long candidateId;

    @BeforeAll
    static void setUp() {
        SMTP.start();
        ClockedApplication.CLOCK.set(END.plus(Duration.ofMinutes(30)));
        api = TestApp.api(APP);
        TestApp.user(DATABASE, "admin@agency.test", "Ada Admin", Role.ADMIN);
        candidateUserId = TestApp.user(DATABASE, CANDIDATE_EMAIL, "Cara Candidate", Role.CANDIDATE);
        TestApi.Session admin = admin();
        candidateId = created(api.post(
                admin,
                "/api/candidates",
                Map.of(
                        "name",
                        "Cara Candidate",
                        "email",
                        CANDIDATE_EMAIL,
                        "zone",
                        "Europe/London",
                        "userId",
                        candidateUserId)));
        TestApp.Interview interview = TestApp.interviewWithOneInterviewer(api, admin, candidateId, END);
        contactId = interview.contactId();
        interviewId = interview.interviewId();
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Test
    @Order(1)
    void remindersGoOutAtSensibleLocalHoursAndADeadlineWithinHoursBreaksTheOneDigestADayRule() throws Exception {
        // 22:30 local: the thank-you and the debrief opened, but it is night. The digest waits for 08:00.
        runAt("2026-03-02T22:30:00Z");
        assertThat(mailsTo(CANDIDATE_EMAIL)).isEmpty();
        runAt("2026-03-03T07:59:00Z");
        assertThat(mailsTo(CANDIDATE_EMAIL)).isEmpty();

        runAt("2026-03-03T08:00:00Z");
        List<MimeMessage> first = mailsTo(CANDIDATE_EMAIL);
        assertThat(first).hasSize(1);
        String body = GreenMailUtil.getBody(first.get(0));
        assertThat(first.get(0).getSubject()).isEqualTo("Your follow-ups today: 2 things to do");
        assertThat(body)
                .contains("Thank Ivy Interviewer (Acme) for the Platform engineer interview")
                .contains("Write your debrief")
                .contains("http://portal.test/interviews/" + interviewId)
                .contains("http://portal.test/api/unsubscribe/");
        assertThat(first.get(0).getHeader("List-Unsubscribe")[0]).startsWith("<http://portal.test/api/unsubscribe/");

        // Nothing new: nothing sent, however often the jobs run; and the planner does not even look at the interview
        // again until its plan can change (the debrief falls due soon at 10:00) or something is written.
        runAt("2026-03-03T09:00:00Z");
        assertThat(planned("valid_until")).isAfter(Instant.parse("2026-03-03T09:01:00Z"));
        Instant lookedAt = planned("planned_at");
        runAt("2026-03-03T09:01:00Z");
        assertThat(mailsTo(CANDIDATE_EMAIL)).hasSize(1);
        assertThat(planned("planned_at")).isEqualTo(lookedAt);

        // 10:00, 12 hours before the debrief's deadline: the day's digest has gone, so an urgent one of its own.
        runAt("2026-03-03T10:00:00Z");
        assertThat(planned("planned_at")).isEqualTo(Instant.parse("2026-03-03T10:00:00Z"));
        List<MimeMessage> second = mailsTo(CANDIDATE_EMAIL);
        assertThat(second).hasSize(2);
        assertThat(second.get(1).getSubject()).startsWith("Due within hours: Write your debrief");
        runAt("2026-03-03T10:01:00Z");
        assertThat(mailsTo(CANDIDATE_EMAIL)).hasSize(2);
    }

    @Test
    @Order(2)
    void aReplyTakesBackTheStatusCheckReminderInItsOwnTransaction() {
        TestApi.Session admin = admin();
        assertThat(api.put(admin, "/api/interviews/" + interviewId + "/timeline", Map.of("decisionDate", "2026-03-05"))
                        .status())
                .isEqualTo(200);
        // Friday 09:00, the first business day after the date: status check 1 opens.
        ClockedApplication.CLOCK.set(Instant.parse("2026-03-06T09:00:00Z"));
        notifications().planner().runOnce();
        long pending = pendingStatusCheckMessage().orElseThrow();

        TestApi.Reply reply = api.post(
                admin(),
                "/api/interviews/" + interviewId + "/replies",
                Map.of("fromContactId", contactId, "receivedAt", "2026-03-06T08:30:00Z", "kind", "UPDATE"));
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        assertThat(stateOf(pending)).isEqualTo("CANCELLED");

        int before = mailsTo(CANDIDATE_EMAIL).size();
        notifications().sender().runOnce();
        assertThat(mailsTo(CANDIDATE_EMAIL)).hasSize(before);
    }

    @Test
    @Order(3)
    void anSmtpOutageLosesNothingAndDoublesNothing() throws Exception {
        Instant now = Instant.parse("2026-03-06T12:00:00Z");
        ClockedApplication.CLOCK.set(now);
        long id = enqueue("outage:1", "rita@agency.test", now);
        SMTP.stop();
        assertThat(notifications().sender().runOnce()).isZero();
        Map<String, Object> row = row(id);
        assertThat(row).containsEntry("state", "PENDING").containsEntry("attempts", 1);
        assertThat((String) row.get("last_error")).isNotBlank();
        // Backing off: not tried again before the first retry delay.
        assertThat(notifications().sender().runOnce()).isZero();
        assertThat(row(id)).containsEntry("attempts", 1);
        ClockedApplication.CLOCK.set(now.plus(Duration.ofMinutes(1)));
        assertThat(notifications().sender().runOnce()).isZero();
        assertThat(row(id)).containsEntry("attempts", 2);
        // The second wait is twice the first.
        ClockedApplication.CLOCK.set(now.plus(Duration.ofMinutes(2)));
        assertThat(notifications().sender().runOnce()).isZero();
        assertThat(row(id)).containsEntry("attempts", 2);

        SMTP.start();
        ClockedApplication.CLOCK.set(now.plus(Duration.ofMinutes(3)));
        assertThat(notifications().sender().runOnce()).isEqualTo(1);
        notifications().sender().runOnce();
        assertThat(row(id)).containsEntry("state", "SENT").containsEntry("attempts", 3);
        assertThat(mailsTo("rita@agency.test")).hasSize(1);
    }

    @Test
    @Order(4)
    void twoSendersOnOneDatabaseSendEachMessageOnce() throws Exception {
        Instant now = Instant.parse("2026-03-06T13:00:00Z");
        ClockedApplication.CLOCK.set(now);
        int count = 60;
        for (int i = 0; i < count; i++) {
            enqueue("pair:" + i, "pair" + i + "@agency.test", now);
        }
        OutboxSender other = secondServer().sender();
        OutboxSender mine = notifications().sender();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            int sent = 0;
            for (int round = 0; round < 5; round++) {
                Future<Integer> first = pool.submit(mine::runOnce);
                Future<Integer> second = pool.submit(other::runOnce);
                sent += first.get() + second.get();
            }
            assertThat(sent).isEqualTo(count);
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < count; i++) {
            assertThat(mailsTo("pair" + i + "@agency.test")).as("pair" + i).hasSize(1);
        }
    }

    @Test
    @Order(5)
    void twoPlannersOnOneDatabaseWriteOneDigest() throws Exception {
        ReminderPlanner other = secondServer().planner();
        ReminderPlanner mine = notifications().planner();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // A second interview opens a new thank-you; both servers plan at once.
            TestApi.Session admin = admin();
            long candidateId = jdbi().withHandle(
                            handle -> handle.createQuery("SELECT id FROM candidates WHERE user_id = :user")
                                    .bind("user", candidateUserId)
                                    .mapTo(Long.class)
                                    .one());
            long companyId = created(api.post(admin, "/api/companies", Map.of("name", "Globex")));
            long contact = created(api.post(
                    admin,
                    "/api/companies/" + companyId + "/contacts",
                    Map.of("name", "Gus Globex", "role", "INTERVIEWER", "businessEmail", "gus@globex.test")));
            Instant end = Instant.parse("2026-03-09T10:00:00Z");
            ClockedApplication.CLOCK.set(end.plus(Duration.ofMinutes(5)));
            created(api.post(
                    admin(),
                    "/api/interviews",
                    Map.of(
                            "candidateId",
                            candidateId,
                            "companyId",
                            companyId,
                            "role",
                            "SRE",
                            "start",
                            end.minus(Duration.ofHours(1)).toString(),
                            "end",
                            end.toString(),
                            "format",
                            "VIDEO",
                            "interviewers",
                            List.of(Map.of("contactId", contact)))));
            for (int round = 0; round < 3; round++) {
                Future<Boolean> first = pool.submit(mine::runOnce);
                Future<Boolean> second = pool.submit(other::runOnce);
                first.get();
                second.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long digests = jdbi().withHandle(
                        handle -> handle.createQuery("SELECT count(*) FROM outbox WHERE dedupe_key = :key")
                                .bind("key", "candidate:" + candidateUserId + ":digest:2026-03-09")
                                .mapTo(Long.class)
                                .one());
        assertThat(digests).isEqualTo(1);
        int before = mailsTo(CANDIDATE_EMAIL).size();
        notifications().sender().runOnce();
        secondServer().sender().runOnce();
        assertThat(mailsTo(CANDIDATE_EMAIL)).hasSize(before + 1);
        assertThat(GreenMailUtil.getBody(mailsTo(CANDIDATE_EMAIL).get(before))).contains("Thank Gus Globex");
    }

    @Test
    @Order(6)
    void theUnsubscribeLinkOfAnEmailTurnsEmailsOff() throws Exception {
        List<MimeMessage> mails = mailsTo(CANDIDATE_EMAIL);
        String body = GreenMailUtil.getBody(mails.get(mails.size() - 1));
        Matcher link = Pattern.compile("http://portal\\.test(/api/unsubscribe/[A-Za-z0-9_-]+)")
                .matcher(body);
        assertThat(link.find()).isTrue();
        // The database holds nothing that makes the link (decision 0026): it was kept there in clear before.
        String token = link.group(1).substring("/api/unsubscribe/".length());
        String stored = jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT row_to_json(p)::text FROM notification_preferences p WHERE user_id = :user")
                .bind("user", candidateUserId)
                .mapTo(String.class)
                .one());
        assertThat(stored).doesNotContain(token).doesNotContain(com.followup.api.auth.Secrets.hash(token));
        // A link for the same user with one character of its MAC changed is refused.
        char last = token.charAt(token.length() - 1);
        String forged = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(api.getText(TestApi.ANONYMOUS, "/api/unsubscribe/" + forged).status())
                .isEqualTo(404);
        assertThat(api.getText(TestApi.ANONYMOUS, link.group(1)).status()).isEqualTo(200);
        TestApi.Session candidate = api.login(CANDIDATE_EMAIL, TestApp.PASSWORD);
        assertThat(api.get(candidate, "/api/me/notifications")
                        .json()
                        .get("emailEnabled")
                        .asBoolean())
                .isFalse();

        // A message already waiting is not sent either.
        Instant now = ClockedApplication.CLOCK.instant();
        long id = jdbi().inTransaction(handle -> Outbox.enqueue(
                        handle,
                        new Outbox.NewMessage(
                                candidateUserId,
                                CANDIDATE_EMAIL,
                                OutboxKind.RECRUITER_DIGEST,
                                "unsubscribed:1",
                                "Hello",
                                "Hello",
                                Optional.empty(),
                                now),
                        now)
                .orElseThrow());
        int before = mailsTo(CANDIDATE_EMAIL).size();
        notifications().sender().runOnce();
        assertThat(stateOf(id)).isEqualTo("CANCELLED");
        assertThat(mailsTo(CANDIDATE_EMAIL)).hasSize(before);

        assertThat(api.getText(TestApi.ANONYMOUS, "/api/unsubscribe/not-a-token")
                        .status())
                .isEqualTo(404);

        // Both doors record the change: the link for its owner, the setting for the caller.
        assertThat(api.put(candidate, "/api/me/notifications", Map.of("emailEnabled", false))
                        .status())
                .isEqualTo(200);
        assertThat(audited("notification-preference.updated", candidateUserId))
                .containsExactly(
                        candidateUserId + " {\"by\": \"unsubscribe link\", \"emailEnabled\": false}",
                        candidateUserId + " {\"emailEnabled\": false}");
    }

    @Test
    @Order(6)
    void aLinkMailedBeforeTheHmacStillWorks() {
        // Changeset 0018 kept the SHA-256 of each old random token, computed in SQL as below.
        String old = "OldRandomUnsubscribeToken0123456789abcdefgh";
        long admin = jdbi().withHandle(handle -> handle.createQuery("SELECT id FROM users WHERE role = 'ADMIN' LIMIT 1")
                .mapTo(Long.class)
                .one());
        jdbi().useTransaction(handle -> {
            Preferences.setEmailEnabled(handle, admin, true, Instant.now());
            handle.createUpdate(
                            """
                            UPDATE notification_preferences
                               SET legacy_unsubscribe_hash = encode(sha256(convert_to(:old, 'UTF8')), 'hex')
                             WHERE user_id = :user
                            """)
                    .bind("old", old)
                    .bind("user", admin)
                    .execute();
        });
        assertThat(api.getText(TestApi.ANONYMOUS, "/api/unsubscribe/" + old).status())
                .isEqualTo(200);
        boolean enabled = jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT email_enabled FROM notification_preferences WHERE user_id = :user")
                .bind("user", admin)
                .mapTo(Boolean.class)
                .one());
        assertThat(enabled).isFalse();
        jdbi().useTransaction(handle -> Preferences.setEmailEnabled(handle, admin, true, Instant.now()));
    }

    @Test
    @Order(7)
    void theAdminSeesTheOutboxWithEachMessagesState() {
        TestApi.Reply sent = api.get(admin(), "/api/admin/outbox?state=SENT&limit=5");
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.json().get("items")).hasSize(5);
        assertThat(sent.json().get("items").findValuesAsText("state")).containsOnly("SENT");
        assertThat(sent.json().get("total").asLong()).isGreaterThan(60);
        TestApi.Reply cancelled = api.get(admin(), "/api/admin/outbox?state=CANCELLED");
        assertThat(cancelled.json().get("items").findValuesAsText("lastError"))
                .contains("the recipient turned e-mails off");
    }

    @Test
    @Order(8)
    void theCalendarFeedParsesAndRenewingItRetiresTheOldUrl() {
        TestApi.Session candidate = api.login(CANDIDATE_EMAIL, TestApp.PASSWORD);
        ClockedApplication.CLOCK.set(Instant.parse("2026-03-09T10:30:00Z"));
        candidate = api.login(CANDIDATE_EMAIL, TestApp.PASSWORD);
        String url = api.post(candidate, "/api/me/calendar", Map.of())
                .json()
                .get("url")
                .asText();
        assertThat(url).startsWith("http://portal.test/api/calendar/").endsWith(".ics");
        String path = URI.create(url).getPath();
        TestApi.Reply feed = api.getText(TestApi.ANONYMOUS, path);
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.header("Content-Type").orElseThrow()).startsWith("text/calendar");

        ICalendar calendar = Biweekly.parse(feed.raw().body()).first();
        VEvent thankYou = calendar.getEvents().stream()
                .filter(event -> event.getSummary().getValue().startsWith("Thank Gus Globex"))
                .findFirst()
                .orElseThrow();
        assertThat(thankYou.getDescription().getValue())
                .contains("R1 thank-you-deadline", "R3 thank-you-per-interviewer");
        assertThat(thankYou.getDateStart().getValue().toInstant()).isEqualTo(Instant.parse("2026-03-09T10:00:00Z"));
        assertThat(thankYou.getDateEnd().getValue().toInstant()).isEqualTo(Instant.parse("2026-03-11T10:00:00Z"));

        String renewed = api.post(candidate, "/api/me/calendar", Map.of())
                .json()
                .get("url")
                .asText();
        assertThat(renewed).isNotEqualTo(url);
        assertThat(api.getText(TestApi.ANONYMOUS, path).status()).isEqualTo(404);
        assertThat(api.getText(TestApi.ANONYMOUS, URI.create(renewed).getPath()).status())
                .isEqualTo(200);
        assertThat(audited("calendar-feed.renewed", candidateId))
                .containsExactly(candidateUserId + " {}", candidateUserId + " {}");
    }

    @Test
    @Order(9)
    void anAdminSetHourMovesTheRecruitersDigest() throws Exception {
        ClockedApplication.CLOCK.set(Instant.parse("2026-03-10T07:00:00Z"));
        TestApi.Session admin = admin();
        long recruiter = created(api.post(
                admin,
                "/api/users",
                Map.of(
                        "email", "rex@agency.test",
                        "displayName", "Rex Recruiter",
                        "role", "RECRUITER",
                        "password", TestApp.PASSWORD)));
        assertThat(api.put(admin, "/api/candidates/" + candidateId + "/recruiters/" + recruiter, Map.of())
                        .status())
                .isEqualTo(200);
        // Ended 06:00 on the 10th and never debriefed: the debrief deadline passes at 06:00 on the 11th, inside
        // the period of the 11th's digest whether it goes at 08:00 (the configuration) or 14:00.
        Instant end = Instant.parse("2026-03-10T06:00:00Z");
        created(api.post(
                admin,
                "/api/interviews",
                Map.of(
                        "candidateId",
                        candidateId,
                        "companyName",
                        "Digest Works",
                        "role",
                        "Analyst",
                        "start",
                        end.minus(Duration.ofHours(1)).toString(),
                        "end",
                        end.toString(),
                        "format",
                        "VIDEO",
                        "interviewers",
                        List.of(Map.of("name", "Dana Digest")))));

        TestApi.Reply settings = api.get(admin, "/api/admin/notification-settings");
        assertThat(settings.json().get("recruiterDigestHour").asInt()).isEqualTo(8);
        assertThat(settings.json().get("setByAdmin").asBoolean()).isFalse();
        int version = settings.json().get("version").asInt();
        assertThat(api.put(
                                admin,
                                "/api/admin/notification-settings",
                                Map.of("recruiterDigestHour", 24, "version", version))
                        .status())
                .isEqualTo(400);
        assertThat(api.put(
                                admin,
                                "/api/admin/notification-settings",
                                Map.of("recruiterDigestHour", 14, "version", version + 5))
                        .status())
                .isEqualTo(409);
        TestApi.Reply changed = api.put(
                admin, "/api/admin/notification-settings", Map.of("recruiterDigestHour", 14, "version", version));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("recruiterDigestHour").asInt()).isEqualTo(14);
        assertThat(changed.json().get("configuredDigestHour").asInt()).isEqualTo(8);
        assertThat(changed.json().get("setByAdmin").asBoolean()).isTrue();

        String key = "recruiter:" + recruiter + ":digest:2026-03-11";
        runAt("2026-03-11T08:00:00Z");
        runAt("2026-03-11T13:59:00Z");
        assertThat(outboxHas(key)).as("no digest of the 11th before 14:00").isFalse();
        runAt("2026-03-11T14:00:00Z");
        assertThat(outboxHas(key)).as("the digest of the 11th at 14:00").isTrue();
        List<MimeMessage> mails = mailsTo("rex@agency.test");
        String last = GreenMailUtil.getBody(mails.get(mails.size() - 1));
        assertThat(last).contains("missed the debrief deadline").contains("once a day at 14:00");

        // Back to the configuration, so the hour is the one the file says (a new login: a day has passed).
        assertThat(api.put(
                                admin(),
                                "/api/admin/notification-settings",
                                java.util.Collections.singletonMap("version", version + 1))
                        .json()
                        .get("setByAdmin")
                        .asBoolean())
                .isFalse();
    }

    private static boolean outboxHas(String dedupeKey) {
        return jdbi().withHandle(
                        handle -> handle.createQuery("SELECT EXISTS (SELECT 1 FROM outbox WHERE dedupe_key = :key)")
                                .bind("key", dedupeKey)
                                .mapTo(Boolean.class)
                                .one());
    }

    // ---- helpers

    /** A column of the interview's row in planned_reminders (what the planner last looked at). */
    private static Instant planned(String column) {
        return jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT " + column + " FROM planned_reminders WHERE interview_id = :id")
                .bind("id", interviewId)
                .mapTo(java.time.OffsetDateTime.class)
                .one()
                .toInstant());
    }

    private static void runAt(String instant) {
        ClockedApplication.CLOCK.set(Instant.parse(instant));
        notifications().planner().runOnce();
        notifications().sender().runOnce();
    }

    private static Notifications notifications() {
        return ((FollowupApplication) APP.getApplication()).notifications();
    }

    private static Notifications secondServer;

    /** A second server's planner and sender: their own connection pool on the same database. */
    private static synchronized Notifications secondServer() {
        if (secondServer == null) {
            Jdbi jdbi = jdbi();
            FollowupConfiguration configuration = APP.getConfiguration();
            ObjectMapper json = APP.getObjectMapper();
            JdbiPolicyStore policies = new JdbiPolicyStore(
                    jdbi, json, ZoneId.of("Europe/London"), ClockedApplication.CLOCK, ChangeFeed.notListening());
            PlanEvaluator evaluator = new PlanEvaluator();
            JdbiInterviewRecords records = new JdbiInterviewRecords(jdbi);
            CandidateReminders reminders = new CandidateReminders(
                    records,
                    policies,
                    evaluator,
                    configuration.getNotifications().getPortalBaseUrl());
            secondServer = new Notifications(
                    new ReminderPlanner(
                            jdbi,
                            records,
                            ClockedApplication.CLOCK,
                            policies,
                            evaluator,
                            reminders,
                            configuration.getNotifications(),
                            ZoneId.of("Europe/London")),
                    new OutboxSender(
                            jdbi,
                            ClockedApplication.CLOCK,
                            new SmtpMailSender(configuration.getSmtp()),
                            reminders,
                            configuration.getNotifications(),
                            TestMail.LEASE_RENEWALS));
        }
        return secondServer;
    }

    private static Jdbi jdbi() {
        Jdbi jdbi = TestApp.jdbi(DATABASE);
        jdbi.installPlugin(new PostgresPlugin());
        jdbi.installPlugin(new SqlObjectPlugin());
        return jdbi;
    }

    private static long enqueue(String key, String email, Instant now) {
        long recipient = jdbi().withHandle(
                        handle -> handle.createQuery("SELECT id FROM users WHERE email = 'admin@agency.test'")
                                .mapTo(Long.class)
                                .one());
        return TestMail.enqueueDigest(jdbi(), recipient, key, email, now);
    }

    private static Map<String, Object> row(long id) {
        return jdbi().withHandle(
                        handle -> handle.createQuery("SELECT state, attempts, last_error FROM outbox WHERE id = :id")
                                .bind("id", id)
                                .mapToMap()
                                .one());
    }

    /** The acting user and the details of each audit entry of {@code action} on {@code entityId}, in order. */
    private static List<String> audited(String action, long entityId) {
        return jdbi().withHandle(handle -> handle.createQuery(
                        """
                        SELECT actor_user_id || ' ' || details::text FROM audit_log
                         WHERE action = :action AND entity_id = :entity ORDER BY id
                        """)
                .bind("action", action)
                .bind("entity", String.valueOf(entityId))
                .mapTo(String.class)
                .list());
    }

    private static String stateOf(long id) {
        return (String) row(id).get("state");
    }

    private static Optional<Long> pendingStatusCheckMessage() {
        return jdbi().withHandle(handle -> handle.createQuery(
                        """
                        SELECT o.id FROM outbox o JOIN outbox_items i ON i.outbox_id = o.id
                         WHERE o.state = 'PENDING' AND i.step_kind = 'STATUS_CHECK' AND i.interview_id = :interview
                        """)
                .bind("interview", interviewId)
                .mapTo(Long.class)
                .findFirst());
    }

    private static List<MimeMessage> mailsTo(String address) throws RuntimeException {
        List<MimeMessage> matching = new ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            try {
                if (message.getAllRecipients()[0].toString().equals(address)) {
                    matching.add(message);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return matching;
    }

    private static TestApi.Session admin() {
        return api.login("admin@agency.test", TestApp.PASSWORD);
    }

    private static long created(TestApi.Reply reply) {
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        return reply.json().get("id").asLong();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
