package com.followup.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.followup.api.auth.Role;
import com.followup.api.mail.SmtpConfiguration;
import com.followup.api.testing.MutableClock;
import com.followup.api.testing.SmtpProxy;
import com.followup.api.testing.TestApp;
import com.followup.api.testing.TestMail;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The outbox sender against a misbehaving SMTP server: a loopback proxy ({@link SmtpProxy}) in front of GreenMail
 * that answers slowly, refuses an address or fails a message's data. Real PostgreSQL, real SMTP conversations.
 */
class OutboxDeliveryTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final GreenMail SMTP = TestMail.greenMail();

    static Jdbi jdbi;
    static long recipientId;
    SmtpProxy proxy;

    @BeforeAll
    static void setUp() {
        SMTP.start();
        jdbi = TestMail.jdbi(DATABASE);
        recipientId = TestApp.user(DATABASE, "ada@agency.test", "Ada Admin", Role.ADMIN);
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @BeforeEach
    void startProxy() {
        proxy = SmtpProxy.start(SMTP.getSmtp().getPort());
    }

    @AfterEach
    void stopProxyAndSettleTheOutbox() {
        proxy.close();
        // Each test sends only its own messages: none is left for the next test's senders to find.
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE outbox SET state = 'CANCELLED', locked_until = NULL WHERE state IN ('PENDING', 'SENDING')")
                .execute());
    }

    /**
     * The tester's case, shortened: each message takes the SMTP server longer to acknowledge than a sender's lease
     * lasts, and two servers drain one outbox. Each message arrives once, with the Message-ID stored in its row.
     */
    @Test
    void twoSendersAndASlowSmtpServerDeliverEachMessageOnceWithItsStoredMessageId() throws Exception {
        int count = 6;
        Instant now = Instant.now();
        for (int index = 0; index < count; index++) {
            enqueue("slow:" + index, "slow" + index + "@agency.test", now);
        }
        Duration lease = Duration.ofSeconds(2);
        proxy.delayDataReply(lease.plusMillis(500));
        NotificationsConfiguration configuration = configuration(lease);
        SmtpConfiguration smtp = TestMail.smtp(proxy.port());
        OutboxSender first = TestMail.sender(jdbi, Clock.systemUTC(), smtp, configuration);
        OutboxSender second = TestMail.sender(jdbi, Clock.systemUTC(), smtp, configuration);

        ExecutorService servers = Executors.newFixedThreadPool(2);
        long started = System.nanoTime();
        int sentByFirst;
        int sentBySecond;
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<Integer> one = servers.submit(() -> runAfter(go, first));
            Future<Integer> two = servers.submit(() -> runAfter(go, second));
            go.countDown();
            sentByFirst = one.get();
            sentBySecond = two.get();
        } finally {
            servers.shutdownNow();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(sentByFirst + sentBySecond).isEqualTo(count);
        assertThat(sentByFirst).as("both servers sent").isPositive();
        assertThat(sentBySecond).as("both servers sent").isPositive();
        for (int index = 0; index < count; index++) {
            String address = "slow" + index + "@agency.test";
            List<MimeMessage> received = TestMail.received(SMTP, address);
            assertThat(received).as(address).hasSize(1);
            Map<String, Object> row = row("slow:" + index);
            assertThat(row).containsEntry("state", "SENT").containsEntry("attempts", 1);
            assertThat(TestMail.messageId(received.get(0))).isEqualTo(row.get("message_id"));
        }
        // Every send outlived the lease: only the renewal kept the other server off the message.
        assertThat(took).isGreaterThan(lease.plusMillis(500).multipliedBy(count / 2));
    }

    @Test
    void aMessageKeepsItsMessageIdWhenATemporaryFailureMakesItGoAgain() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-04T09:00:00Z"));
        long id = enqueue("retry:1", "retry@agency.test", clock.instant());
        proxy.failNextData(1, "451 4.3.0 Mailbox temporarily unavailable");
        OutboxSender sender = TestMail.sender(jdbi, clock, TestMail.smtp(proxy.port()), configuration(null));

        assertThat(sender.runOnce()).isZero();
        Map<String, Object> afterFailure = row("retry:1");
        assertThat(afterFailure).containsEntry("state", "PENDING").containsEntry("attempts", 1);
        assertThat((String) afterFailure.get("last_error")).contains("451");
        String stored = (String) afterFailure.get("message_id");
        assertThat(stored).startsWith("<").endsWith("@agency.test>");

        clock.advance(Duration.ofMinutes(1));
        assertThat(sender.runOnce()).isEqualTo(1);
        assertThat(row("retry:1")).containsEntry("state", "SENT").containsEntry("attempts", 2);
        assertThat(proxy.seen())
                .extracting(SmtpProxy.Seen::messageId)
                .containsExactly(Optional.of(stored), Optional.of(stored));
        List<MimeMessage> received = TestMail.received(SMTP, "retry@agency.test");
        assertThat(received).hasSize(1);
        assertThat(TestMail.messageId(received.get(0))).isEqualTo(stored);
        assertThat(received.get(0).getHeader("X-Followup-Outbox-Id", null)).isEqualTo(String.valueOf(id));
    }

    @Test
    void aRefusedAddressEndsFailedAfterItsAttemptsWhileATemporaryRefusalKeepsTrying() {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-05T09:00:00Z"));
        enqueue("refused:1", "gone@agency.test", clock.instant());
        enqueue("busy:1", "busy@agency.test", clock.instant());
        enqueue("fine:1", "fine@agency.test", clock.instant());
        proxy.refuse("gone@agency.test", "550 5.1.1 No such user");
        proxy.refuse("busy@agency.test", "452 4.2.2 Mailbox full");
        OutboxSender sender = TestMail.sender(jdbi, clock, TestMail.smtp(proxy.port()), configuration(null));

        assertThat(sender.runOnce()).isEqualTo(1);
        for (int attempt = 2; attempt <= 4; attempt++) {
            clock.advance(Duration.ofHours(1));
            assertThat(sender.runOnce()).isZero();
        }
        assertThat(row("refused:1")).containsEntry("state", "FAILED").containsEntry("attempts", 3);
        assertThat((String) row("refused:1").get("last_error")).contains("550");
        assertThat(row("busy:1")).containsEntry("state", "PENDING").containsEntry("attempts", 4);
        assertThat(proxy.timesAskedFor("gone@agency.test")).isEqualTo(3);
        assertThat(TestMail.received(SMTP, "fine@agency.test")).hasSize(1);
    }

    @Test
    void aMessageRefusedAtTheEndOfItsDataIsRefusedToo() {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-07T09:00:00Z"));
        enqueue("content:1", "content@agency.test", clock.instant());
        proxy.failNextData(3, "554 5.6.0 Message refused");
        OutboxSender sender = TestMail.sender(jdbi, clock, TestMail.smtp(proxy.port()), configuration(null));
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(sender.runOnce()).isZero();
            clock.advance(Duration.ofHours(1));
        }
        assertThat(row("content:1")).containsEntry("state", "FAILED").containsEntry("attempts", 3);
        assertThat((String) row("content:1").get("last_error")).contains("554 5.6.0 Message refused");
        assertThat(TestMail.received(SMTP, "content@agency.test")).isEmpty();
    }

    @Test
    void aSenderThatLostItsMessageWhileSendingSaysSo() {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-06T09:00:00Z"));
        enqueue("lost:1", "lost@agency.test", clock.instant());
        // While the SMTP server has the message but has not answered yet, another server takes it over.
        proxy.whileDataReplyWaits(() -> jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE outbox SET claimed_by = 'another server' WHERE dedupe_key = 'lost:1'")
                .execute()));
        OutboxSender sender = TestMail.sender(jdbi, clock, TestMail.smtp(proxy.port()), configuration(null));
        Logger logger = (Logger) LoggerFactory.getLogger(OutboxSender.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            assertThat(sender.runOnce()).isEqualTo(1);
        } finally {
            logger.detachAppender(log);
        }
        assertThat(log.list)
                .filteredOn(event -> event.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(message -> assertThat(message)
                        .contains("lost@agency.test", "had lost it", "SENDING (claimed by another server)")
                        .contains((String) row("lost:1").get("message_id")));
        assertThat(row("lost:1")).containsEntry("state", "SENDING");
    }

    private static NotificationsConfiguration configuration(Duration lease) {
        NotificationsConfiguration configuration = new NotificationsConfiguration();
        configuration.setMaxAttempts(8);
        configuration.setMaxAttemptsWhenRefused(3);
        configuration.setFirstRetryDelay(Duration.ofMinutes(1));
        if (lease != null) {
            configuration.setSendLease(lease);
        }
        return configuration;
    }

    private static int runAfter(CountDownLatch go, OutboxSender sender) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return sender.runOnce();
    }

    private static long enqueue(String key, String email, Instant now) {
        return TestMail.enqueueDigest(jdbi, recipientId, key, email, now);
    }

    private static Map<String, Object> row(String key) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT state, attempts, last_error, message_id FROM outbox WHERE dedupe_key = :key")
                .bind("key", key)
                .mapToMap()
                .one());
    }
}
