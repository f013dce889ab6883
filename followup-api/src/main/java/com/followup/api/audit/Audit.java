package com.followup.api.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followup.api.auth.UserPrincipal;
import java.time.Clock;
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

    /** As above, for a change made without logging in (a link from an e-mail): {@code actorId} is the user it acts for. */
    public void record(
            Handle handle, long actorId, String action, String entityType, Object entityId, Map<String, ?> details) {
        try {
            handle.attach(AuditDao.class)
                    .record(
                            clock.instant(),
                            actorId,
                            action,
                            entityType,
                            String.valueOf(entityId),
                            json.writeValueAsString(details));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details must be serialisable", e);
        }
    }
}
