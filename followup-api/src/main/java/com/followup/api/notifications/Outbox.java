package com.followup.api.notifications;

import static java.util.Objects.requireNonNull;

import com.followup.api.mail.MailMessage;
import com.followup.core.rules.StepKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The outbox table's statements, each run in the caller's transaction: a message is written in the same transaction
 * as the change that causes it, and cancelled in the same transaction as the change that makes it pointless.
 */
public final class Outbox {
    private Outbox() {}

    /**
     * A message to write; its body can be rewritten while it is PENDING. A weekly report's message names the archived
     * report ({@code reportId}) instead of carrying its files: the sender attaches them when it sends.
     */
    public record NewMessage(
            long recipientId,
            String recipientEmail,
            OutboxKind kind,
            String dedupeKey,
            String subject,
            String bodyText,
            Optional<String> bodyHtml,
            Instant dueAt,
            Optional<Long> reportId) {
        public NewMessage {
            requireNonNull(kind, "kind is null");
            requireNonNull(reportId, "reportId is null");
            if ((kind == OutboxKind.WEEKLY_REPORT) != reportId.isPresent()) {
                throw new IllegalArgumentException("a report's message, and only one, names its report: " + kind);
            }
        }

        /** A message whose whole content is its subject and body. */
        public NewMessage(
                long recipientId,
                String recipientEmail,
                OutboxKind kind,
                String dedupeKey,
                String subject,
                String bodyText,
                Optional<String> bodyHtml,
                Instant dueAt) {
            this(recipientId, recipientEmail, kind, dedupeKey, subject, bodyText, bodyHtml, dueAt, Optional.empty());
        }
    }

    /**
     * A message a sender claimed: held by {@code claimedBy} until its lease ends, with the Message-ID it carries on
     * every attempt.
     */
    public record Claimed(
            long id,
            long recipientId,
            String recipientEmail,
            OutboxKind kind,
            String subject,
            String bodyText,
            Optional<String> bodyHtml,
            int attempts,
            String claimedBy,
            String messageId,
            Optional<Long> reportId) {}

    /** A message as stored, for the admins' view and for the planner. */
    public record Stored(
            long id,
            long recipientId,
            String recipientEmail,
            OutboxKind kind,
            String dedupeKey,
            String subject,
            OutboxState state,
            Instant dueAt,
            int attempts,
            Instant nextAttemptAt,
            Optional<String> lastError,
            Optional<Instant> sentAt,
            Instant createdAt,
            Optional<String> messageId) {}

    /** Writes the message unless one with its dedupe key exists; returns the new id, if one was written. */
    public static Optional<Long> enqueue(Handle handle, NewMessage message, Instant now) {
        return handle.createQuery(
                        """
                        INSERT INTO outbox (recipient_id, recipient_email, kind, dedupe_key, subject, body_text,
                                            body_html, due_at, next_attempt_at, created_at, report_id)
                        VALUES (:recipient, :email, :kind, :key, :subject, :text, :html, :due, :due, :now, :report)
                        ON CONFLICT (dedupe_key) DO NOTHING
                        RETURNING id
                        """)
                .bind("recipient", message.recipientId())
                .bind("email", message.recipientEmail())
                .bind("kind", message.kind().name())
                .bind("key", message.dedupeKey())
                .bind("subject", message.subject())
                .bind("text", message.bodyText())
                .bind("html", message.bodyHtml().orElse(null))
                .bind("due", message.dueAt())
                .bind("now", now)
                .bind("report", message.reportId().orElse(null))
                .mapTo(Long.class)
                .findOne();
    }

    /** The message with this dedupe key, locked for the rest of the transaction. */
    public static Optional<Stored> lockByKey(Handle handle, String dedupeKey) {
        return handle.createQuery(SELECT + " WHERE dedupe_key = :key FOR UPDATE")
                .bind("key", dedupeKey)
                .map((rs, context) -> stored(rs))
                .findOne();
    }

    public static Optional<Stored> find(Handle handle, long id) {
        return handle.createQuery(SELECT + " WHERE id = :id")
                .bind("id", id)
                .map((rs, context) -> stored(rs))
                .findOne();
    }

