package com.followup.api.webhooks;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Request and response bodies of the webhook use cases (decision 0036). */
public final class WebhookBodies {
    private WebhookBodies() {}

    /**
     * A new endpoint, or the whole endpoint as it should be (with the {@code version} read). {@code events} are wire
     * names such as {@code touch.logged}; {@code enabled} defaults to true.
     */
    public record EndpointRequest(
            @NotBlank @Size(max = 2000) String url,
            @Size(max = 500) String description,
            @NotNull @NotEmpty List<@NotBlank String> events,
            Boolean enabled,
            Integer version) {}

    public record EndpointView(
            long id,
            String url,
            String description,
            List<String> events,
            boolean enabled,
            Optional<String> disabledReason,
            Optional<Instant> failingSince,
            Optional<Instant> previousSecretValidUntil,
            Instant createdAt,
            int version) {}

    /** An endpoint with its signing secret: answered once, when it is made or its secret is rotated. */
    public record IssuedSecret(EndpointView endpoint, String secret) {}

    public record DeliveryView(
            long id,
            String eventId,
            String eventType,
            long endpointId,
            String state,
            int attempts,
            Optional<Instant> nextAttemptAt,
            Optional<Integer> lastStatus,
            Optional<String> lastError,
            Optional<Instant> deliveredAt,
            Instant createdAt) {}

    /** One attempt of the delivery log: the receiver's status (none when it was not reached), its time, the error. */
    public record AttemptView(
            long id,
            long deliveryId,
            String eventId,
            String eventType,
            Instant attemptedAt,
            Optional<Integer> status,
            int durationMs,
            Optional<String> error) {}
}
