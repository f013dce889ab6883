package com.followup.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.ReportsConfiguration;
import com.followup.api.auth.Role;
import com.followup.api.cache.ChangeFeed;
import com.followup.api.mail.SmtpConfiguration;
import com.followup.api.notifications.NotificationsConfiguration;
import com.followup.api.notifications.OutboxSender;
import com.followup.api.policy.JdbiPolicyStore;
import com.followup.api.testing.MutableClock;
import com.followup.api.testing.SmtpProxy;
import com.followup.api.testing.TestApp;
import com.followup.api.testing.TestMail;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.icegreen.greenmail.util.GreenMail;
import io.dropwizard.jackson.Jackson;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The weekly report's mail when the SMTP server refuses one admin's address for good (a loopback proxy in front of
 * GreenMail answers 550 to it): every other recipient gets theirs once, at once; the refused one is tried alone, with
 * the outbox's backoff, and ends FAILED; nothing is queued twice, however many servers run.
 */
class ReportMailTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final GreenMail SMTP = TestMail.greenMail();
    static final String REFUSED = "amy@agency.test";
    static final List<String> DELIVERED =
            List.of("ada@agency.test", "alan@agency.test", "rita@agency.test", "rob@agency.test");
    private static final ZoneId ZONE = ZoneId.of("Europe/London");

    static SmtpProxy proxy;
    static Jdbi jdbi;
    // Monday 23 November 2026, 07:30 in London: the Monday 07:00 run for 2026-W47 is due.
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T07:30:00Z"));

    @BeforeAll
    static void setUp() {
        SMTP.start();
        proxy = SmtpProxy.start(SMTP.getSmtp().getPort());
        proxy.refuse(REFUSED, "550 5.1.1 Mailbox unavailable");
        jdbi = TestMail.jdbi(DATABASE);
        // The refused admin comes first, so their message is the first any sender claims.
        TestApp.user(DATABASE, REFUSED, "Amy Admin", Role.ADMIN);
        TestApp.user(DATABASE, "ada@agency.test", "Ada Admin", Role.ADMIN);
        TestApp.user(DATABASE, "alan@agency.test", "Alan Admin", Role.ADMIN);
        TestApp.user(DATABASE, "rita@agency.test", "Rita Recruiter", Role.RECRUITER);
        TestApp.user(DATABASE, "rob@agency.test", "Rob Recruiter", Role.RECRUITER);
    }

    @AfterAll
    static void tearDown() {
        proxy.close();
        SMTP.stop();
    }

    @Test
    void aRefusedAddressRetriesAloneAndEndsFailedWhileEveryOtherRecipientGetsTheReportOnce() throws Exception {
        ReportScheduler first = scheduler();
        ReportScheduler second = scheduler();
        both(first::check, second::check);
        first.check();

        // One row per recipient and report, naming the archived report rather than carrying its files.
        List<Map<String, Object>> rows = jdbi.withHandle(handle -> handle.createQuery(
                        """
                        SELECT o.recipient_email, o.dedupe_key, r.scope, pg_column_size(o.*) AS row_size,
                               (SELECT sum(size) FROM report_files f WHERE f.report_id = r.id) AS files_size
                          FROM outbox o JOIN reports r ON r.id = o.report_id
                         WHERE o.kind = 'WEEKLY_REPORT' ORDER BY o.recipient_email
                        """)
                .mapToMap()
                .list());
        assertThat(rows)
                .extracting(row -> row.get("recipient_email") + " " + row.get("scope"))
                .containsExactly(
                        "ada@agency.test agency",
                        "alan@agency.test agency",
                        "amy@agency.test agency",
                        "rita@agency.test recruiter:" + userId("rita@agency.test"),
                        "rob@agency.test recruiter:" + userId("rob@agency.test"));
        assertThat(rows).allSatisfy(row -> assertThat(((Number) row.get("row_size")).longValue())
                .isLessThan(((Number) row.get("files_size")).longValue()));

        // A server that died after writing the rows but before marking the report queued: queueing again adds none.
        jdbi.useHandle(handle -> handle.execute("UPDATE report_schedule_claims SET mail_queued_at = NULL"));
        both(first::check, second::check);
        assertThat(reportRows()).isEqualTo(5);

        NotificationsConfiguration notifications = new NotificationsConfiguration();
        notifications.setMaxAttemptsWhenRefused(3);
        SmtpConfiguration smtp = TestMail.smtp(proxy.port());
        OutboxSender one = TestMail.sender(jdbi, CLOCK, smtp, notifications);
        OutboxSender other = TestMail.sender(jdbi, CLOCK, smtp, notifications);

        both(one::runOnce, other::runOnce);
        for (String address : DELIVERED) {
            List<MimeMessage> received = TestMail.received(SMTP, address);
            assertThat(received).as(address).hasSize(1);
            MimeMessage message = received.get(0);
            assertThat(message.getSubject()).contains("2026-W47");
            assertThat(TestMail.messageId(message)).isEqualTo(outbox(address).get("message_id"));
            assertThat(attachmentHashes(message)).isEqualTo(archivedHashes(address));
        }
        assertThat(outbox(REFUSED)).containsEntry("state", "PENDING").containsEntry("attempts", 1);

        // The refused address is tried again on its own, after one minute, then two; then it is given up.
        for (int run = 0; run < 4; run++) {
            CLOCK.advance(Duration.ofHours(1));
            both(one::runOnce, other::runOnce);
        }
        assertThat(outbox(REFUSED)).containsEntry("state", "FAILED").containsEntry("attempts", 3);
        assertThat((String) outbox(REFUSED).get("last_error")).contains("550 5.1.1 Mailbox unavailable");
        assertThat(proxy.timesAskedFor(REFUSED)).isEqualTo(3);
        for (String address : DELIVERED) {
            assertThat(proxy.timesAskedFor(address)).as(address).isEqualTo(1);
            assertThat(outbox(address)).containsEntry("state", "SENT").containsEntry("attempts", 1);
        }
        assertThat(SMTP.getReceivedMessages()).hasSize(DELIVERED.size());
    }

    private static ReportScheduler scheduler() {
        ReportService reports = new ReportService(
                jdbi,
                new JdbiPolicyStore(jdbi, Jackson.newObjectMapper(), ZONE, CLOCK, ChangeFeed.notListening()),
                CLOCK,
                Jackson.newObjectMapper(),
                ZONE,
                "Mailed Agency");
        return new ReportScheduler(jdbi, reports, new ReportsConfiguration(), CLOCK);
    }

    /** Runs both at once, as two servers would, and waits for both. */
    private static void both(Runnable first, Runnable second) throws Exception {
        ExecutorService servers = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<?> one = servers.submit(() -> {
                await(go);
                first.run();
            });
            Future<?> two = servers.submit(() -> {
                await(go);
                second.run();
            });
            go.countDown();
            one.get();
            two.get();
        } finally {
            servers.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long userId(String email) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM users WHERE email = :email")
                .bind("email", email)
                .mapTo(Long.class)
                .one());
    }

    private static long reportRows() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM outbox WHERE kind = 'WEEKLY_REPORT'")
                .mapTo(Long.class)
                .one());
    }

    private static Map<String, Object> outbox(String address) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        """
                        SELECT state, attempts, last_error, message_id FROM outbox
                         WHERE kind = 'WEEKLY_REPORT' AND recipient_email = :email
                        """)
                .bind("email", address)
                .mapToMap()
                .one());
    }

    /** File name to SHA-256 of the archived report the recipient's message names. */
    private static Map<String, String> archivedHashes(String address) {
        return jdbi
                .withHandle(handle -> handle.createQuery(
                                """
                        SELECT f.file_name, f.sha256 FROM report_files f
                          JOIN outbox o ON o.report_id = f.report_id
                         WHERE o.kind = 'WEEKLY_REPORT' AND o.recipient_email = :email
                        """)
                        .bind("email", address)
                        .map((rs, context) -> Map.entry(rs.getString("file_name"), rs.getString("sha256")))
                        .list())
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Map<String, String> attachmentHashes(MimeMessage message) throws Exception {
        Map<String, String> hashes = new HashMap<>();
        Multipart parts = (Multipart) message.getContent();
        for (int index = 0; index < parts.getCount(); index++) {
            Part part = parts.getBodyPart(index);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                try (InputStream content = part.getInputStream()) {
                    hashes.put(part.getFileName(), ReportArchive.sha256(content.readAllBytes()));
                }
            }
        }
        return hashes;
    }
}