    public static List<Stored> list(Handle handle, Optional<OutboxState> state, int limit, long offset) {
        return handle.createQuery(SELECT + " WHERE (CAST(:state AS text) IS NULL OR state = :state) ORDER BY id DESC"
                        + " LIMIT :limit OFFSET :offset")
                .bind("state", state.map(Enum::name).orElse(null))
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, context) -> stored(rs))
                .list();
    }

    public static long count(Handle handle, Optional<OutboxState> state) {
        return handle.createQuery("SELECT count(*) FROM outbox WHERE (CAST(:state AS text) IS NULL OR state = :state)")
                .bind("state", state.map(Enum::name).orElse(null))
                .mapTo(Long.class)
                .one();
    }

    /** Rewrites the subject and body of a message that has not been claimed yet. */
    public static void rewrite(Handle handle, long id, String subject, String text, Optional<String> html) {
        handle.createUpdate("UPDATE outbox SET subject = :subject, body_text = :text, body_html = :html WHERE id = :id")
                .bind("id", id)
                .bind("subject", subject)
                .bind("text", text)
                .bind("html", html.orElse(null))
                .execute();
    }

    /**
     * Once an account message is sent, its row no longer needs the link: the body is replaced, so the outbox does not
     * keep a usable reset or invitation token in clear (the link table keeps only its hash). Always true.
     */
    public static boolean forgetLink(Handle handle, long id) {
        handle.createUpdate(
                        """
                        UPDATE outbox SET body_text = '(sent; the link is not kept)', body_html = NULL
                         WHERE id = :id AND kind = 'ACCOUNT'
                        """)
                .bind("id", id)
                .execute();
        return true;
    }

    /** Adds an item; false when the item was already in a message. */
    public static boolean addItem(Handle handle, long outboxId, ReminderItem item, Instant now) {
        return handle.createUpdate(
                                """
                        INSERT INTO outbox_items (outbox_id, item_key, interview_id, step_kind, step_sequence,
                                                  contact_id, event, created_at)
                        VALUES (:outbox, :key, :interview, :kind, :sequence, :contact, :event, :now)
                        ON CONFLICT (item_key) DO NOTHING
                        """)
                        .bind("outbox", outboxId)
                        .bind("key", item.key())
                        .bind("interview", item.interviewId())
                        .bind("kind", item.kind().name())
                        .bind("sequence", item.sequence())
                        .bind("contact", item.contactId().orElse(null))
                        .bind("event", item.event().name())
                        .bind("now", now)
                        .execute()
                > 0;
    }

    /** Which of these item keys are already part of a message (sent, pending or cancelled). */
    public static List<String> knownItems(Handle handle, List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return handle.createQuery("SELECT item_key FROM outbox_items WHERE item_key = ANY(:keys)")
                .bind("keys", keys.toArray(String[]::new))
                .mapTo(String.class)
                .list();
    }

    /** An item of a message, with when it was queued. */
    public record StoredItem(ReminderItem item, Instant createdAt) {}

    /** The items of a message that are not cancelled. */
    public static List<StoredItem> items(Handle handle, long outboxId) {
        return handle.createQuery(
                        """
                        SELECT interview_id, step_kind, step_sequence, contact_id, event, item_key, created_at
                          FROM outbox_items WHERE outbox_id = :id AND cancelled_at IS NULL
                         ORDER BY created_at, item_key
                        """)
                .bind("id", outboxId)
                .map((rs, context) -> {
                    String key = rs.getString("item_key");
                    long epoch = Long.parseLong(key.substring(key.lastIndexOf(':') + 1));
                    long contact = rs.getLong("contact_id");
                    Optional<Long> contactId = rs.wasNull() ? Optional.empty() : Optional.of(contact);
                    return new StoredItem(
                            new ReminderItem(
                                    rs.getLong("interview_id"),
                                    StepKind.valueOf(rs.getString("step_kind")),
                                    rs.getInt("step_sequence"),
                                    contactId,
                                    ReminderItem.Event.valueOf(rs.getString("event")),
                                    Instant.ofEpochSecond(epoch)),
                            rs.getObject("created_at", java.time.OffsetDateTime.class)
                                    .toInstant());
                })
                .list();
    }

    public static void cancelItem(Handle handle, long outboxId, ReminderItem item, Instant now, String reason) {
        handle.createUpdate(
                        """
                        UPDATE outbox_items SET cancelled_at = :now, cancel_reason = :reason
                         WHERE outbox_id = :outbox AND item_key = :key AND cancelled_at IS NULL
                        """)
                .bind("outbox", outboxId)
                .bind("key", item.key())
                .bind("now", now)
                .bind("reason", reason)
                .execute();
    }

    /**
     * Reply-aware: a reply restarts the thread, so the pending reminders of that interview's status checks are
     * cancelled with the reply, in its transaction. Messages left with nothing to say are cancelled too.
     */
    public static int cancelStatusCheckReminders(Handle handle, long interviewId, Instant now, String reason) {
        int cancelled = handle.createUpdate(
                        """
                        UPDATE outbox_items i SET cancelled_at = :now, cancel_reason = :reason
                          FROM outbox o
                         WHERE o.id = i.outbox_id AND o.state = 'PENDING' AND i.cancelled_at IS NULL
                           AND i.interview_id = :interview AND i.step_kind = 'STATUS_CHECK'
                        """)
                .bind("interview", interviewId)
                .bind("now", now)
                .bind("reason", reason)
                .execute();
        cancelEmptyMessages(handle, now, reason);
        return cancelled;
    }

    /** Cancels PENDING candidate messages whose every item is cancelled. */
    public static void cancelEmptyMessages(Handle handle, Instant now, String reason) {
        handle.createUpdate(
                        """
                        UPDATE outbox o SET state = 'CANCELLED', last_error = :reason
                         WHERE o.state = 'PENDING' AND o.kind IN ('CANDIDATE_DIGEST', 'CANDIDATE_URGENT')
                           AND EXISTS (SELECT 1 FROM outbox_items i WHERE i.outbox_id = o.id)
                           AND NOT EXISTS (SELECT 1 FROM outbox_items i WHERE i.outbox_id = o.id
                                                                         AND i.cancelled_at IS NULL)
                        """)
                .bind("reason", reason)
                .execute();
    }

    /**
     * Claims the next due message for one sender: a PENDING one whose attempt is due, or a SENDING one whose sender's
     * lease ran out (it died mid-send). One message a claim, under its own lease that the sender renews while it talks
     * to the SMTP server: a batch claimed at once could outlive its lease while the first messages went out slowly, and
     * another sender would take the rest again. SKIP LOCKED lets any number of senders claim at once, each getting a
     * different row. The Message-ID is given on the first claim and kept for every later one.
     */
    public static Optional<Claimed> claimNext(
            Handle handle, Instant now, Instant leaseEnd, String claimedBy, String newMessageId) {
        return handle.createQuery(
                        """
                        UPDATE outbox SET state = 'SENDING', attempts = attempts + 1, claimed_by = :claim,
                                          locked_until = :leaseEnd, message_id = COALESCE(message_id, :messageId)
                         WHERE id = (SELECT id FROM outbox
                                      WHERE (state = 'PENDING' AND next_attempt_at <= :now)
                                         OR (state = 'SENDING' AND locked_until < :now)
                                      ORDER BY next_attempt_at, id
                                      LIMIT 1
                                      FOR UPDATE SKIP LOCKED)
                        RETURNING id, recipient_id, recipient_email, kind, subject, body_text, body_html, attempts,
                                  claimed_by, message_id, report_id
                        """)
                .bind("now", now)
                .bind("leaseEnd", leaseEnd)
                .bind("claim", claimedBy)
                .bind("messageId", newMessageId)
                .map((rs, context) -> new Claimed(
                        rs.getLong("id"),
                        rs.getLong("recipient_id"),
                        rs.getString("recipient_email"),
                        OutboxKind.valueOf(rs.getString("kind")),
                        rs.getString("subject"),
                        rs.getString("body_text"),
                        Optional.ofNullable(rs.getString("body_html")),
                        rs.getInt("attempts"),
                        rs.getString("claimed_by"),
                        rs.getString("message_id"),
                        Optional.ofNullable((Long) rs.getObject("report_id"))))
                .findOne();
    }

    /** Moves the end of a claimed message's lease; false if this sender no longer holds it. */
    public static boolean renewLease(Handle handle, Claimed message, Instant leaseEnd) {
        return handle.createUpdate(
                                """
                        UPDATE outbox SET locked_until = :leaseEnd
                         WHERE id = :id AND state = 'SENDING' AND claimed_by = :claim
                        """)
                        .bind("id", message.id())
                        .bind("claim", message.claimedBy())
                        .bind("leaseEnd", leaseEnd)
                        .execute()
                == 1;
    }

    /** Marks a claimed message sent; false if this sender no longer holds it. */
    public static boolean markSent(Handle handle, Claimed message, Instant now) {
        return handle.createUpdate(
                                """
                        UPDATE outbox SET state = 'SENT', sent_at = :now, locked_until = NULL, last_error = NULL
                         WHERE id = :id AND state = 'SENDING' AND claimed_by = :claim
                        """)
                        .bind("id", message.id())
                        .bind("claim", message.claimedBy())
                        .bind("now", now)
                        .execute()
                == 1;
    }

    /** Where the message stands now and who holds it, to say what happened when this sender lost it. */
    public static String standing(Handle handle, long id) {
        return handle.createQuery("SELECT state || COALESCE(' (claimed by ' || claimed_by || ')', '') FROM outbox"
                        + " WHERE id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .findOne()
                .orElse("deleted");
    }

    /** The files of an archived report, attached to its message when it is sent (the row only names the report). */
    public static List<MailMessage.Attachment> reportFiles(Handle handle, long reportId) {
        return handle.createQuery(
                        """
                        SELECT file_name, media_type, content FROM report_files WHERE report_id = :id
                         ORDER BY CASE format WHEN 'PDF' THEN 0 ELSE 1 END, format
                        """)
                .bind("id", reportId)
                .map((rs, context) -> new MailMessage.Attachment(
                        rs.getString("file_name"), rs.getString("media_type"), rs.getBytes("content")))
                .list();
    }

    /** Back to PENDING for another attempt at {@code nextAttempt}, or FAILED for good; false if no longer held. */
    public static boolean markFailed(Handle handle, Claimed message, String error, Optional<Instant> nextAttempt) {
        return handle.createUpdate(
                                """
                        UPDATE outbox SET state = :state, next_attempt_at = COALESCE(:next, next_attempt_at),
                                          locked_until = NULL, last_error = :error
                         WHERE id = :id AND state = 'SENDING' AND claimed_by = :claim
                        """)
                        .bind("id", message.id())
                        .bind("claim", message.claimedBy())
                        .bind("state", nextAttempt.isPresent() ? OutboxState.PENDING.name() : OutboxState.FAILED.name())
                        .bind("next", nextAttempt.orElse(null))
                        .bind("error", error.length() > 2000 ? error.substring(0, 2000) : error)
                        .execute()
                == 1;
    }

    /** Cancels a claimed message that has nothing left to say. */
    public static void markCancelled(Handle handle, Claimed message, String reason) {
        handle.createUpdate(
                        """
                        UPDATE outbox SET state = 'CANCELLED', locked_until = NULL, last_error = :reason
                         WHERE id = :id AND state = 'SENDING' AND claimed_by = :claim
                        """)
                .bind("id", message.id())
                .bind("claim", message.claimedBy())
                .bind("reason", reason)
                .execute();
    }

    private static final String SELECT =
            """
            SELECT id, recipient_id, recipient_email, kind, dedupe_key, subject, state, due_at, attempts,
                   next_attempt_at, last_error, sent_at, created_at, message_id
              FROM outbox""";

    private static Stored stored(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Stored(
                rs.getLong("id"),
                rs.getLong("recipient_id"),
                rs.getString("recipient_email"),
                OutboxKind.valueOf(rs.getString("kind")),
                rs.getString("dedupe_key"),
                rs.getString("subject"),
                OutboxState.valueOf(rs.getString("state")),
                instant(rs, "due_at"),
                rs.getInt("attempts"),
                instant(rs, "next_attempt_at"),
                Optional.ofNullable(rs.getString("last_error")),
                Optional.ofNullable(instant(rs, "sent_at")),
                instant(rs, "created_at"),
                Optional.ofNullable(rs.getString("message_id")));
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        java.time.OffsetDateTime value = rs.getObject(column, java.time.OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
