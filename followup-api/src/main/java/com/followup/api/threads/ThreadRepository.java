package com.followup.api.threads;

import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.db.Statements;
import com.followup.api.representations.PlanView;
import com.followup.api.threads.ThreadBodies.ReplyView;
import com.followup.api.threads.ThreadBodies.RetractionView;
import com.followup.core.model.Channel;
import com.followup.core.model.Contact;
import com.followup.core.model.ReplyKind;
import com.followup.core.model.TouchKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * An interview's thread as stored: touches with the note findings logged with them, replies, the contacts they go to
 * or come from, and the idempotency keys of the requests that stored them. Attached to the use case's handle
 * ({@code handle.attach(ThreadRepository.class)}), so it runs in the use case's transaction. The touches themselves
 * are read with the interview's record (core's {@code InterviewRecords}), which the rules evaluate; the rows here carry
 * what the record leaves out: the version of each touch and reply, and the retraction of one taken back (decision
 * 0019).
 */
@RegisterConstructorMapper(ThreadRepository.EarlierRow.class)
@RegisterConstructorMapper(ThreadRepository.ReplyRow.class)
@RegisterConstructorMapper(ThreadRepository.TouchRow.class)
@RegisterConstructorMapper(ThreadRepository.Setting.class)
@RegisterRowMapper(ThreadRepository.ContactMapper.class)
public interface ThreadRepository {
    /** A contact of the interview's company, or none (the contact belongs to another company or does not exist). */
    @SqlQuery(
            """
            SELECT id, company_id, name, title, role, business_email, business_phone, linkedin_url
              FROM contacts
             WHERE id = :id AND company_id = :company
            """)
    Optional<Contact> contactOfCompany(@Bind("id") long contactId, @Bind("company") long companyId);

    /**
     * What a correction is checked against without loading the interview's record, which may be the very thing that
     * cannot be loaded until the correction is made: when the interview ended, the candidate's zone, the company.
     */
    record Setting(Instant endsAt, String zone, long companyId, String companyName) {}

    @SqlQuery(
            """
            SELECT i.ends_at, ca.zone, co.id AS company_id, co.name AS company_name
              FROM interviews i
              JOIN candidates ca ON ca.id = i.candidate_id
              JOIN companies co ON co.id = i.company_id
             WHERE i.id = :id
            """)
    Optional<Setting> setting(@Bind("id") long interviewId);

    // ---- idempotency keys

    /** A row stored under an idempotency key: what it was for. */
    record EarlierRow(long id, long interviewId, String requestHash) {}

    /** Serialises the requests of one key until the transaction ends: a retry waits, then finds the first's row. */
    @SqlQuery("SELECT pg_advisory_xact_lock(hashtext(:lock))::text")
    String lockKey(@Bind("lock") String lock);

    @SqlQuery("SELECT id, interview_id, request_hash FROM touches WHERE created_by = :user AND idempotency_key = :key")
    Optional<EarlierRow> earlierTouch(@Bind("user") long userId, @Bind("key") String key);

    @SqlQuery("SELECT id, interview_id, request_hash FROM replies WHERE created_by = :user AND idempotency_key = :key")
    Optional<EarlierRow> earlierReply(@Bind("user") long userId, @Bind("key") String key);

    // ---- touches

    /** A touch as it is stored; {@code findings} is the note check as JSON text, "[]" when the touch is no note. */
    record NewTouch(
            long interviewId,
            TouchKind kind,
            Channel channel,
            long recipientId,
            String address,
            Instant sentAt,
            String subject,
            String text,
            String findings,
            String idempotencyKey,
            String requestHash,
            long createdBy) {}

