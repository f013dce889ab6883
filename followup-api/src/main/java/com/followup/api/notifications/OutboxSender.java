package com.followup.api.notifications;

import static java.util.Objects.requireNonNull;

import com.followup.api.mail.MailException;
import com.followup.api.mail.MailMessage;
import com.followup.api.mail.MailSender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what is due in the outbox, one message at a time: each is claimed in a short transaction ({@code FOR UPDATE
 * SKIP LOCKED}) under a lease of its own, which is renewed while the SMTP conversation lasts, so however slow the SMTP
 * server is, no other sender takes a message this one is still sending, and no database lock is held meanwhile. Every
 * attempt at a message carries the Message-ID stored with it. A failure puts the row back to PENDING with a doubled
 * wait, until {@code maxAttempts} ({@code maxAttemptsWhenRefused} when the server refused it for good); a sender that
 * dies mid-send leaves its one message to be claimed again when its lease ends (decision 0014).
 */
public final class OutboxSender {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    private static final Duration LONGEST_WAIT = Duration.ofHours(6);
    /** Claims one run makes at most, so the planner, on the same timer, gets its turn during a long backlog. */
    private static final int MESSAGES_PER_RUN = 50;

    private final Jdbi jdbi;
    private final Clock clock;
    private final MailSender mail;
    private final CandidateReminders reminders;
    private final NotificationsConfiguration configuration;
    private final ScheduledExecutorService renewals;

