package com.followup.api.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.followup.api.db.Statements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Writes a webhook event in the caller's transaction (a transactional outbox, decision 0036): the event and one
 * delivery for each enabled endpoint that asked for its type are committed with the change that caused them, or
 * rolled back with it, so an endpoint never hears of a change that did not happen. One statement; when no endpoint
 * wants the type, it writes nothing.
 *
 * <p>Payloads carry ids and facts (kinds, instants, rule ids), not people's names or texts: a receiver that needs
 * more asks the API with its token, under the usual access rules.
 */
public final class WebhookEvents {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private WebhookEvents() {}

    /** A new event id: {@code msg_} and 32 hex digits, the same on every attempt at every endpoint. */
    static String newId() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * {@link #emit} for a group of events of one type in one statement (a group of touches logged together, issue
     * 18): one event each, in the order given, for the endpoints that want {@code type}. Returns how many deliveries
     * it queued (none when no endpoint wants the type).
     */
    public static int emitAll(Handle handle, WebhookEventType type, List<? extends Map<String, ?>> data) {
        Statements.Part insert = emitAllStatement(type, data);
        return insert == null
                ? 0
                : handle.createUpdate(insert.sql()).bindMap(insert.parameters()).execute();
    }

    /**
     * {@link #emitAll}'s insert, to be sent with other writes ({@link Statements}); null when there is no event. Its
     * parameters are named {@code webhook*}.
     */
    public static Statements.Part emitAllStatement(WebhookEventType type, List<? extends Map<String, ?>> data) {
        if (data.isEmpty()) {
            return null;
        }
        String[] ids = new String[data.size()];
        String[] bodies = new String[data.size()];
        for (int i = 0; i < data.size(); i++) {
            ids[i] = newId();
            bodies[i] = dataJson(data.get(i));
        }
        // json (not jsonb) keeps the keys in the order written: the body is stored as the exact text that is signed.
        return new Statements.Part(
                """
                WITH targets AS (
                    SELECT id FROM webhook_endpoints WHERE enabled AND :webhookType = ANY (event_types)
                ), event AS (
                    INSERT INTO webhook_events (id, type, body, created_at)
                    SELECT x.id, :webhookType,
                           json_build_object(
                               'type', CAST(:webhookType AS text),
                               'timestamp', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                               'data', CAST(x.data AS json))::text,
                           now()
                      FROM unnest(CAST(:webhookIds AS text[]), CAST(:webhookData AS text[]))
                           WITH ORDINALITY AS x(id, data, n)
                     WHERE EXISTS (SELECT 1 FROM targets)
                     ORDER BY x.n
                    RETURNING id
                )
                INSERT INTO webhook_deliveries (event_id, endpoint_id, created_at)
                SELECT event.id, targets.id, now() FROM event, targets""",
                Map.of("webhookIds", ids, "webhookType", type.wire(), "webhookData", bodies));
    }

    private static String dataJson(Map<String, ?> data) {
        try {
            return JSON.writeValueAsString(new LinkedHashMap<>(data));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("webhook data must be serialisable", e);
        }
    }

    /** Writes the event for the endpoints that want {@code type}; returns whether any did. */
    public static boolean emit(Handle handle, WebhookEventType type, Map<String, ?> data) {
        return emitAll(handle, type, List.of(data)) > 0;
    }
}
