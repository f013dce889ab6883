package com.followup.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.ReportsConfiguration;
import com.followup.api.auth.Role;
import com.followup.api.cache.ChangeFeed;
import com.followup.api.notifications.NotificationsConfiguration;
import com.followup.api.notifications.OutboxSender;
import com.followup.api.policy.JdbiPolicyStore;
import com.followup.api.testing.TestApp;
import com.followup.api.testing.TestMail;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.dropwizard.jackson.Jackson;
import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two servers' schedulers on one database at the same moment: each week and scope is produced once, its mail is queued
 * once per recipient, and two servers' outbox senders deliver the agency's report to the admins and each recruiter's
 * to them, with the PDF and CSV attached.
 */
class ReportSchedulerTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP);

    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    // Monday 23 November 2026, 07:30 in London: the Monday 07:00 run for 2026-W47 is due.
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T07:30:00Z"), ZoneOffset.UTC);

    private static Jdbi jdbi;
    private static long rita;
    private static long rob;

    @BeforeAll
    static void users() {
        jdbi = Jdbi.create(DATABASE::connect);
        jdbi.installPlugin(new PostgresPlugin());
        TestApp.user(DATABASE, "ada@agency.test", "Ada Admin", Role.ADMIN);
        TestApp.user(DATABASE, "alan@agency.test", "Alan Admin", Role.ADMIN);
        rita = TestApp.user(DATABASE, "rita@agency.test", "Rita Recruiter", Role.RECRUITER);
        rob = TestApp.user(DATABASE, "rob@agency.test", "Rob Recruiter", Role.RECRUITER);
        TestApp.user(DATABASE, "cara@example.test", "Cara Candidate", Role.CANDIDATE);
    }

    @Test
    void theDueWeekIsTheOneThatEndedBeforeTheScheduledMoment() {
        ReportScheduler scheduler = scheduler();
        assertThat(scheduler.dueWeek(Instant.parse("2026-11-23T07:00:00Z"))).contains(IsoWeek.parse("2026-W47"));
        assertThat(scheduler.dueWeek(Instant.parse("2026-11-23T06:59:59Z"))).contains(IsoWeek.parse("2026-W46"));
        assertThat(scheduler.dueWeek(Instant.parse("2026-11-29T23:00:00Z"))).contains(IsoWeek.parse("2026-W47"));
    }

    @Test
    void twoServersProduceAndSendEachReportOnce() throws Exception {
        ReportScheduler first = scheduler();
        ReportScheduler second = scheduler();
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> {
            await(start);
            first.check();
        });
        CompletableFuture<Void> two = CompletableFuture.runAsync(() -> {
            await(start);
            second.check();
        });
        start.countDown();
        CompletableFuture.allOf(one, two).join();
        // A later check of either changes nothing.
        first.check();
        second.check();
        OutboxSender mine = sender();
        OutboxSender other = sender();
        CompletableFuture.allOf(CompletableFuture.runAsync(mine::runOnce), CompletableFuture.runAsync(other::runOnce))
                .join();

        List<String> produced = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT week || ' ' || scope || ' v' || version || ' ' || produced_via FROM reports ORDER BY scope")
                .mapTo(String.class)
                .list());
        assertThat(produced)
                .containsExactly(
                        "2026-W47 agency v1 SCHEDULE",
                        "2026-W47 recruiter:" + rita + " v1 SCHEDULE",
                        "2026-W47 recruiter:" + rob + " v1 SCHEDULE");
        long queued = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM report_schedule_claims WHERE mail_queued_at IS NOT NULL")
                .mapTo(Long.class)
                .one());
        assertThat(queued).isEqualTo(3);
        List<String> outbox = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT recipient_email || ' ' || state FROM outbox WHERE kind = 'WEEKLY_REPORT' ORDER BY 1")
                .mapTo(String.class)
                .list());
        assertThat(outbox)
                .containsExactly(
                        "ada@agency.test SENT",
                        "alan@agency.test SENT",
                        "rita@agency.test SENT",
                        "rob@agency.test SENT");

        MimeMessage[] messages = MAIL.getReceivedMessages();
        // One message to each admin and one to each recruiter.
        assertThat(messages).hasSize(4);
        List<String> agencyRecipients = new ArrayList<>();
        for (MimeMessage message : messages) {
            List<String> to = Arrays.stream(message.getAllRecipients())
                    .map(Address::toString)
                    .toList();
            if (message.getSubject().contains("(agency)")) {
                agencyRecipients.addAll(to);
            } else {
                assertThat(to).hasSize(1).first().isIn("rita@agency.test", "rob@agency.test");
            }
            assertThat(message.getSubject()).contains("2026-W47");
            assertThat(attachments(message))
                    .anySatisfy(name -> assertThat(name).endsWith(".pdf"))
                    .anySatisfy(name -> assertThat(name).endsWith(".csv"));
        }
        assertThat(agencyRecipients).containsExactlyInAnyOrder("ada@agency.test", "alan@agency.test");
    }

    private static List<String> attachments(MimeMessage message) throws Exception {
        List<String> names = new ArrayList<>();
        Multipart parts = (Multipart) message.getContent();
        for (int index = 0; index < parts.getCount(); index++) {
            if (Part.ATTACHMENT.equalsIgnoreCase(parts.getBodyPart(index).getDisposition())) {
                names.add(parts.getBodyPart(index).getFileName());
            }
        }
        return names;
    }

    private static OutboxSender sender() {
        return TestMail.sender(
                jdbi, CLOCK, TestMail.smtp(ServerSetupTest.SMTP.getPort()), new NotificationsConfiguration());
    }

    private static ReportScheduler scheduler() {
        ReportService reports = new ReportService(
                jdbi,
                new JdbiPolicyStore(jdbi, Jackson.newObjectMapper(), ZONE, CLOCK, ChangeFeed.notListening()),
                CLOCK,
                Jackson.newObjectMapper(),
                ZONE,
                "Scheduled Agency");
        return new ReportScheduler(jdbi, reports, new ReportsConfiguration(), CLOCK);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
