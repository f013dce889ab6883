package com.followup.api.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The append-only audit log. Every write records itself here in the same transaction as the change. */
@RegisterConstructorMapper(AuditDao.Entry.class)
public interface AuditDao {
    record Entry(
            long id,
            Instant at,
            Optional<Long> actorUserId,
            String action,
            String entityType,
            Optional<String> entityId,
            String details) {}

    @SqlUpdate(
            """
            INSERT INTO audit_log (at, actor_user_id, action, entity_type, entity_id, details)
            VALUES (:at, :actor, :action, :entityType, :entityId, CAST(:details AS jsonb))
            """)
    void record(
            @Bind("at") Instant at,
            @Bind("actor") Long actorUserId,
            @Bind("action") String action,
            @Bind("entityType") String entityType,
            @Bind("entityId") String entityId,
            @Bind("details") String detailsJson);

    @SqlQuery(
            """
            SELECT id, at, actor_user_id, action, entity_type, entity_id, details::text AS details
              FROM audit_log
             WHERE (CAST(:entityType AS text) IS NULL OR entity_type = :entityType)
             ORDER BY id DESC LIMIT :limit OFFSET :offset
            """)
    List<Entry> list(@Bind("entityType") String entityType, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM audit_log WHERE (CAST(:entityType AS text) IS NULL OR entity_type = :entityType)")
    long count(@Bind("entityType") String entityType);
}
