package com.followup.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What survives a slow SMTP server and an SMTP outage, measured: the figures of docs/operations.md. Not part of the
 * normal test run (the name does not end in Test); run it with the command in docs/operations.md.
 */
class SlowSmtpMeasurement {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final int MESSAGES = 48;
    static Jdbi jdbi;
    static long recipientId;

    @BeforeAll
    static void setUp() {
        jdbi = TestMail.jdbi(DATABASE);
        recipientId = TestApp.user(DATABASE, "ada@agency.test", "Ada Admin", Role.ADMIN);
    }

    /**
     * The tester's case at a twentieth of its times: 48 messages, two servers, the SMTP server acknowledging each
     * message after 400 ms (8 s), a 15 s lease (5 min), each server's job every 3 s (1 min). Then the same with every
     * acknowledgement longer than the lease itself.
     */
    @Test
    void aSlowSmtpServerAndTwoServers() throws Exception {
        measureSlow("slow", Duration.ofMillis(400), Duration.ofSeconds(15));
        measureSlow("slower-than-the-lease", Duration.ofMillis(1500), Duration.ofSeconds(1));
    }

    private static void measureSlow(String name, Duration acknowledgement, Duration lease) throws Exception {
        GreenMail smtp = TestMail.greenMail();
        smtp.start();
        try (SmtpProxy proxy = SmtpProxy.start(smtp.getSmtp().getPort())) {
            proxy.delayDataReply(acknowledgement);
            Instant now = Instant.now();
            for (int index = 0; index < MESSAGES; index++) {
                enqueue(name + ":" + index, name + index + "@agency.test", now);
            }
            NotificationsConfiguration configuration = new NotificationsConfiguration();
            configuration.setSendLease(lease);
            SmtpConfiguration client = TestMail.smtp(proxy.port());
            List<OutboxSender> servers = List.of(
                    TestMail.sender(jdbi, Clock.systemUTC(), client, configuration),
                    TestMail.sender(jdbi, Clock.systemUTC(), client, configuration));
            ExecutorService threads = Executors.newFixedThreadPool(2);
            long started = System.nanoTime();
            List<Future<Integer>> sent;
            try {
                sent = threads.invokeAll(servers.stream()
                        .map(server -> (java.util.concurrent.Callable<Integer>) () -> tickUntilDrained(server, name))
                        .toList());
            } finally {
                threads.shutdownNow();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Report report = report(smtp, name);
            System.out.printf(
                    "%s: %d messages, acknowledgement %d ms, lease %d ms, two servers: sent %d + %d in %.1f s;"
                            + " received %d, distinct Message-IDs %d, duplicates %d, attempts above one %d%n",
                    name,
                    MESSAGES,
                    acknowledgement.toMillis(),
                    lease.toMillis(),
                    sent.get(0).get(),
                    sent.get(1).get(),
                    took.toMillis() / 1000.0,
                    report.received(),
                    report.distinctIds(),
                    report.duplicates(),
                    report.retries());
            assertThat(report.duplicates()).isZero();
        } finally {
            smtp.stop();
        }
    }

    /**
     * SMTP outages of 30 minutes and of 150 minutes with 48 messages waiting, on a controlled clock that moves a
     * minute a job run, with the default attempts and backoff: what is delivered, how often each message was tried,
     * and how long after the server came back the last one went.
     */
    @Test
    void anSmtpOutage() throws Exception {
        measureOutage("outage-30", 30);
        measureOutage("outage-150", 150);
    }

    private static void measureOutage(String name, int outageMinutes) throws Exception {
        int port = TestMail.freePort();
        GreenMail smtp = TestMail.greenMail(port);
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T09:00:00Z"));
        for (int index = 0; index < MESSAGES; index++) {
            enqueue(name + ":" + index, name + index + "@agency.test", clock.instant());
        }
        NotificationsConfiguration configuration = new NotificationsConfiguration();
        SmtpConfiguration client = TestMail.smtp(port);
        client.setTimeout(Duration.ofSeconds(2));
        List<OutboxSender> servers = List.of(
                TestMail.sender(jdbi, clock, client, configuration),
                TestMail.sender(jdbi, clock, client, configuration));
        for (int minute = 0; minute < outageMinutes; minute++) {
            for (OutboxSender server : servers) {
                server.runOnce();
            }
            clock.advance(Duration.ofMinutes(1));
        }
        long failedDuringOutage = count("state = 'FAILED' AND dedupe_key LIKE '" + name + ":%'");
        smtp.start();
        try {
            int minutesAfter = 0;
            while (count("state IN ('PENDING', 'SENDING') AND dedupe_key LIKE '" + name + ":%'") > 0) {
                for (OutboxSender server : servers) {
                    server.runOnce();
                }
                clock.advance(Duration.ofMinutes(1));
                minutesAfter++;
            }
            Report report = report(smtp, name);
            Map<String, Object> attempts = jdbi.withHandle(
                    handle -> handle.createQuery("SELECT min(attempts) AS least, max(attempts) AS most FROM outbox"
                                    + " WHERE dedupe_key LIKE '" + name + ":%'")
                            .mapToMap()
                            .one());
            System.out.printf(
                    "%s: %d messages, SMTP down %d min: FAILED during the outage %d; after it came back the rest"
                            + " were sent within %d min; received %d, duplicates %d, attempts per message %s to %s%n",
                    name,
                    MESSAGES,
                    outageMinutes,
                    failedDuringOutage,
                    minutesAfter,
                    report.received(),
                    report.duplicates(),
                    attempts.get("least"),
                    attempts.get("most"));
            assertThat(report.duplicates()).isZero();
        } finally {
            smtp.stop();
        }
    }

    /** One server's job: a run, then the (scaled) job interval, until nothing is left to send. */
    private static int tickUntilDrained(OutboxSender server, String name) throws InterruptedException {
        int sent = 0;
        while (count("state IN ('PENDING', 'SENDING') AND dedupe_key LIKE '" + name + ":%'") > 0) {
            sent += server.runOnce();
            Thread.sleep(3000);
        }
        return sent;
    }

    private record Report(int received, int distinctIds, int duplicates, long retries) {}

    private static Report report(GreenMail smtp, String name) {
        MimeMessage[] received = smtp.getReceivedMessages();
        Set<String> ids = new HashSet<>();
        Map<String, Integer> perRecipient = new HashMap<>();
        for (MimeMessage message : received) {
            ids.add(TestMail.messageId(message));
            try {
                perRecipient.merge(message.getAllRecipients()[0].toString(), 1, Integer::sum);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        int duplicates =
                perRecipient.values().stream().mapToInt(count -> count - 1).sum();
        long retries = count("attempts > 1 AND dedupe_key LIKE '" + name + ":%'");
        return new Report(received.length, ids.size(), duplicates, retries);
    }

    private static long count(String condition) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM outbox WHERE " + condition)
                .mapTo(Long.class)
                .one());
    }

    private static void enqueue(String key, String email, Instant now) {
        TestMail.enqueueDigest(jdbi, recipientId, key, email, now);
    }
}
