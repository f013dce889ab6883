package com.followup.api.webhooks;

import static java.util.Objects.requireNonNull;

import com.followup.api.notifications.Outbox;
import com.followup.api.notifications.OutboxKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers due webhook attempts, one at a time, on every server (decision 0036): each is claimed in a short
 * transaction ({@code FOR UPDATE SKIP LOCKED}) under a lease longer than the attempt can last (the connect and request
 * time limits), so two servers never send the same attempt and no database lock is held during the request. A 2xx
 * answer delivers it; anything else waits an exponentially growing, jittered time for the next attempt, up to
 * {@code maxAttempts}. An endpoint that failed every attempt for {@code disableAfter} is disabled and the admins are
 * told through the mail outbox. Every attempt of an event carries the event's id as {@code webhook-id}.
 */
public final class WebhookSender {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    /** Claims one run makes at most, so a stopping server or a long backlog gives others their turn. */
    private static final int ATTEMPTS_PER_RUN = 50;
    /** The part of a receiver's answer kept in the log when it is an error. */
    private static final int KEPT_BODY = 200;

    private final Jdbi jdbi;
    private final Clock clock;
    private final WebhooksConfiguration configuration;
    private final AddressCheck addresses;
    private final HttpClient http;
    private final String portalBaseUrl;

    public WebhookSender(Jdbi jdbi, Clock clock, WebhooksConfiguration configuration, String portalBaseUrl) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.configuration = requireNonNull(configuration, "configuration is null");
        this.portalBaseUrl = requireNonNull(portalBaseUrl, "portalBaseUrl is null");
        this.addresses = new AddressCheck(configuration.isAllowPrivateAddresses());
        // No redirects: a redirect could lead to an address the check above refuses.
        this.http = HttpClient.newBuilder()
                .connectTimeout(configuration.getConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Sends the due attempts, up to 50; returns how many were delivered. */
    public int runOnce() {
        int delivered = 0;
        for (int claims = 0;
                claims < ATTEMPTS_PER_RUN && !Thread.currentThread().isInterrupted();
                claims++) {
            Optional<Boolean> outcome = sendNext();
            if (outcome.isEmpty()) {
                break;
            }
            if (outcome.get()) {
                delivered++;
            }
        }
        return delivered;
    }

    /** Claims the next due attempt and makes it; empty when nothing is due, else whether it was delivered. */
    private Optional<Boolean> sendNext() {
        Instant now = clock.instant();
        String claim = UUID.randomUUID().toString();
        Optional<WebhookStore.Claimed> claimed = jdbi.inTransaction(
                handle -> WebhookStore.claimNext(handle, now, now.plus(configuration.lease()), claim));
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        WebhookStore.Claimed attempt = claimed.get();
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        Optional<Integer> status = Optional.empty();
        String error;
        try {
            Optional<String> refusal = addresses.refusal(attempt.url());
            if (refusal.isPresent()) {
                error = "not sent: the URL " + refusal.get();
            } else {
                HttpResponse<String> response = http.send(request(attempt), HttpResponse.BodyHandlers.ofString());
                status = Optional.of(response.statusCode());
                if (response.statusCode() >= 200 && response.statusCode() < 300) {
                    long took = (System.nanoTime() - startNanos) / 1_000_000;
                    delivered(attempt, response.statusCode(), started, took);
                    return Optional.of(true);
                }
                error = "HTTP " + response.statusCode() + answer(response.body());
            }
        } catch (HttpTimeoutException e) {
            error = "timed out: " + e.getMessage();
        } catch (IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted: the server is stopping";
        }
        long took = (System.nanoTime() - startNanos) / 1_000_000;
        failed(attempt, status, error, started, took);
        return Optional.of(false);
    }

    private HttpRequest request(WebhookStore.Claimed attempt) {
        long timestamp = clock.instant().getEpochSecond();
        String signature = Signatures.sign(attempt.secret(), attempt.eventId(), timestamp, attempt.body());
        boolean overlap = attempt.previousSecret().isPresent()
                && attempt.previousSecretUntil()
                        .filter(until -> until.isAfter(clock.instant()))
                        .isPresent();
        if (overlap) {
            // During a rotation's overlap both secrets sign, so a receiver with either one accepts the event.
            signature +=
                    " " + Signatures.sign(attempt.previousSecret().get(), attempt.eventId(), timestamp, attempt.body());
        }
        return HttpRequest.newBuilder(URI.create(attempt.url()))
                .timeout(configuration.getRequestTimeout())
                .header("content-type", "application/json")
                .header("user-agent", "Followup-Webhooks/1")
                .header("webhook-id", attempt.eventId())
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(attempt.body()))
                .build();
    }

