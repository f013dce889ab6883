package com.followup.api.webhooks;

import static java.util.Objects.requireNonNull;

import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.api.problem.Versions;
import com.followup.api.webhooks.WebhookBodies.AttemptView;
import com.followup.api.webhooks.WebhookBodies.DeliveryView;
import com.followup.api.webhooks.WebhookBodies.EndpointRequest;
import com.followup.api.webhooks.WebhookBodies.EndpointView;
import com.followup.api.webhooks.WebhookBodies.IssuedSecret;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The webhook use cases, admins only (decision 0036): endpoints with the events they want and their signing secret
 * (answered once), a secret's rotation with an overlap, the delivery log, a manual redelivery. Each is one transaction
 * with its audit entry; the secret never enters the audit log.
 */
public final class Webhooks {
    /** Rows of the delivery log an endpoint shows. */
    public static final int LOG_LIMIT = 50;

    private final Jdbi jdbi;
    private final Audit audit;
    private final Clock clock;
    private final AddressCheck addresses;
    private final Duration rotationOverlap;

    public Webhooks(Jdbi jdbi, Audit audit, Clock clock, WebhooksConfiguration configuration) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.addresses = new AddressCheck(configuration.isAllowPrivateAddresses());
        this.rotationOverlap = configuration.getRotationOverlap();
    }

    /** The event types an endpoint may ask for, by wire name. */
    public static List<String> eventTypes() {
        return Arrays.stream(WebhookEventType.values())
                .map(WebhookEventType::wire)
                .toList();
    }

    public List<EndpointView> list(UserPrincipal admin) {
        requireAdmin(admin);
        return jdbi.inTransaction(WebhookStore::endpoints);
    }

    public EndpointView get(UserPrincipal admin, long id) {
        requireAdmin(admin);
        return jdbi.inTransaction(handle -> endpoint(handle, id));
    }

    /** A new endpoint and its secret, which is answered here and never again. */
    public IssuedSecret create(UserPrincipal admin, EndpointRequest request) {
        requireAdmin(admin);
        // The events first: the URL's check may ask DNS.
        List<String> events = checkedEvents(request.events());
        String url = checkedUrl(request.url());
        String secret = Signatures.newSecret();
        return jdbi.inTransaction(handle -> {
            long id = WebhookStore.insertEndpoint(
                    handle,
                    url,
                    description(request),
                    events,
                    request.enabled() == null || request.enabled(),
                    secret,
                    admin.id(),
                    clock.instant());
            audit.record(
                    handle, admin, "webhook.created", "webhook_endpoint", id, Map.of("url", url, "events", events));
            return new IssuedSecret(endpoint(handle, id), secret);
        });
    }

    /** The whole endpoint as it should be, for the version read; turning it on again clears its failures. */
    public EndpointView update(UserPrincipal admin, long id, EndpointRequest request) {
        requireAdmin(admin);
        int version = Versions.require(request.version());
        // The events first: the URL's check may ask DNS.
        List<String> events = checkedEvents(request.events());
        String url = checkedUrl(request.url());
        return jdbi.inTransaction(handle -> {
            boolean wasEnabled = endpoint(handle, id).enabled();
            Versions.requireUpdated(
                    WebhookStore.updateEndpoint(
                            handle,
                            id,
                            version,
                            url,
                            description(request),
                            events,
                            request.enabled() == null || request.enabled()),
                    "webhook endpoint " + id);
            if (!wasEnabled && (request.enabled() == null || request.enabled())) {
                // Turned on again: what waited while it was off is due now, not after its last backed-off wait.
                WebhookStore.pendingDueNow(handle, id, clock.instant());
            }
            audit.record(
                    handle,
                    admin,
                    "webhook.updated",
                    "webhook_endpoint",
                    id,
                    Map.of("url", url, "events", events, "enabled", request.enabled() == null || request.enabled()));
            return endpoint(handle, id);
        });
    }

    /**
     * A new secret, answered once; the old one keeps signing next to it (a second {@code v1,} entry) for the overlap,
     * so receivers can switch without losing an event.
     */
    public IssuedSecret rotateSecret(UserPrincipal admin, long id) {
        requireAdmin(admin);
        String secret = Signatures.newSecret();
        return jdbi.inTransaction(handle -> {
            endpoint(handle, id);
            WebhookStore.rotate(handle, id, secret, clock.instant().plus(rotationOverlap));
            audit.record(
                    handle,
                    admin,
                    "webhook.secret_rotated",
                    "webhook_endpoint",
                    id,
                    Map.of("overlap", rotationOverlap));
            return new IssuedSecret(endpoint(handle, id), secret);
        });
    }

    public void delete(UserPrincipal admin, long id) {
        requireAdmin(admin);
        jdbi.useTransaction(handle -> {
            EndpointView endpoint = endpoint(handle, id);
            WebhookStore.deleteEndpoint(handle, id);
            audit.record(handle, admin, "webhook.deleted", "webhook_endpoint", id, Map.of("url", endpoint.url()));
        });
    }

    /** The endpoint's latest deliveries, newest first. */
    public List<DeliveryView> deliveries(UserPrincipal admin, long endpointId) {
        requireAdmin(admin);
        return jdbi.inTransaction(handle -> {
            endpoint(handle, endpointId);
            return WebhookStore.deliveries(handle, endpointId, LOG_LIMIT);
        });
    }

    /** The endpoint's latest attempts, newest first: the receiver's status, how long it took, the error. */
    public List<AttemptView> attempts(UserPrincipal admin, long endpointId) {
        requireAdmin(admin);
        return jdbi.inTransaction(handle -> {
            endpoint(handle, endpointId);
            return WebhookStore.attempts(handle, endpointId, LOG_LIMIT);
        });
    }

    /**
     * Sends a delivery's event to its endpoint again, as a new delivery due now with the event's same id (receivers
     * drop what they already have). On a disabled endpoint it waits until the endpoint is turned on again.
     */
    public DeliveryView redeliver(UserPrincipal admin, long deliveryId) {
        requireAdmin(admin);
        return jdbi.inTransaction(handle -> {
            DeliveryView earlier = WebhookStore.delivery(handle, deliveryId)
                    .orElseThrow(() -> ProblemException.notFound("Webhook delivery " + deliveryId));
            long id = WebhookStore.redeliver(handle, deliveryId, clock.instant());
            audit.record(
                    handle,
                    admin,
                    "webhook.redelivered",
                    "webhook_endpoint",
                    earlier.endpointId(),
                    Map.of("event", earlier.eventId(), "delivery", id));
            return WebhookStore.delivery(handle, id).orElseThrow();
        });
    }

    private static EndpointView endpoint(Handle handle, long id) {
        return WebhookStore.endpoint(handle, id)
                .orElseThrow(() -> ProblemException.notFound("Webhook endpoint " + id))
                .view();
    }

    private static void requireAdmin(UserPrincipal user) {
        if (user.role() != Role.ADMIN) {
            // Webhooks are the agency's integrations: nobody else learns they exist.
            throw ProblemException.notFound("Webhooks");
        }
    }

    private String checkedUrl(String url) {
        String trimmed = url == null ? "" : url.strip();
        Optional<String> refusal = trimmed.isEmpty() ? Optional.of("is required") : addresses.refusal(trimmed);
        if (refusal.isPresent()) {
            throw ProblemException.badRequest(
                    ErrorCode.WEBHOOK_URL_REFUSED,
                    "The endpoint's URL " + refusal.get() + ".",
                    List.of(Problem.FieldError.of("url", refusal.get())));
        }
        return trimmed;
    }

    private static List<String> checkedEvents(List<String> events) {
        List<String> checked = new ArrayList<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        List<String> given = events == null ? List.of() : events;
        for (int index = 0; index < given.size(); index++) {
            String event = given.get(index) == null ? "" : given.get(index).strip();
            if (WebhookEventType.ofWire(event).isEmpty()) {
                errors.add(Problem.FieldError.of(
                        "events[" + index + "]", "is not an event type; known: " + String.join(", ", eventTypes())));
            } else if (!checked.contains(event)) {
                checked.add(event);
            }
        }
        if (checked.isEmpty() && errors.isEmpty()) {
            errors.add(Problem.FieldError.of("events", "name at least one event type"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(
                    ErrorCode.UNKNOWN_EVENT_TYPE, "The endpoint names event types that do not exist.", errors);
        }
        return checked;
    }

    private static String description(EndpointRequest request) {
        return request.description() == null ? "" : request.description().strip();
    }
}
