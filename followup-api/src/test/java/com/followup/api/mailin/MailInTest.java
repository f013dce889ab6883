package com.followup.api.mailin;

import static com.followup.api.testing.TestApp.created;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.followup.api.FollowupApplication;
import com.followup.api.FollowupConfiguration;
import com.followup.api.auth.Role;
import com.followup.api.mailin.MailIn.Outcome;
import com.followup.api.testing.ClockedApplication;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApp;
import com.followup.api.testing.TestMail;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mail-in end to end (issue 19): the whole application on a controlled clock and a real PostgreSQL, GreenMail as the
 * agency's mail server (SMTP in, IMAP out). Messages are sent over SMTP to the agency mailbox {@code log@agency.test}
 * with the {@code Delivered-To} header a plus-addressing server such as Postfix adds; the poller is run by the test.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailInTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final int SMTP_PORT = TestMail.freePort();
    static final int IMAP_PORT = TestMail.freePort();
    static final GreenMail MAIL = new GreenMail(new ServerSetup[] {
        new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
    });
    static final String MAILBOX = "log@agency.test";
    static final String MAILBOX_PASSWORD = "mailbox-password";

    static final DropwizardAppExtension<FollowupConfiguration> APP = TestApp.app(
            ClockedApplication.class,
            DATABASE,
            ConfigOverride.config("smtp.host", "127.0.0.1"),
            ConfigOverride.config("smtp.port", String.valueOf(SMTP_PORT)),
            ConfigOverride.config("notifications.runJobs", "false"),
            ConfigOverride.config("notifications.portalBaseUrl", "http://portal.test"),
            ConfigOverride.config("mailIn.enabled", "true"),
            ConfigOverride.config("mailIn.poll", "false"),
            ConfigOverride.config("mailIn.host", "127.0.0.1"),
            ConfigOverride.config("mailIn.port", String.valueOf(IMAP_PORT)),
            ConfigOverride.config("mailIn.tls", "false"),
            ConfigOverride.config("mailIn.user", MAILBOX),
            ConfigOverride.config("mailIn.password", MAILBOX_PASSWORD),
            ConfigOverride.config("mailIn.timeout", "PT10S"),
            ConfigOverride.config("mailIn.domain", "agency.test"));

    static final String CANDIDATE_EMAIL = "cara@example.test";
    /** Monday 2 March 2026, 16:00 UTC: the Acme interview's end. */
    static final Instant END = Instant.parse("2026-03-02T16:00:00Z");

    static TestApi api;
    static long acme;
    static long ivy;
    static long jon;
    static long gus;
    static long rita;
    static long acmeInterview;
    static long globexInterview;
    static long olderGlobexInterview;
    static String address;

    @BeforeAll
    static void setUp() {
        MAIL.setUser(MAILBOX, MAILBOX, MAILBOX_PASSWORD);
        MAIL.start();
        ClockedApplication.CLOCK.set(END.minus(Duration.ofDays(20)));
        api = TestApp.api(APP);
        TestApp.user(DATABASE, "admin@agency.test", "Ada Admin", Role.ADMIN);
        long candidateUser = TestApp.user(DATABASE, CANDIDATE_EMAIL, "Cara Candidate", Role.CANDIDATE);
        TestApi.Session admin = admin();
        long candidate = created(api.post(
                admin,
                "/api/candidates",
                Map.of("name", "Cara Candidate", "email", CANDIDATE_EMAIL, "zone", "UTC", "userId", candidateUser)));
        acme = created(api.post(admin, "/api/companies", Map.of("name", "Acme")));
        ivy = contact(admin, acme, "Ivy Interviewer", "INTERVIEWER", "ivy@acme.test");
        jon = contact(admin, acme, "Jon Jones", "INTERVIEWER", "jon@acme.test");
        long globex = created(api.post(admin, "/api/companies", Map.of("name", "Globex")));
        gus = contact(admin, globex, "Gus Grant", "HIRING_MANAGER", "gus@globex.test");
        olderGlobexInterview = interview(admin, candidate, globex, END.minus(Duration.ofDays(10)), gus);
        globexInterview = interview(admin, candidate, globex, END.minus(Duration.ofDays(1)), gus);
        acmeInterview = interview(admin, candidate, acme, END, ivy, jon);
        // Entered by the candidate, so theirs to see (decision 0025), though she met them at no interview.
        rita = contact(candidate(), globex, "Rita Recruiter", "RECRUITER", "rita@globex.test");
        ClockedApplication.CLOCK.set(END.plus(Duration.ofHours(4)));
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @Test
    @Order(1)
    void theCandidateMakesAndRenewsTheirLoggingAddressAndStaffHaveNone() {
        TestApi.Session candidate = candidate();
        assertThat(api.get(candidate, "/api/me/mail-in").status()).isEqualTo(404);
        TestApi.Reply first = api.post(candidate, "/api/me/mail-in", Map.of());
        assertThat(first.status()).as(first.raw().body()).isEqualTo(201);
        String made = first.json().get("address").asText();
        assertThat(made).matches("log\\+[0-9a-f]{32}@agency\\.test");
        assertThat(api.get(candidate, "/api/me/mail-in").json().get("address").asText())
                .isEqualTo(made);

        String renewed = api.post(candidate, "/api/me/mail-in", Map.of())
                .json()
                .get("address")
                .asText();
        assertThat(renewed).isNotEqualTo(made);
        assertThat(api.get(admin(), "/api/me/mail-in").status()).isEqualTo(403);
        address = renewed;

        // The renewed-away address logs nothing: it is an unknown secret now.
        long before = mailIn().count(Outcome.UNKNOWN_SECRET);
        send(message(
                made,
                List.of("Ivy Interviewer <ivy@acme.test>"),
                END.plus(Duration.ofHours(3)),
                "Thank you",
                "Thank you for your time today."));
        assertThat(poll()).containsExactlyEntriesOf(Map.of(Outcome.UNKNOWN_SECRET, 1));
        assertThat(mailIn().count(Outcome.UNKNOWN_SECRET)).isEqualTo(before + 1);
        assertThat(touches(acmeInterview)).isEmpty();
        assertThat(folderSize("INBOX")).isZero();
        assertThat(folderSize("Followup/Processed")).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aBccdThankYouLandsOnTheRightInterviewWithItsSentTimeAndItsTextFromHtml() throws Exception {
        Instant sent = END.plus(Duration.ofHours(2));
        MimeMessage message = message(address, List.of("Gus Grant <gus@globex.test>"), sent, "Thank you, Gus", null);
        MimeMultipart body = new MimeMultipart("alternative");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(
                "<html><body><p>Dear Gus,</p><p>Thank you for your time yesterday. I enjoyed hearing about the"
                        + " <b>billing migration</b> and I am keen to join the team.</p><p>Best,<br>Cara</p></body></html>",
                "text/html; charset=UTF-8");
        body.addBodyPart(html);
        message.setContent(body);
        send(message);

        assertThat(poll()).containsExactlyEntriesOf(Map.of(Outcome.LOGGED, 1));
        List<JsonNode> logged = touches(globexInterview);
        assertThat(logged).hasSize(1);
        JsonNode touch = logged.get(0);
        assertThat(touch.get("kind").asText()).isEqualTo("THANK_YOU");
        assertThat(touch.get("channel").asText()).isEqualTo("EMAIL");
        assertThat(touch.get("recipientId").asLong()).isEqualTo(gus);
        assertThat(touch.get("address").asText()).isEqualTo("gus@globex.test");
        assertThat(Instant.parse(touch.get("sentAt").asText().replace("Z", "Z")))
                .isEqualTo(sent);
        assertThat(touch.get("subject").asText()).isEqualTo("Thank you, Gus");
        assertThat(touch.get("text").asText())
                .startsWith("Dear Gus,")
                .contains("billing migration and I am keen")
                .contains("Best,\nCara")
                .doesNotContain("<");
        // The note check ran, as on a touch typed in the portal (R14-R17), and its findings are kept.
        assertThat(touch.get("noteFindings").isArray()).isTrue();
        // The older Globex interview, whose thank-you is long missed, is not the one.
        assertThat(touches(olderGlobexInterview)).isEmpty();
        assertThat(audited("touch.logged-from-email")).isEqualTo(1);
        assertThat(folderSize("INBOX")).isZero();
    }

    @Test
    @Order(3)
    void aMessageToTwoInterviewersLogsTwoThankYousAndThenALaterOneIsAStatusCheck() {
        Instant sent = END.plus(Duration.ofHours(3));
        send(message(
                address,
                List.of("Ivy Interviewer <ivy@acme.test>", "jon@acme.test"),
                sent,
                "Thank you both",
                "Dear Ivy and Jon, thank you for the conversation about the search team. I would like to join."));
        assertThat(poll()).containsExactlyEntriesOf(Map.of(Outcome.LOGGED, 1));
        List<JsonNode> logged = touches(acmeInterview);
        assertThat(logged).extracting(touch -> touch.get("kind").asText()).containsOnly("THANK_YOU");
        assertThat(logged)
                .extracting(touch -> touch.get("recipientId").asLong())
                .containsExactlyInAnyOrder(ivy, jon);

        // Sent from the interviewer's personal address: the name finds the contact, the address used is kept (R12).
        ClockedApplication.CLOCK.set(END.plus(Duration.ofDays(15)));
        send(message(
                address,
                List.of("Ivy Interviewer <ivy.private@gmail.example>"),
                END.plus(Duration.ofDays(15)),
                "Checking in",
                "Hello Ivy, is there any news on the role?"));
        assertThat(poll()).containsExactlyEntriesOf(Map.of(Outcome.LOGGED, 1));
        JsonNode check = touches(acmeInterview).stream()
                .filter(touch -> touch.get("kind").asText().equals("STATUS_CHECK"))
                .findFirst()
                .orElseThrow();
        assertThat(check.get("recipientId").asLong()).isEqualTo(ivy);
        assertThat(check.get("address").asText()).isEqualTo("ivy.private@gmail.example");
        assertThat(check.get("breaches").toString()).contains("R12");
    }

    @Test
    @Order(4)
    void aForwardedReplyIsLoggedAsAReplyFromTheContactAtItsOwnTime() {
        Instant replied = END.plus(Duration.ofDays(16));
        ClockedApplication.CLOCK.set(replied.plus(Duration.ofHours(2)));
        String quoted = "---------- Forwarded message ---------\n"
                + "From: Ivy Interviewer <ivy@acme.test>\n"
                + "Date: " + new MailDateFormat().format(Date.from(replied)) + "\n"
                + "Subject: Re: Checking in\n"
                + "To: Cara Candidate <cara@example.test>\n\n"
                + "Hi Cara, we will decide next week.\n";
        send(message(address, List.of(), replied.plus(Duration.ofHours(1)), "Fwd: Re: Checking in", quoted));
        assertThat(poll()).containsExactlyEntriesOf(Map.of(Outcome.LOGGED, 1));
        JsonNode replies = api.get(candidate(), "/api/interviews/" + acmeInterview + "/replies")
                .json();
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).get("fromContactId").asLong()).isEqualTo(ivy);
        assertThat(replies.get(0).get("kind").asText()).isEqualTo("UPDATE");
        assertThat(Instant.parse(replies.get(0).get("receivedAt").asText())).isEqualTo(replied);
        assertThat(audited("reply.logged-from-email")).isEqualTo(1);
    }

    @Test
    @Order(5)
    void theSameMessageDeliveredTwiceLogsOnce() throws Exception {
        int before = touches(acmeInterview).size();
        MimeMessage message = message(
                address,
                List.of("jon@acme.test"),
                END.plus(Duration.ofDays(16)),
                "[extra] The paper I mentioned",
                "Hello Jon, here is the link to the paper I mentioned.");
        message.setHeader("Message-ID", "<twice@example.test>");
        send(message);
        send(message);
        assertThat(poll()).containsExactlyInAnyOrderEntriesOf(Map.of(Outcome.LOGGED, 1, Outcome.DUPLICATE, 1));
        assertThat(touches(acmeInterview)).hasSize(before + 1);
        send(message);
        assertThat(poll()).containsExactlyEntriesOf(Map.of(Outcome.DUPLICATE, 1));
        assertThat(touches(acmeInterview)).hasSize(before + 1);
        assertThat(folderSize("INBOX")).isZero();
    }

    @Test
    @Order(6)
    void twoServersPollingTheSameMailboxLogEachMessageOnce() throws Exception {
        int before = touches(acmeInterview).size();
        int messages = 12;
        for (int i = 0; i < messages; i++) {
            send(message(
                    address,
                    List.of("jon@acme.test"),
                    END.plus(Duration.ofDays(16)),
                    "[extra] Link " + i,
                    "Hello Jon, one more link: number " + i + "."));
        }
        // Two pollers with their own IMAP connections, as two servers would have, over the same database.
        MailInPoller one = new MailInPoller(mailIn(), APP.getConfiguration().getMailIn(), ClockedApplication.CLOCK);
        MailInPoller two = new MailInPoller(mailIn(), APP.getConfiguration().getMailIn(), ClockedApplication.CLOCK);
        ExecutorService servers = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Map<Outcome, Integer>>> passes = List.of(one::runOnce, two::runOnce);
            Map<Outcome, Integer> total = new EnumMap<>(Outcome.class);
            // Passes at once on both until the mailbox is empty: a pass the mail server cuts short (it may drop a
            // folder that another connection is moving messages out of) leaves the rest to the next one.
            for (int round = 0; round < 5 && (round == 0 || folderSize("INBOX") > 0); round++) {
                for (Future<Map<Outcome, Integer>> pass : servers.invokeAll(passes)) {
                    pass.get().forEach((outcome, count) -> total.merge(outcome, count, Integer::sum));
                }
            }
            assertThat(total.get(Outcome.LOGGED)).isEqualTo(messages);
        } finally {
            servers.shutdownNow();
        }
        assertThat(touches(acmeInterview)).hasSize(before + messages);
        assertThat(folderSize("INBOX")).isZero();
    }

    @Test
    @Order(7)
    void anAmbiguousMessageWaitsUnplacedAndTheCandidateIsToldThenPlacesIt() {
        int mailsBefore = mailsTo(CANDIDATE_EMAIL);
        // Rita met the candidate at neither Globex interview, and both could take extra information.
        send(message(
                address,
                List.of("Rita Recruiter <rita@globex.test>"),
                END.plus(Duration.ofDays(16)),
                "[extra] My references",
                "Hello Rita, here are my references as promised."));
        assertThat(poll()).containsExactlyEntriesOf(Map.of(Outcome.UNPLACED, 1));
        TestApi.Session candidate = candidate();
        JsonNode waiting = api.get(candidate, "/api/me/mail-in/unplaced").json();
        assertThat(waiting).hasSize(1);
        assertThat(waiting.get(0).get("direction").asText()).isEqualTo("SENT");
        assertThat(waiting.get(0).get("counterpart").asText()).isEqualTo("Rita Recruiter <rita@globex.test>");
        assertThat(waiting.get(0).get("reason").asText()).contains("Rita Recruiter did not interview you");

        // The candidate is told, once, with a link to place it.
        APP.<FollowupApplication>getApplication().notifications().sender().runOnce();
        assertThat(mailsTo(CANDIDATE_EMAIL)).isEqualTo(mailsBefore + 1);

        long id = waiting.get(0).get("id").asLong();
        String path = "/api/me/mail-in/unplaced/" + id + "/assign";
        TestApi.Reply wrongKind = api.post(
                candidate, path, Map.of("interviewId", globexInterview, "contactId", rita, "kind", "DECISION"));
        assertThat(wrongKind.status()).isEqualTo(400);
        assertThat(wrongKind.json().get("code").asText()).isEqualTo("KIND_DOES_NOT_FIT_MESSAGE");
        TestApi.Reply otherCompany = api.post(
                candidate, path, Map.of("interviewId", acmeInterview, "contactId", rita, "kind", "EXTRA_INFORMATION"));
        assertThat(otherCompany.status()).isEqualTo(400);
        assertThat(otherCompany.json().get("code").asText()).isEqualTo("UNKNOWN_CONTACT");

        TestApi.Reply placed = api.post(
                candidate,
                path,
                Map.of("interviewId", globexInterview, "contactId", rita, "kind", "EXTRA_INFORMATION"));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(200);
        JsonNode touch = touches(globexInterview).stream()
                .filter(one -> one.get("id").asLong() == placed.json().get("id").asLong())
                .findFirst()
                .orElseThrow();
        assertThat(touch.get("address").asText()).isEqualTo("rita@globex.test");
        assertThat(touch.get("kind").asText()).isEqualTo("EXTRA_INFORMATION");
        assertThat(api.get(candidate, "/api/me/mail-in/unplaced").json()).isEmpty();
        TestApi.Reply again = api.post(
                candidate,
                path,
                Map.of("interviewId", globexInterview, "contactId", rita, "kind", "EXTRA_INFORMATION"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("ALREADY_PLACED");
    }

    @Test
    @Order(8)
    void aMessageFromSomeoneElseIsIgnoredAndCounted() throws Exception {
        long before = mailIn().count(Outcome.UNKNOWN_SENDER);
        MimeMessage message = message(
                address,
                List.of("ivy@acme.test"),
                END.plus(Duration.ofDays(16)),
                "Hello",
                "Someone who saw the address.");
        message.setFrom(new InternetAddress("mallory@example.test"));
        send(message);
        assertThat(poll()).containsExactlyEntriesOf(Map.of(Outcome.UNKNOWN_SENDER, 1));
        assertThat(mailIn().count(Outcome.UNKNOWN_SENDER)).isEqualTo(before + 1);
    }

    @Test
    @Order(9)
    void aMessageTheChecksOfLoggingRefuseWaitsWithTheirWords() {
        // A Date header two days ahead (a wrong clock on the candidate's computer): logging refuses a future time.
        Instant now = ClockedApplication.CLOCK.instant();
        send(message(
                address,
                List.of("jon@acme.test"),
                now.plus(Duration.ofDays(2)),
                "[extra] From the future",
                "Hello Jon, a link."));
        assertThat(poll()).containsExactlyEntriesOf(Map.of(Outcome.UNPLACED, 1));
        JsonNode waiting = api.get(candidate(), "/api/me/mail-in/unplaced").json();
        assertThat(waiting).hasSize(1);
        assertThat(waiting.get(0).get("reason").asText()).contains("this time is in the future");
    }

    // ---- helpers

    private static MailIn mailIn() {
        return APP.<FollowupApplication>getApplication().mailIn();
    }

    private static Map<Outcome, Integer> poll() {
        try {
            return APP.<FollowupApplication>getApplication().mailInPoller().runOnce();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A message from the candidate as the agency mailbox receives it: Delivered-To names the logging address. */
    static MimeMessage message(String deliveredTo, List<String> to, Instant sent, String subject, String text) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
            message.setFrom(new InternetAddress("Cara Candidate <" + CANDIDATE_EMAIL + ">"));
            for (String recipient : to) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
            }
            message.setSentDate(Date.from(sent));
            message.setSubject(subject);
            if (text != null) {
                message.setText(text, "UTF-8");
            }
            message.addHeader("Delivered-To", deliveredTo);
            return message;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Delivers over SMTP to the agency mailbox, whatever the headers say (the envelope, as a server routes it). */
    static void send(MimeMessage message) {
        try {
            Properties properties = new Properties();
            properties.put("mail.smtp.host", "127.0.0.1");
            properties.put("mail.smtp.port", String.valueOf(SMTP_PORT));
            Session session = Session.getInstance(properties);
            MimeMessage copy = new MimeMessage(message) {
                @Override
                protected void updateMessageID() throws jakarta.mail.MessagingException {
                    if (getHeader("Message-ID") == null) {
                        super.updateMessageID();
                    }
                }
            };
            if (message.getHeader("Message-ID") != null) {
                copy.setHeader("Message-ID", message.getHeader("Message-ID")[0]);
            }
            Transport transport = session.getTransport("smtp");
            transport.connect();
            try {
                transport.sendMessage(copy, new InternetAddress[] {new InternetAddress(MAILBOX)});
            } finally {
                transport.close();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static int folderSize(String name) {
        try {
            Properties properties = new Properties();
            Store store = Session.getInstance(properties).getStore("imap");
            store.connect("127.0.0.1", IMAP_PORT, MAILBOX, MAILBOX_PASSWORD);
            try {
                Folder folder = store.getFolder(name);
                return folder.exists() ? folder.getMessageCount() : 0;
            } finally {
                store.close();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Messages GreenMail delivered to {@code address}'s own mailbox (the outbox's mail to the candidate). */
    static int mailsTo(String address) {
        return MAIL.getReceivedMessagesForDomain(address).length;
    }

    static List<JsonNode> touches(long interviewId) {
        List<JsonNode> all = new ArrayList<>();
        api.get(candidate(), "/api/interviews/" + interviewId + "/touches")
                .json()
                .forEach(all::add);
        return all;
    }

    static long audited(String action) {
        Jdbi jdbi = TestApp.jdbi(DATABASE);
        return jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM audit_log WHERE action = :action")
                .bind("action", action)
                .mapTo(Long.class)
                .one());
    }

    static long contact(TestApi.Session caller, long company, String name, String role, String email) {
        return created(api.post(
                caller,
                "/api/companies/" + company + "/contacts",
                Map.of("name", name, "role", role, "businessEmail", email)));
    }

    static long interview(TestApi.Session admin, long candidate, long company, Instant end, long... interviewers) {
        List<Map<String, Object>> met = new ArrayList<>();
        for (long interviewer : interviewers) {
            met.add(Map.of("contactId", interviewer));
        }
        return created(api.post(
                admin,
                "/api/interviews",
                Map.of(
                        "candidateId",
                        candidate,
                        "companyId",
                        company,
                        "role",
                        "Platform engineer",
                        "start",
                        end.minus(Duration.ofHours(1)).toString(),
                        "end",
                        end.toString(),
                        "format",
                        "VIDEO",
                        "interviewers",
                        met)));
    }

    static TestApi.Session admin() {
        return api.login("admin@agency.test", TestApp.PASSWORD);
    }

    static TestApi.Session candidate() {
        return api.login(CANDIDATE_EMAIL, TestApp.PASSWORD);
    }
}
