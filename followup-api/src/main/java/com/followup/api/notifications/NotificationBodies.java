package com.followup.api.notifications;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.Optional;

/**
 * The request and response bodies of one's e-mail preference, the admins' view of the outbox and the calendar feed,
 * moved unchanged from {@code NotificationResource} and {@code CalendarResource} (their simple names are the OpenAPI
 * schema names).
 */
public final class NotificationBodies {
    private NotificationBodies() {}

    /** A calendar feed's secret URL, shown once, and when it was made. */
    public record FeedView(String url, Instant renewedAt) {}

    /** Whether a candidate has a calendar feed: when it was first made and when its address was last renewed. */
    public record FeedStatusView(Instant createdAt, Instant renewedAt) {}

    public record PreferenceView(boolean emailEnabled) {}

    public record PreferenceChange(@NotNull Boolean emailEnabled) {}

    public record OutboxView(
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
            Optional<String> messageId) {
        static OutboxView of(Outbox.Stored stored) {
            return new OutboxView(
                    stored.id(),
                    stored.recipientId(),
                    stored.recipientEmail(),
                    stored.kind(),
                    stored.dedupeKey(),
                    stored.subject(),
                    stored.state(),
                    stored.dueAt(),
                    stored.attempts(),
                    stored.nextAttemptAt(),
                    stored.lastError(),
                    stored.sentAt(),
                    stored.createdAt(),
                    stored.messageId());
        }
    }
}
