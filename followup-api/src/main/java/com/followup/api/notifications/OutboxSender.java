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
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what is due in the outbox. Claiming marks rows SENDING in a short transaction ({@code FOR UPDATE SKIP
 * LOCKED}), so no database lock is held while the SMTP server is slow, and each row goes to one sender. A failure
 * puts the row back to PENDING with a doubled wait, until {@code maxAttempts}; a sender that dies mid-send leaves its
 * rows to be claimed again when their lease ends.
 */
public final class OutboxSender {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration LONGEST_WAIT = Duration.ofHours(6);
    private static final int BATCH = 50;

    private final Jdbi jdbi;
    private final Clock clock;
    private final MailSender mail;
    private final CandidateReminders reminders;
    private final NotificationsConfiguration configuration;

    public OutboxSender(
            Jdbi jdbi,
            Clock clock,
            MailSender mail,
            CandidateReminders reminders,
            NotificationsConfiguration configuration) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.mail = requireNonNull(mail, "mail is null");
        this.reminders = requireNonNull(reminders, "reminders is null");
        this.configuration = requireNonNull(configuration, "configuration is null");
    }

    /** Sends one batch of due messages; returns how many were sent. Nothing happens when mail is disabled. */
    public int runOnce() {
        if (!mail.enabled()) {
            return 0;
        }
        Instant now = clock.instant();
        String claim = UUID.randomUUID().toString();
        List<Outbox.Claimed> claimed =
                jdbi.inTransaction(handle -> Outbox.claim(handle, now, now.plus(LEASE), claim, BATCH));
        int sent = 0;
        for (Outbox.Claimed message : claimed) {
            Optional<MailMessage> prepared = jdbi.inTransaction(handle -> prepare(handle, message, now));
            if (prepared.isEmpty()) {
                continue;
            }
            try {
                mail.send(prepared.get());
                Instant sentAt = clock.instant();
                jdbi.useTransaction(handle -> Outbox.markSent(handle, message, sentAt));
                sent++;
            } catch (MailException | RuntimeException e) {
                Optional<Instant> next = message.attempts() >= configuration.getMaxAttempts()
                        ? Optional.empty()
                        : Optional.of(now.plus(backoff(message.attempts())));
                LOG.warn(
                        "Sending outbox message {} failed (attempt {}): {}",
                        message.id(),
                        message.attempts(),
                        e.toString());
                jdbi.useTransaction(handle -> Outbox.markFailed(handle, message, e.getMessage(), next));
            }
        }
        return sent;
    }

    /** The wait after the {@code attempts}-th failure: the first retry delay, doubled each time, at most 6 hours. */
    Duration backoff(int attempts) {
        Duration wait = configuration.getFirstRetryDelay();
        for (int i = 1; i < attempts && wait.compareTo(LONGEST_WAIT) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    private Optional<MailMessage> prepare(org.jdbi.v3.core.Handle handle, Outbox.Claimed message, Instant now) {
        Preferences.Preference preference = Preferences.of(handle, message.recipientId(), now);
        if (!preference.emailEnabled()) {
            Outbox.markCancelled(handle, message, "the recipient turned e-mails off");
            return Optional.empty();
        }
        String unsubscribe = configuration.getPortalBaseUrl() + "/api/unsubscribe/" + preference.unsubscribeToken();
        String subject = message.subject();
        String text = message.bodyText();
        Optional<String> html = message.bodyHtml();
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
            case RECRUITER_DIGEST -> {}
        }
        MailMessage mailMessage = MailMessage.of(message.recipientEmail(), subject, text)
                .withHeaders(Map.of(
                        "List-Unsubscribe",
                        "<" + unsubscribe + ">",
                        "List-Unsubscribe-Post",
                        "List-Unsubscribe=One-Click",
                        "X-Followup-Outbox-Id",
                        String.valueOf(message.id())));
        return Optional.of(html.map(mailMessage::withHtml).orElse(mailMessage));
    }
}
