package com.followup.api.threads;

import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.representations.PlanView;
import com.followup.api.threads.ThreadBodies.ReplyView;
import com.followup.core.model.Channel;
import com.followup.core.model.Contact;
import com.followup.core.model.ReplyKind;
import com.followup.core.model.TouchKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
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
 * are read with the interview's record (core's {@code InterviewRecords}), which the rules evaluate.
 */
@RegisterConstructorMapper(ThreadRepository.FindingsRow.class)
@RegisterConstructorMapper(ThreadRepository.EarlierRow.class)
@RegisterConstructorMapper(ThreadRepository.ReplyRow.class)
@RegisterRowMapper(ThreadRepository.ContactMapper.class)
public interface ThreadRepository {
    /** The note findings stored with a touch, as JSON text. */
    record FindingsRow(long id, String findings) {}

    @SqlQuery("SELECT id, note_findings::text AS findings FROM touches WHERE interview_id = :id")
    List<FindingsRow> noteFindings(@Bind("id") long interviewId);

    /** A contact of the interview's company, or none (the contact belongs to another company or does not exist). */
    @SqlQuery(
            """
            SELECT id, company_id, name, title, role, business_email, business_phone, linkedin_url
              FROM contacts
             WHERE id = :id AND company_id = :company
            """)
    Optional<Contact> contactOfCompany(@Bind("id") long contactId, @Bind("company") long companyId);

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

    @SqlUpdate(
            """
            INSERT INTO touches (interview_id, kind, channel, recipient_id, address, sent_at, subject, text,
                                 note_findings, idempotency_key, request_hash, created_by)
            VALUES (:touch.interviewId, :touch.kind, :touch.channel, :touch.recipientId, :touch.address,
                    :touch.sentAt, :touch.subject, :touch.text, CAST(:touch.findings AS jsonb),
                    :touch.idempotencyKey, :touch.requestHash, :touch.createdBy)
            """)
    @GetGeneratedKeys("id")
    long insertTouch(@BindMethods("touch") NewTouch touch);

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

    /** A reply with the zone of the interview's candidate, in which its time is shown. */
    record ReplyRow(
            long id,
            long interviewId,
            long fromContactId,
            Instant receivedAt,
            ReplyKind kind,
            LocalDate newDecisionDate,
            String zone) {
        ReplyView view() {
            return new ReplyView(
                    id,
                    interviewId,
                    fromContactId,
                    PlanView.at(receivedAt, ZoneId.of(zone)),
                    kind,
                    Optional.ofNullable(newDecisionDate));
        }
    }

    /** The interview's replies in time order, or only the one with id {@code only} when it is not null. */
    @SqlQuery(
            """
            SELECT r.id, r.interview_id, r.from_contact_id, r.received_at, r.kind, r.new_decision_date, ca.zone
              FROM replies r
              JOIN interviews i ON i.id = r.interview_id
              JOIN candidates ca ON ca.id = i.candidate_id
             WHERE r.interview_id = :id AND (CAST(:only AS bigint) IS NULL OR r.id = :only)
             ORDER BY r.received_at, r.id
            """)
    List<ReplyRow> replyRows(@Bind("id") long interviewId, @Bind("only") Long only);

    /** The interview's replies in time order; times in the candidate's zone. */
    default List<ReplyView> replies(long interviewId) {
        return replyRows(interviewId, null).stream().map(ReplyRow::view).toList();
    }

    /** One reply of the interview. */
    default Optional<ReplyView> reply(long interviewId, long replyId) {
        return replyRows(interviewId, replyId).stream().map(ReplyRow::view).findFirst();
    }

    /** Contacts as the core models them, mapped as the interview records map them. */
    final class ContactMapper implements RowMapper<Contact> {
        @Override
        public Contact map(ResultSet rs, StatementContext context) throws SQLException {
            return JdbiInterviewRecords.contact(rs);
        }
    }
}