    private static String answer(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return ": " + (oneLine.length() > KEPT_BODY ? oneLine.substring(0, KEPT_BODY) + "..." : oneLine);
    }

    private void delivered(WebhookStore.Claimed attempt, int status, Instant at, long took) {
        boolean held = jdbi.inTransaction(handle -> {
            WebhookStore.logAttempt(handle, attempt, at, Optional.of(status), took, Optional.empty());
            return WebhookStore.markDelivered(handle, attempt, status, clock.instant());
        });
        if (!held) {
            LOG.warn(
                    "Webhook event {} reached endpoint {}, but this sender had lost delivery {}: it may arrive twice,"
                            + " with the same webhook-id",
                    attempt.eventId(),
                    attempt.endpointId(),
                    attempt.deliveryId());
        }
    }

    private void failed(WebhookStore.Claimed attempt, Optional<Integer> status, String error, Instant at, long took) {
        Instant now = clock.instant();
        Optional<Instant> next = attempt.attempts() >= configuration.getMaxAttempts()
                ? Optional.empty()
                : Optional.of(now.plus(backoff(attempt.attempts())));
        LOG.warn(
                "Webhook event {} to endpoint {} failed (attempt {}){}: {}",
                attempt.eventId(),
                attempt.endpointId(),
                attempt.attempts(),
                next.map(when -> ", next attempt at " + when).orElse(", given up"),
                error);
        String reason =
                "every attempt failed for " + configuration.getDisableAfter().toHours() + " hours; the last: " + error;
        jdbi.useTransaction(handle -> {
            WebhookStore.logAttempt(handle, attempt, at, status, took, Optional.of(error));
            WebhookStore.markFailed(handle, attempt, status, error, next);
            if (WebhookStore.failedAndDisabled(
                    handle, attempt.endpointId(), at, now.minus(configuration.getDisableAfter()), reason)) {
                LOG.error("Webhook endpoint {} ({}) disabled: {}", attempt.endpointId(), attempt.url(), reason);
                for (WebhookStore.Admin admin : WebhookStore.admins(handle)) {
                    Outbox.enqueue(handle, alert(admin, attempt, reason, now), now);
                }
            }
        });
    }

    private Outbox.NewMessage alert(
            WebhookStore.Admin admin, WebhookStore.Claimed attempt, String reason, Instant now) {
        String page = portalBaseUrl.replaceAll("/+$", "") + "/admin/webhooks/" + attempt.endpointId();
        return new Outbox.NewMessage(
                admin.id(),
                admin.email(),
                OutboxKind.WEBHOOK_ALERT,
                "webhook-disabled:" + attempt.endpointId() + ":" + now + ":" + admin.id(),
                "Followup: webhook endpoint disabled",
                "Followup stopped sending events to the webhook endpoint " + attempt.url() + ": " + reason + ".\n\n"
                        + "Its events wait. When the receiver works again, turn the endpoint on at " + page
                        + "; the waiting events are then sent, and any that gave up can be sent again from its"
                        + " delivery log.\n",
                Optional.empty(),
                now);
    }

    /**
     * The wait after the {@code attempts}-th failure: the first retry delay doubled each time up to the longest, then
     * between half of it and all of it ("equal jitter"), so receivers that failed together are not retried together.
     */
    Duration backoff(int attempts) {
        Duration wait = configuration.getFirstRetryDelay();
        Duration longest = configuration.getLongestRetryDelay();
        for (int i = 1; i < attempts && wait.compareTo(longest) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        if (wait.compareTo(longest) > 0) {
            wait = longest;
        }
        long half = wait.toMillis() / 2;
        return Duration.ofMillis(
                half + (half == 0 ? 0 : ThreadLocalRandom.current().nextLong(half + 1)));
    }
}
