package com.followup.api.mailin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The SQL of mail-in (decision 0034): the candidates' logging addresses, the messages claimed by their Message-ID and
 * the messages waiting to be placed. Attached to the use case's handle, so it runs in the use case's transaction.
 */
@RegisterConstructorMapper(MailInRepository.Address.class)
@RegisterConstructorMapper(MailInRepository.Owner.class)
@RegisterConstructorMapper(MailInRepository.UnplacedRow.class)
public interface MailInRepository {
    /** A candidate's logging address: its secret, when it was first made and last renewed. */
    record Address(long candidateId, String secret, Instant createdAt, Instant renewedAt) {}

    @SqlUpdate(
            """
            INSERT INTO mail_in_addresses (candidate_id, secret, created_at, renewed_at)
            VALUES (:candidate, :secret, :now, :now)
            ON CONFLICT (candidate_id) DO UPDATE SET secret = :secret, renewed_at = :now
            """)
    void renew(@Bind("candidate") long candidateId, @Bind("secret") String secret, @Bind("now") Instant now);

    @SqlQuery("SELECT candidate_id, secret, created_at, renewed_at FROM mail_in_addresses WHERE candidate_id = :c")
    Optional<Address> ofCandidate(@Bind("c") long candidateId);

    /**
     * Whose address has this secret: the candidate, their login (active only) and the addresses they send from.
     * A candidate without an active login logs nothing.
     */
    record Owner(long candidateId, String candidateEmail, long userId, String userEmail, String userName) {}

    @SqlQuery(
            """
            SELECT ca.id AS candidate_id, ca.email AS candidate_email, u.id AS user_id, u.email AS user_email,
                   u.display_name AS user_name
              FROM mail_in_addresses a
              JOIN candidates ca ON ca.id = a.candidate_id
              JOIN users u ON u.id = ca.user_id AND u.active
             WHERE a.secret = :secret
            """)
    Optional<Owner> ownerOf(@Bind("secret") String secret);

    /** A contact of a company the candidate interviewed with. */
    record KnownContact(long id, long companyId, String companyName, String name, String businessEmail) {}

    /** The candidate's interviews at the company that ended by {@code at}, the most recent first. */
    @SqlQuery(
            """
            SELECT id FROM interviews
             WHERE candidate_id = :candidate AND company_id = :company AND ends_at <= :at
             ORDER BY ends_at DESC, id DESC
            """)
    List<Long> interviewsEndedBy(
            @Bind("candidate") long candidateId, @Bind("company") long companyId, @Bind("at") Instant at);

    /**
     * Claims a message by its key; false when it was claimed before (a second delivery, or another server). A
     * concurrent claim waits for this transaction and then finds the row.
     */
    @SqlQuery(
            """
            INSERT INTO mail_in_messages (message_key, candidate_id, outcome, read_at)
            VALUES (:key, :candidate, :outcome, :now)
            ON CONFLICT (message_key) DO NOTHING
            RETURNING true
            """)
    Optional<Boolean> claim(
            @Bind("key") String messageKey,
            @Bind("candidate") long candidateId,
            @Bind("outcome") String outcome,
            @Bind("now") Instant now);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM mail_in_messages WHERE message_key = :key)")
    boolean claimed(@Bind("key") String messageKey);

    /** A message that could not be placed, as stored. */
    record NewUnplaced(
            long candidateId,
            String messageKey,
            String direction,
            Instant sentAt,
            String counterpart,
            String subject,
            String text,
            String reason,
            Instant readAt) {}

    @SqlUpdate(
            """
            INSERT INTO mail_in_unplaced (candidate_id, message_key, direction, sent_at, counterpart, subject, text,
                                          reason, read_at)
            VALUES (:u.candidateId, :u.messageKey, :u.direction, :u.sentAt, :u.counterpart, :u.subject, :u.text,
                    :u.reason, :u.readAt)
            """)
    @GetGeneratedKeys("id")
    long insertUnplaced(@BindMethods("u") NewUnplaced unplaced);

    record UnplacedRow(
            long id,
            long candidateId,
            String direction,
            Instant sentAt,
            String counterpart,
            String subject,
            String text,
            String reason,
            Instant readAt,
            Instant placedAt,
            Long placedInterviewId) {}

    @SqlQuery(
            """
            SELECT id, candidate_id, direction, sent_at, counterpart, subject, text, reason, read_at, placed_at,
                   placed_interview_id
              FROM mail_in_unplaced
             WHERE candidate_id = :candidate AND placed_at IS NULL
             ORDER BY sent_at DESC, id DESC
            """)
    List<UnplacedRow> waiting(@Bind("candidate") long candidateId);

    /** The candidate's unplaced message, locked until the transaction ends (one assignment at a time). */
    @SqlQuery(
            """
            SELECT id, candidate_id, direction, sent_at, counterpart, subject, text, reason, read_at, placed_at,
                   placed_interview_id
              FROM mail_in_unplaced
             WHERE id = :id AND candidate_id = :candidate
               FOR UPDATE
            """)
    Optional<UnplacedRow> lockOfCandidate(@Bind("id") long id, @Bind("candidate") long candidateId);

    @SqlUpdate("UPDATE mail_in_unplaced SET placed_at = :now, placed_interview_id = :interview WHERE id = :id")
    void markPlaced(@Bind("id") long id, @Bind("interview") long interviewId, @Bind("now") Instant now);
}