    /**
     * The statement that inserts touches of different interviews (a group logged together, issue 18; a lone touch is a
     * group of one), the k-th under {@code ids[k]}, drawn beforehand from the table's identity
     * ({@code JdbiInterviewRecords.loadForTouches}) so that it goes in one round trip with the group's other writes;
     * the table's statement triggers run once for all. A new touch's version is 1 and its sent time is stored as given
     * (the caller keeps it to microseconds).
     */
    static Statements.Part insertTouchesStatement(List<NewTouch> touches, long[] ids) {
        int n = touches.size();
        if (ids.length != n) {
            throw new IllegalArgumentException("one id a touch: " + ids.length + " ids for " + n + " touches");
        }
        long[] interviews = new long[n];
        String[] kinds = new String[n];
        String[] channels = new String[n];
        long[] recipients = new long[n];
        String[] addresses = new String[n];
        String[] sentAts = new String[n];
        String[] subjects = new String[n];
        String[] texts = new String[n];
        String[] findings = new String[n];
        String[] keys = new String[n];
        String[] hashes = new String[n];
        long[] creators = new long[n];
        for (int i = 0; i < n; i++) {
            NewTouch touch = touches.get(i);
            interviews[i] = touch.interviewId();
            kinds[i] = touch.kind().name();
            channels[i] = touch.channel().name();
            recipients[i] = touch.recipientId();
            addresses[i] = touch.address();
            sentAts[i] = touch.sentAt().toString();
            subjects[i] = touch.subject();
            texts[i] = touch.text();
            findings[i] = touch.findings();
            keys[i] = touch.idempotencyKey();
            hashes[i] = touch.requestHash();
            creators[i] = touch.createdBy();
        }
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("touchIds", ids);
        parameters.put("interviews", interviews);
        parameters.put("kinds", kinds);
        parameters.put("channels", channels);
        parameters.put("recipients", recipients);
        parameters.put("addresses", addresses);
        parameters.put("sentAts", sentAts);
        parameters.put("subjects", subjects);
        parameters.put("texts", texts);
        parameters.put("findings", findings);
        parameters.put("keys", keys);
        parameters.put("hashes", hashes);
        parameters.put("creators", creators);
        return new Statements.Part(
                """
                INSERT INTO touches (id, interview_id, kind, channel, recipient_id, address, sent_at, subject, text,
                                     note_findings, idempotency_key, request_hash, created_by)
                OVERRIDING SYSTEM VALUE
                SELECT x.id, x.interview, x.kind, x.channel, x.recipient, x.address, CAST(x.sent_at AS timestamptz),
                       x.subject, x.text, CAST(x.findings AS jsonb), x.key, x.hash, x.creator
                  FROM unnest(CAST(:touchIds AS bigint[]), CAST(:interviews AS bigint[]), CAST(:kinds AS text[]),
                              CAST(:channels AS text[]), CAST(:recipients AS bigint[]), CAST(:addresses AS text[]),
                              CAST(:sentAts AS text[]), CAST(:subjects AS text[]), CAST(:texts AS text[]),
                              CAST(:findings AS text[]), CAST(:keys AS text[]), CAST(:hashes AS text[]),
                              CAST(:creators AS bigint[]))
                       WITH ORDINALITY AS x(id, interview, kind, channel, recipient, address, sent_at, subject, text,
                                            findings, key, hash, creator, n)
                 ORDER BY x.n
                """,
                parameters);
    }

    /** A stored row as the audit log keeps it, before and after a correction or retraction (decision 0019). */
    interface Audited {
        Map<String, Object> audited();
    }