    /**
     * {@code renewals} runs the lease renewals of messages being sent; its owner shuts it down (the server's lifecycle,
     * after the jobs' executor, so a pass finishing its message still has its renewals).
     */
    public OutboxSender(
            Jdbi jdbi,
            Clock clock,
            MailSender mail,
            CandidateReminders reminders,
            NotificationsConfiguration configuration,
            ScheduledExecutorService renewals) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.mail = requireNonNull(mail, "mail is null");
        this.reminders = requireNonNull(reminders, "reminders is null");
        this.configuration = requireNonNull(configuration, "configuration is null");
        this.renewals = requireNonNull(renewals, "renewals is null");
    }

    /** Sends the due messages, up to 50; returns how many were sent. Nothing happens when mail is disabled. */
    public int runOnce() {
        if (!mail.enabled()) {
            return 0;
        }
        int sent = 0;
        // Interrupted when the server stops: the message being sent is finished, the rest wait for the next run.
        for (int claims = 0;
                claims < MESSAGES_PER_RUN && !Thread.currentThread().isInterrupted();
                claims++) {
            Optional<Outcome> outcome = sendNext();
            if (outcome.isEmpty()) {
                break;
            }
            if (outcome.get() == Outcome.SENT) {
                sent++;
            }
        }
        return sent;
    }

    private enum Outcome {
        SENT,
        NOT_SENT
    }

    /** Claims the next due message and tries to send it; empty when nothing is due. */
    private Optional<Outcome> sendNext() {
        Instant now = clock.instant();
        Duration lease = configuration.getSendLease();
        String claim = UUID.randomUUID().toString();
        Optional<Outbox.Claimed> claimed = jdbi.inTransaction(
                handle -> Outbox.claimNext(handle, now, now.plus(lease), claim, mail.newMessageId()));
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        Outbox.Claimed message = claimed.get();
        try {
            Optional<MailMessage> prepared = jdbi.inTransaction(handle -> prepare(handle, message, now));
            if (prepared.isEmpty()) {
                return Optional.of(Outcome.NOT_SENT);
            }
            try (LeaseRenewal renewal = new LeaseRenewal(message, lease)) {
                mail.send(prepared.get());
            }
        } catch (MailException e) {
            failed(message, e, e.permanent());
            return Optional.of(Outcome.NOT_SENT);
        } catch (RuntimeException e) {
            failed(message, e, false);
            return Optional.of(Outcome.NOT_SENT);
        }
        Instant sentAt = clock.instant();
        if (!jdbi.inTransaction(handle -> Outbox.markSent(handle, message, sentAt)
                && (message.kind() != OutboxKind.ACCOUNT || Outbox.forgetLink(handle, message.id())))) {
            LOG.warn(
                    "Outbox message {} to {} went out (Message-ID {}), but this sender had lost it: it is {} now."
                            + " It may have gone out twice; the copies share the Message-ID.",
                    message.id(),
                    message.recipientEmail(),
                    message.messageId(),
                    standing(message));
        }
        return Optional.of(Outcome.SENT);
    }

    private void failed(Outbox.Claimed message, Exception failure, boolean refused) {
        int allowed = refused
                ? Math.min(configuration.getMaxAttemptsWhenRefused(), configuration.getMaxAttempts())
                : configuration.getMaxAttempts();
        Optional<Instant> next = message.attempts() >= allowed
                ? Optional.empty()
                : Optional.of(clock.instant().plus(backoff(message.attempts())));
        String error = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        if (next.isPresent()) {
            LOG.warn(
                    "Sending outbox message {} failed (attempt {}{}), next attempt at {}: {}",
                    message.id(),
                    message.attempts(),
                    refused ? ", refused" : "",
                    next.get(),
                    failure.toString());
        } else {
            LOG.error(
                    "Outbox message {} to {} FAILED after {} attempts{}: {}",
                    message.id(),
                    message.recipientEmail(),
                    message.attempts(),
                    refused ? " (refused by the SMTP server)" : "",
                    failure.toString());
        }
        if (!jdbi.inTransaction(handle -> Outbox.markFailed(handle, message, error, next))) {
            LOG.warn(
                    "Outbox message {} failed, but this sender had lost it: it is {} now",
                    message.id(),
                    standing(message));
        }
    }

    private String standing(Outbox.Claimed message) {
        return jdbi.withHandle(handle -> Outbox.standing(handle, message.id()));
    }

    /** The wait after the {@code attempts}-th failure: the first retry delay, doubled each time, at most 6 hours. */
    Duration backoff(int attempts) {
        Duration wait = configuration.getFirstRetryDelay();
        for (int i = 1; i < attempts && wait.compareTo(LONGEST_WAIT) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    private Optional<MailMessage> prepare(Handle handle, Outbox.Claimed message, Instant now) {
        if (message.kind() == OutboxKind.ACCOUNT) {
            MailMessage account = MailMessage.of(message.recipientEmail(), message.subject(), message.bodyText())
                    .withMessageId(message.messageId())
                    .withHeaders(Map.of("X-Followup-Outbox-Id", String.valueOf(message.id())));
            return Optional.of(message.bodyHtml().map(account::withHtml).orElse(account));
        }
        Preferences.Preference preference = Preferences.of(handle, message.recipientId(), now);
        if (!preference.emailEnabled()) {
            Outbox.markCancelled(handle, message, "the recipient turned e-mails off");
            return Optional.empty();
        }
        String unsubscribe = configuration.unsubscribeUrl(message.recipientId());
        String subject = message.subject();
        String text = message.bodyText();
        Optional<String> html = message.bodyHtml();
        List<MailMessage.Attachment> attachments = List.of();
        switch (message.kind()) {
            case CANDIDATE_DIGEST, CANDIDATE_URGENT -> {
                // Reply-aware: whatever was done or answered since planning is dropped now.
                Optional<MailText> fresh = reminders.render(handle, message.id(), message.kind(), unsubscribe, now);
                if (fresh.isEmpty()) {
                    Outbox.markCancelled(handle, message, "nothing left to remind of");
                    return Optional.empty();
                }
                subject = fresh.get().subject();
                text = fresh.get().text();
                html = Optional.of(fresh.get().html());
                Outbox.rewrite(handle, message.id(), subject, text, html);
            }
            case RECRUITER_DIGEST, WEBHOOK_ALERT -> {}
            case ACCOUNT -> throw new IllegalStateException("account mail is prepared above");
            case WEEKLY_REPORT -> {
                // The row names the archived report; its files are read now rather than copied into every row.
                long report = message.reportId()
                        .orElseThrow(
                                () -> new IllegalStateException("report message " + message.id() + " names no report"));
                attachments = Outbox.reportFiles(handle, report);
                if (attachments.isEmpty()) {
                    throw new IllegalStateException("report " + report + " has no files");
                }
            }
        }
        MailMessage mailMessage = MailMessage.of(message.recipientEmail(), subject, text)
                .withMessageId(message.messageId())
                .withHeaders(Map.of(
                        "List-Unsubscribe",
                        "<" + unsubscribe + ">",
                        "List-Unsubscribe-Post",
                        "List-Unsubscribe=One-Click",
                        "X-Followup-Outbox-Id",
                        String.valueOf(message.id())));
        for (MailMessage.Attachment attachment : attachments) {
            mailMessage = mailMessage.withAttachment(attachment);
        }
        return Optional.of(html.map(mailMessage::withHtml).orElse(mailMessage));
    }

    /**
     * Moves the lease of the message being sent on, every third of the lease, until closed. Closing waits for a
     * renewal under way, so it cannot land after the message is marked sent and be mistaken for a lost lease.
     */
    private final class LeaseRenewal implements AutoCloseable {
        private final Outbox.Claimed message;
        private final Duration lease;
        private final ScheduledFuture<?> task;
        private boolean stopped;

        LeaseRenewal(Outbox.Claimed message, Duration lease) {
            this.message = message;
            this.lease = lease;
            long every = Math.max(1, lease.toMillis() / 3);
            this.task = renewals.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
        }

        private synchronized void renew() {
            if (stopped) {
                return;
            }
            try {
                Instant leaseEnd = clock.instant().plus(lease);
                if (!jdbi.inTransaction(handle -> Outbox.renewLease(handle, message, leaseEnd))) {
                    stopped = true;
                    LOG.warn(
                            "Outbox message {} was taken from this sender while it was still being sent (it is {}"
                                    + " now); it may go out twice, with the same Message-ID {}",
                            message.id(),
                            standing(message),
                            message.messageId());
                }
            } catch (RuntimeException e) {
                // The next renewal tries again; the lease still has two thirds of its length to run.
                LOG.warn("Renewing the lease of outbox message {} failed: {}", message.id(), e.toString());
            }
        }

        @Override
        public void close() {
            synchronized (this) {
                stopped = true;
            }
            task.cancel(false);
        }
    }
}
