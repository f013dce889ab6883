package com.followup.api.webhooks;

import com.followup.api.webhooks.WebhookBodies.AttemptView;
import com.followup.api.webhooks.WebhookBodies.DeliveryView;
import com.followup.api.webhooks.WebhookBodies.EndpointView;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The webhook tables' statements, each in the caller's transaction. */
final class WebhookStore {
    private WebhookStore() {}

    /** An endpoint with its secrets, for signing. */
    record Endpoint(EndpointView view, String secret, Optional<String> previousSecret) {}

    /** An attempt claimed by a sender: the delivery, its event and where it goes. */
    record Claimed(
            long deliveryId,
            String eventId,
            String eventType,
            String body,
            int attempts,
            String claimedBy,
            long endpointId,
            String url,
            String secret,
            Optional<String> previousSecret,
            Optional<Instant> previousSecretUntil) {}

    private static final String ENDPOINT_COLUMNS =
            """
            id, url, description, event_types, enabled, disabled_reason, failing_since, previous_secret_until,
            created_at, version, secret, previous_secret
            """;

    static long insertEndpoint(
            Handle handle,
            String url,
            String description,
            List<String> events,
            boolean enabled,
            String secret,
            long createdBy,
            Instant now) {
        return handle.createQuery(
                        """
                        INSERT INTO webhook_endpoints (url, description, event_types, enabled, secret, created_by,
                                                       created_at)
                        VALUES (:url, :description, :events, :enabled, :secret, :by, :now)
                        RETURNING id
                        """)
                .bind("url", url)
                .bind("description", description)
                .bind("events", events.toArray(String[]::new))
                .bind("enabled", enabled)
                .bind("secret", secret)
                .bind("by", createdBy)
                .bind("now", now)
                .mapTo(Long.class)
                .one();
    }

    /** Changes an endpoint of the named version; turning it on again clears why it was off and since when it failed. */
    static int updateEndpoint(
            Handle handle, long id, int version, String url, String description, List<String> events, boolean enabled) {
        return handle.createUpdate(
                        """
                        UPDATE webhook_endpoints
                           SET url = :url, description = :description, event_types = :events,
                               disabled_reason = CASE WHEN :enabled THEN NULL
                                                      WHEN enabled THEN 'turned off by an admin'
                                                      ELSE disabled_reason END,
                               failing_since = CASE WHEN :enabled AND NOT enabled THEN NULL ELSE failing_since END,
                               enabled = :enabled, version = version + 1
                         WHERE id = :id AND version = :version
                        """)
                .bind("id", id)
                .bind("version", version)
                .bind("url", url)
                .bind("description", description)
                .bind("events", events.toArray(String[]::new))
                .bind("enabled", enabled)
                .execute();
    }

    static void pendingDueNow(Handle handle, long endpointId, Instant now) {
        handle.createUpdate(
                        "UPDATE webhook_deliveries SET next_attempt_at = :now WHERE endpoint_id = :id AND state = 'PENDING'")
                .bind("id", endpointId)
                .bind("now", now)
                .execute();
    }

    static int rotate(Handle handle, long id, String secret, Instant previousUntil) {
        return handle.createUpdate(
                        """
                        UPDATE webhook_endpoints
                           SET previous_secret = secret, previous_secret_until = :until, secret = :secret,
                               version = version + 1
                         WHERE id = :id
                        """)
                .bind("id", id)
                .bind("secret", secret)
                .bind("until", previousUntil)
                .execute();
    }

    static int deleteEndpoint(Handle handle, long id) {
        return handle.createUpdate("DELETE FROM webhook_endpoints WHERE id = :id")
                .bind("id", id)
                .execute();
    }

    static Optional<Endpoint> endpoint(Handle handle, long id) {
        return handle.createQuery("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints WHERE id = :id")
                .bind("id", id)
                .map((rs, context) -> endpointRow(rs))
                .findOne();
    }

    static List<EndpointView> endpoints(Handle handle) {
        return handle.createQuery("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints ORDER BY id")
                .map((rs, context) -> endpointRow(rs).view())
                .list();
    }