    /** A touch as stored, retracted or not, with the zone of the interview's candidate. */
    record TouchRow(
            long id,
            long interviewId,
            TouchKind kind,
            Channel channel,
            long recipientId,
            String address,
            Instant sentAt,
            String subject,
            String text,
            String findings,
            int version,
            Instant retractedAt,
            Long retractedBy,
            String retractedByName,
            String retractionReason,
            String zone)
            implements Audited {
        boolean retracted() {
            return retractedAt != null;
        }

        Optional<RetractionView> retraction() {
            return Optional.ofNullable(retractedAt)
                    .map(at -> new RetractionView(
                            PlanView.at(at, ZoneId.of(zone)), retractedBy, retractedByName, retractionReason));
        }

        /** The touch as the audit log keeps it, before or after a change. */
        @Override
        public Map<String, Object> audited() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("version", version);
            fields.put("kind", kind);
            fields.put("channel", channel);
            fields.put("recipientId", recipientId);
            fields.put("address", address);
            fields.put("sentAt", sentAt.toString());
            fields.put("subject", subject);
            fields.put("text", text);
            if (retractedAt != null) {
                fields.put("retractedAt", retractedAt.toString());
                fields.put("retractedBy", retractedBy);
                fields.put("retractionReason", retractionReason);
            }
            return fields;
        }
    }

    String TOUCH_ROWS =
            """
            SELECT t.id, t.interview_id, t.kind, t.channel, t.recipient_id, t.address, t.sent_at, t.subject, t.text,
                   t.note_findings::text AS findings, t.version, t.retracted_at, t.retracted_by,
                   u.display_name AS retracted_by_name, t.retraction_reason, ca.zone
              FROM touches t
              JOIN interviews i ON i.id = t.interview_id
              JOIN candidates ca ON ca.id = i.candidate_id
              LEFT JOIN users u ON u.id = t.retracted_by
            """;

    /**
     * The interview's touches in time order: those that count, and the retracted ones too when
     * {@code withRetracted}; only the one with id {@code only} when it is not null.
     */
    @SqlQuery(
            TOUCH_ROWS
                    + """
             WHERE t.interview_id = :id AND (CAST(:only AS bigint) IS NULL OR t.id = :only)
               AND (:withRetracted OR t.retracted_at IS NULL)
             ORDER BY t.sent_at, t.id
            """)
    List<TouchRow> touchRows(
            @Bind("id") long interviewId, @Bind("only") Long only, @Bind("withRetracted") boolean withRetracted);

    /** One touch of the interview, retracted or not, locked until the transaction ends. */
    @SqlQuery(TOUCH_ROWS + " WHERE t.interview_id = :id AND t.id = :touch FOR UPDATE OF t")
    Optional<TouchRow> touchForChange(@Bind("id") long interviewId, @Bind("touch") long touchId);

    /** A correction of the touch: the fields as they should have been, for the version it corrects. */
    record TouchChange(
            long id,
            int version,
            TouchKind kind,
            Channel channel,
            long recipientId,
            String address,
            Instant sentAt,
            String subject,
            String text,
            String findings) {}

    /** The number of rows changed: 0 when the touch changed since {@code version} or was retracted. */
    @SqlUpdate(
            """
            UPDATE touches
               SET kind = :touch.kind, channel = :touch.channel, recipient_id = :touch.recipientId,
                   address = :touch.address, sent_at = :touch.sentAt, subject = :touch.subject, text = :touch.text,
                   note_findings = CAST(:touch.findings AS jsonb), version = version + 1
             WHERE id = :touch.id AND version = :touch.version AND retracted_at IS NULL
            """)
    int correctTouch(@BindMethods("touch") TouchChange touch);

    @SqlUpdate("UPDATE touches SET note_findings = CAST(:findings AS jsonb) WHERE id = :id AND retracted_at IS NULL")
    int storeFindings(@Bind("id") long touchId, @Bind("findings") String findings);

    /** The number of rows changed: 0 when the touch changed since {@code version} or was retracted already. */
    @SqlUpdate(
            """
            UPDATE touches
               SET retracted_at = :at, retracted_by = :by, retraction_reason = :reason, version = version + 1
             WHERE id = :id AND version = :version AND retracted_at IS NULL
            """)
    int retractTouch(
            @Bind("id") long touchId,
            @Bind("version") int version,
            @Bind("at") Instant at,
            @Bind("by") long userId,
            @Bind("reason") String reason);

    // ---- replies

    record NewReply(
            long interviewId,
            long fromContactId,
            Instant receivedAt,
            ReplyKind kind,
            LocalDate newDecisionDate,
            String idempotencyKey,
            String requestHash,
            long createdBy) {}

    @SqlUpdate(
            """
            INSERT INTO replies (interview_id, from_contact_id, received_at, kind, new_decision_date,
                                 idempotency_key, request_hash, created_by)
            VALUES (:reply.interviewId, :reply.fromContactId, :reply.receivedAt, :reply.kind,
                    :reply.newDecisionDate, :reply.idempotencyKey, :reply.requestHash, :reply.createdBy)
            """)
    @GetGeneratedKeys("id")
    long insertReply(@BindMethods("reply") NewReply reply);

    /** A reply as stored, retracted or not, with the zone of the interview's candidate, in which its time is shown. */
    record ReplyRow(
            long id,
            long interviewId,
            long fromContactId,
            Instant receivedAt,
            ReplyKind kind,
            LocalDate newDecisionDate,
            int version,
            Instant retractedAt,
            Long retractedBy,
            String retractedByName,
            String retractionReason,
            String zone)
            implements Audited {
        boolean retracted() {
            return retractedAt != null;
        }

        ReplyView view() {
            return new ReplyView(
                    id,
                    interviewId,
                    fromContactId,
                    PlanView.at(receivedAt, ZoneId.of(zone)),
                    kind,
                    Optional.ofNullable(newDecisionDate),
                    version,
                    Optional.ofNullable(retractedAt)
                            .map(at -> new RetractionView(
                                    PlanView.at(at, ZoneId.of(zone)), retractedBy, retractedByName, retractionReason)));
        }

        /** The reply as the audit log keeps it, before or after a change. */
        @Override
        public Map<String, Object> audited() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("version", version);
            fields.put("fromContactId", fromContactId);
            fields.put("receivedAt", receivedAt.toString());
            fields.put("kind", kind);
            fields.put("newDecisionDate", newDecisionDate == null ? null : newDecisionDate.toString());
            if (retractedAt != null) {
                fields.put("retractedAt", retractedAt.toString());
                fields.put("retractedBy", retractedBy);
                fields.put("retractionReason", retractionReason);
            }
            return fields;
        }
    }

    String REPLY_ROWS =
            """
            SELECT r.id, r.interview_id, r.from_contact_id, r.received_at, r.kind, r.new_decision_date, r.version,
                   r.retracted_at, r.retracted_by, u.display_name AS retracted_by_name, r.retraction_reason, ca.zone
              FROM replies r
              JOIN interviews i ON i.id = r.interview_id
              JOIN candidates ca ON ca.id = i.candidate_id
              LEFT JOIN users u ON u.id = r.retracted_by
            """;

    /**
     * The interview's replies in time order, the retracted ones too when {@code withRetracted}; only the one with id
     * {@code only} when it is not null.
     */
    @SqlQuery(
            REPLY_ROWS
                    + """
             WHERE r.interview_id = :id AND (CAST(:only AS bigint) IS NULL OR r.id = :only)
               AND (:withRetracted OR r.retracted_at IS NULL)
             ORDER BY r.received_at, r.id
            """)
    List<ReplyRow> replyRows(
            @Bind("id") long interviewId, @Bind("only") Long only, @Bind("withRetracted") boolean withRetracted);

    /** The interview's replies that count, in time order; times in the candidate's zone. */
    default List<ReplyView> replies(long interviewId) {
        return replies(interviewId, false);
    }

    /** The interview's replies in time order, the retracted ones too when {@code withRetracted}. */
    default List<ReplyView> replies(long interviewId, boolean withRetracted) {
        return replyRows(interviewId, null, withRetracted).stream()
                .map(ReplyRow::view)
                .toList();
    }

    /** One reply of the interview, retracted or not. */
    default Optional<ReplyView> reply(long interviewId, long replyId) {
        return replyRows(interviewId, replyId, true).stream()
                .map(ReplyRow::view)
                .findFirst();
    }

    /** One reply of the interview, retracted or not, locked until the transaction ends. */
    @SqlQuery(REPLY_ROWS + " WHERE r.interview_id = :id AND r.id = :reply FOR UPDATE OF r")
    Optional<ReplyRow> replyForChange(@Bind("id") long interviewId, @Bind("reply") long replyId);

    /** A correction of the reply: the fields as they should have been, for the version it corrects. */
    record ReplyChange(
            long id, int version, long fromContactId, Instant receivedAt, ReplyKind kind, LocalDate newDecisionDate) {}

    /** The number of rows changed: 0 when the reply changed since {@code version} or was retracted. */
    @SqlUpdate(
            """
            UPDATE replies
               SET from_contact_id = :reply.fromContactId, received_at = :reply.receivedAt, kind = :reply.kind,
                   new_decision_date = :reply.newDecisionDate, version = version + 1
             WHERE id = :reply.id AND version = :reply.version AND retracted_at IS NULL
            """)
    int correctReply(@BindMethods("reply") ReplyChange reply);

    /** The number of rows changed: 0 when the reply changed since {@code version} or was retracted already. */
    @SqlUpdate(
            """
            UPDATE replies
               SET retracted_at = :at, retracted_by = :by, retraction_reason = :reason, version = version + 1
             WHERE id = :id AND version = :version AND retracted_at IS NULL
            """)
    int retractReply(
            @Bind("id") long replyId,
            @Bind("version") int version,
            @Bind("at") Instant at,
            @Bind("by") long userId,
            @Bind("reason") String reason);

    /** Contacts as the core models them, mapped as the interview records map them. */
    final class ContactMapper implements RowMapper<Contact> {
        @Override
        public Contact map(ResultSet rs, StatementContext context) throws SQLException {
            return JdbiInterviewRecords.contact(rs);
        }
    }
}
