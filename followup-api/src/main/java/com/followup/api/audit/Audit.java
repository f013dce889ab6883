package com.followup.api.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.db.Statements;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Records a change in the audit log, inside the transaction of the change itself. */
public final class Audit {
    private final ObjectMapper json;
    private final Clock clock;

    public Audit(ObjectMapper json, Clock clock) {
        this.json = requireNonNull(json, "json is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public void record(
            Handle handle,
            UserPrincipal actor,
            String action,
            String entityType,
            Object entityId,
            Map<String, ?> details) {
        record(handle, actor.id(), action, entityType, entityId, details);
    }

    /** One change of a group written together ({@link #recordAllStatement}). */
    public record Change(long actorId, Object entityId, Map<String, ?> details) {}

    /**
     * The insert that records a group of changes of one action in one statement (a group of touches logged together,
     * issue 18), one row each as {@link #record} writes it, to be sent with the writer's other writes ({@link
     * Statements}); null when there is nothing to record. Its parameters are named {@code audit*}.
     */
    public Statements.Part recordAllStatement(String action, String entityType, List<Change> changes) {
        if (changes.isEmpty()) {
            return null;
        }
        long[] actors = new long[changes.size()];
        String[] entities = new String[changes.size()];
        String[] details = new String[changes.size()];
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            actors[i] = change.actorId();
            entities[i] = String.valueOf(change.entityId());
            details[i] = json(change.details());
        }
        return new Statements.Part(
                """
                INSERT INTO audit_log (at, actor_user_id, action, entity_type, entity_id, details)
                SELECT :auditAt, x.actor, :auditAction, :auditEntityType, x.entity, CAST(x.details AS jsonb)
                  FROM unnest(CAST(:auditActors AS bigint[]), CAST(:auditEntities AS text[]),
                              CAST(:auditDetails AS text[]))
                       WITH ORDINALITY AS x(actor, entity, details, n)
                 ORDER BY x.n""",
                Map.of(
                        "auditAt", clock.instant(),
                        "auditAction", action,
                        "auditEntityType", entityType,
                        "auditActors", actors,
                        "auditEntities", entities,
                        "auditDetails", details));
    }

    private String json(Map<String, ?> details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details must be serialisable", e);
        }
    }

    /** As above, for a change made without logging in (a link from an e-mail): {@code actorId} is the user it acts for. */
    public void record(
            Handle handle, long actorId, String action, String entityType, Object entityId, Map<String, ?> details) {
        handle.attach(AuditDao.class)
                .record(clock.instant(), actorId, action, entityType, String.valueOf(entityId), json(details));
    }
}