    private static Endpoint endpointRow(ResultSet rs) throws SQLException {
        Array events = rs.getArray("event_types");
        EndpointView view = new EndpointView(
                rs.getLong("id"),
                rs.getString("url"),
                rs.getString("description"),
                Arrays.asList((String[]) events.getArray()),
                rs.getBoolean("enabled"),
                Optional.ofNullable(rs.getString("disabled_reason")),
                instant(rs, "failing_since"),
                instant(rs, "previous_secret_until"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getInt("version"));
        return new Endpoint(view, rs.getString("secret"), Optional.ofNullable(rs.getString("previous_secret")));
    }

    private static final String DELIVERY_SELECT =
            """
            SELECT d.id, d.event_id, e.type, d.endpoint_id, d.state, d.attempts, d.next_attempt_at, d.last_status,
                   d.last_error, d.delivered_at, d.created_at
              FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
            """;

    static List<DeliveryView> deliveries(Handle handle, long endpointId, int limit) {
        return handle.createQuery(DELIVERY_SELECT + " WHERE d.endpoint_id = :endpoint ORDER BY d.id DESC LIMIT :limit")
                .bind("endpoint", endpointId)
                .bind("limit", limit)
                .map((rs, context) -> deliveryRow(rs))
                .list();
    }

    static Optional<DeliveryView> delivery(Handle handle, long id) {
        return handle.createQuery(DELIVERY_SELECT + " WHERE d.id = :id")
                .bind("id", id)
                .map((rs, context) -> deliveryRow(rs))
                .findOne();
    }

    private static DeliveryView deliveryRow(ResultSet rs) throws SQLException {
        int status = rs.getInt("last_status");
        boolean noStatus = rs.wasNull();
        return new DeliveryView(
                rs.getLong("id"),
                rs.getString("event_id"),
                rs.getString("type"),
                rs.getLong("endpoint_id"),
                rs.getString("state"),
                rs.getInt("attempts"),
                instant(rs, "next_attempt_at"),
                noStatus ? Optional.empty() : Optional.of(status),
                Optional.ofNullable(rs.getString("last_error")),
                instant(rs, "delivered_at"),
                rs.getTimestamp("created_at").toInstant());
    }

    static List<AttemptView> attempts(Handle handle, long endpointId, int limit) {
        return handle.createQuery(
                        """
                        SELECT a.id, a.delivery_id, d.event_id, e.type, a.attempted_at, a.status, a.duration_ms, a.error
                          FROM webhook_attempts a
                          JOIN webhook_deliveries d ON d.id = a.delivery_id
                          JOIN webhook_events e ON e.id = d.event_id
                         WHERE a.endpoint_id = :endpoint
                         ORDER BY a.id DESC LIMIT :limit
                        """)
                .bind("endpoint", endpointId)
                .bind("limit", limit)
                .map((rs, context) -> {
                    int status = rs.getInt("status");
                    boolean noStatus = rs.wasNull();
                    return new AttemptView(
                            rs.getLong("id"),
                            rs.getLong("delivery_id"),
                            rs.getString("event_id"),
                            rs.getString("type"),
                            rs.getTimestamp("attempted_at").toInstant(),
                            noStatus ? Optional.empty() : Optional.of(status),
                            rs.getInt("duration_ms"),
                            Optional.ofNullable(rs.getString("error")));
                })
                .list();
    }

    /** A new delivery of a delivered or failed one's event to its endpoint, due now; the event keeps its id. */
    static long redeliver(Handle handle, long deliveryId, Instant now) {
        return handle.createQuery(
                        """
                        INSERT INTO webhook_deliveries (event_id, endpoint_id, next_attempt_at, created_at)
                        SELECT event_id, endpoint_id, :now, :now FROM webhook_deliveries WHERE id = :id
                        RETURNING id
                        """)
                .bind("id", deliveryId)
                .bind("now", now)
                .mapTo(Long.class)
                .one();
    }

    /**
     * Claims the next due attempt of an enabled endpoint, or one whose sender's lease ran out: one row, locked only
     * for this short transaction ({@code SKIP LOCKED}: two senders never take the same row), then held by the lease.
     */
    static Optional<Claimed> claimNext(Handle handle, Instant now, Instant leaseEnd, String claim) {
        return handle.createQuery(
                        """
                        WITH next AS (
                            SELECT d.id FROM webhook_deliveries d
                              JOIN webhook_endpoints p ON p.id = d.endpoint_id
                             WHERE p.enabled
                               AND ((d.state = 'PENDING' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= :now))
                                    OR (d.state = 'SENDING' AND d.lease_until < :now))
                             ORDER BY d.next_attempt_at NULLS FIRST, d.id
                             LIMIT 1
                             FOR UPDATE OF d SKIP LOCKED
                        ), claimed AS (
                            UPDATE webhook_deliveries d
                               SET state = 'SENDING', attempts = d.attempts + 1, claimed_by = :claim,
                                   lease_until = :leaseEnd
                              FROM next WHERE d.id = next.id
                            RETURNING d.id, d.event_id, d.endpoint_id, d.attempts, d.claimed_by
                        )
                        SELECT c.id, c.event_id, e.type, e.body, c.attempts, c.claimed_by, c.endpoint_id, p.url,
                               p.secret, p.previous_secret, p.previous_secret_until
                          FROM claimed c
                          JOIN webhook_events e ON e.id = c.event_id
                          JOIN webhook_endpoints p ON p.id = c.endpoint_id
                        """)
                .bind("now", now)
                .bind("leaseEnd", leaseEnd)
                .bind("claim", claim)
                .map((rs, context) -> new Claimed(
                        rs.getLong("id"),
                        rs.getString("event_id"),
                        rs.getString("type"),
                        rs.getString("body"),
                        rs.getInt("attempts"),
                        rs.getString("claimed_by"),
                        rs.getLong("endpoint_id"),
                        rs.getString("url"),
                        rs.getString("secret"),
                        Optional.ofNullable(rs.getString("previous_secret")),
                        instant(rs, "previous_secret_until")))
                .findOne();
    }

    /** Logs an attempt; nothing when its endpoint was deleted meanwhile (with its deliveries). */
    static void logAttempt(
            Handle handle,
            Claimed claimed,
            Instant at,
            Optional<Integer> status,
            long durationMs,
            Optional<String> error) {
        handle.createUpdate(
                        """
                        INSERT INTO webhook_attempts (delivery_id, endpoint_id, attempted_at, status, duration_ms, error)
                        SELECT :delivery, :endpoint, :at, :status, :duration, :error
                         WHERE EXISTS (SELECT 1 FROM webhook_deliveries WHERE id = :delivery)
                        """)
                .bind("delivery", claimed.deliveryId())
                .bind("endpoint", claimed.endpointId())
                .bind("at", at)
                .bind("status", status.orElse(null))
                .bind("duration", (int) Math.min(Integer.MAX_VALUE, durationMs))
                .bind("error", error.orElse(null))
                .execute();
    }

    /** Marks the attempt delivered, if this sender still holds it; the endpoint is no longer failing. */
    static boolean markDelivered(Handle handle, Claimed claimed, int status, Instant at) {
        int rows = handle.createUpdate(
                        """
                        UPDATE webhook_deliveries
                           SET state = 'DELIVERED', delivered_at = :at, last_status = :status, last_error = NULL,
                               claimed_by = NULL, lease_until = NULL, next_attempt_at = NULL
                         WHERE id = :id AND claimed_by = :claim
                        """)
                .bind("id", claimed.deliveryId())
                .bind("claim", claimed.claimedBy())
                .bind("at", at)
                .bind("status", status)
                .execute();
        handle.createUpdate("UPDATE webhook_endpoints SET failing_since = NULL WHERE id = :id")
                .bind("id", claimed.endpointId())
                .execute();
        return rows == 1;
    }

    /** Puts the attempt back for {@code next}, or FAILED when there is none, if this sender still holds it. */
    static boolean markFailed(
            Handle handle, Claimed claimed, Optional<Integer> status, String error, Optional<Instant> next) {
        return handle.createUpdate(
                                """
                        UPDATE webhook_deliveries
                           SET state = CASE WHEN CAST(:next AS timestamptz) IS NULL THEN 'FAILED' ELSE 'PENDING' END,
                               next_attempt_at = :next, last_status = :status, last_error = :error,
                               claimed_by = NULL, lease_until = NULL
                         WHERE id = :id AND claimed_by = :claim
                        """)
                        .bind("id", claimed.deliveryId())
                        .bind("claim", claimed.claimedBy())
                        .bind("status", status.orElse(null))
                        .bind("error", error)
                        .bind("next", next.orElse(null))
                        .execute()
                == 1;
    }

    /**
     * Notes a failure of the endpoint; when it has failed since before {@code disableBefore} it is disabled, and true
     * is answered once, by the statement that disabled it.
     */
    static boolean failedAndDisabled(Handle handle, long endpointId, Instant at, Instant disableBefore, String reason) {
        handle.createUpdate("UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, :at) WHERE id = :id")
                .bind("id", endpointId)
                .bind("at", at)
                .execute();
        return handle.createUpdate(
                                """
                        UPDATE webhook_endpoints SET enabled = false, disabled_reason = :reason, version = version + 1
                         WHERE id = :id AND enabled AND failing_since <= :before
                        """)
                        .bind("id", endpointId)
                        .bind("before", disableBefore)
                        .bind("reason", reason)
                        .execute()
                == 1;
    }

    /** The active admins, to be told of a disabled endpoint. */
    static List<Admin> admins(Handle handle) {
        return handle.createQuery("SELECT id, email FROM users WHERE role = 'ADMIN' AND active ORDER BY id")
                .map((rs, context) -> new Admin(rs.getLong("id"), rs.getString("email")))
                .list();
    }

    record Admin(long id, String email) {}

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? Optional.empty() : Optional.of(value.toInstant());
    }
}
