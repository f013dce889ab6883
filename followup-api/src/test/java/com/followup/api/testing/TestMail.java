package com.followup.api.testing;

import com.followup.api.cache.ChangeFeed;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.mail.SmtpConfiguration;
import com.followup.api.mail.SmtpMailSender;
import com.followup.api.notifications.CandidateReminders;
import com.followup.api.notifications.NotificationsConfiguration;
import com.followup.api.notifications.Outbox;
import com.followup.api.notifications.OutboxKind;
import com.followup.api.notifications.OutboxSender;
import com.followup.api.policy.JdbiPolicyStore;
import com.followup.core.rules.PlanEvaluator;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.dropwizard.jackson.Jackson;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/** Mail for tests: a real SMTP server (GreenMail) on a free port, and outbox senders as each server builds one. */
public final class TestMail {
    /** The lease renewals of every test's senders, as a server's lifecycle would give them (daemon: never stopped). */
    public static final ScheduledExecutorService LEASE_RENEWALS = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "test-outbox-lease-renewal");
        thread.setDaemon(true);
        return thread;
    });

    private TestMail() {}

    /** A GreenMail SMTP server on a free loopback port, not started yet. */
    public static GreenMail greenMail() {
        return greenMail(freePort());
    }

    /** A GreenMail SMTP server on the loopback's {@code port}, not started yet. */
    public static GreenMail greenMail(int port) {
        return new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    /** The {@code smtp:} section for a server on the loopback's {@code port}, in clear, with a 10 s timeout. */
    public static SmtpConfiguration smtp(int port) {
        SmtpConfiguration smtp = new SmtpConfiguration();
        smtp.setHost("127.0.0.1");
        smtp.setPort(port);
        smtp.setStartTls(false);
        smtp.setFrom("Followup <followup@agency.test>");
        smtp.setTimeout(Duration.ofSeconds(10));
        return smtp;
    }

    /** The database of {@code database} as the server sees it (with the PostgreSQL plugin). */
    public static Jdbi jdbi(PostgresDatabaseExtension database) {
        Jdbi jdbi = Jdbi.create(database::connect);
        jdbi.installPlugin(new PostgresPlugin());
        return jdbi;
    }

    /** One server's outbox sender, with its own SMTP client, on {@code clock}. */
    public static OutboxSender sender(
            Jdbi jdbi, Clock clock, SmtpConfiguration smtp, NotificationsConfiguration notifications) {
        JdbiPolicyStore policies = new JdbiPolicyStore(
                jdbi, Jackson.newObjectMapper(), ZoneId.of("UTC"), clock, ChangeFeed.notListening());
        return new OutboxSender(
                jdbi,
                clock,
                new SmtpMailSender(smtp),
                new CandidateReminders(
                        new JdbiInterviewRecords(jdbi),
                        policies,
                        new PlanEvaluator(),
                        notifications.getPortalBaseUrl()),
                notifications,
                LEASE_RENEWALS);
    }

    /** The messages {@code smtp} received for {@code address}, in order. */
    /** Puts one recruiter digest for {@code email} in the outbox, keyed {@code key}; its id. */
    public static long enqueueDigest(Jdbi jdbi, long recipient, String key, String email, Instant now) {
        return jdbi.inTransaction(handle -> Outbox.enqueue(
                        handle,
                        new Outbox.NewMessage(
                                recipient,
                                email,
                                OutboxKind.RECRUITER_DIGEST,
                                key,
                                "Digest " + key,
                                "Body " + key,
                                Optional.empty(),
                                now),
                        now)
                .orElseThrow());
    }

    public static List<MimeMessage> received(GreenMail smtp, String address) {
        List<MimeMessage> matching = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                if (message.getAllRecipients()[0].toString().equalsIgnoreCase(address)) {
                    matching.add(message);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return matching;
    }

    /** The Message-ID header of a received message. */
    public static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether an address is on a name reserved for examples and tests (RFC 2606, RFC 6761): {@code example.com},
     * {@code .net} and {@code .org}, and anything under {@code .example}, {@code .test}, {@code .invalid} or
     * {@code .localhost}. Made-up data must use only these, so that it can never mail a stranger.
     */
    public static boolean onReservedDomain(String address) {
        String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
        return List.of("example.com", "example.net", "example.org").contains(domain)
                || List.of("example", "test", "invalid", "localhost").stream()
                        .anyMatch(top -> domain.equals(top) || domain.endsWith("." + top));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
