package com.followup.api.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The candidates' calendar feeds: one a candidate, known by the hash of its secret token. Attached to the use case's
 * handle ({@code handle.attach(CalendarFeedRepository.class)}), so it runs in the use case's transaction.
 */
public interface CalendarFeedRepository {
    /** A candidate's feed: whose it is, when it was first made and when its address was last renewed. */
    record Feed(long candidateId, Instant createdAt, Instant renewedAt) {}

    /** Creates the candidate's feed, or gives it a new token (the old one stops working). */
    @SqlUpdate(
            """
            INSERT INTO calendar_feeds (candidate_id, token_hash, created_at, renewed_at)
            VALUES (:candidate, :hash, :now, :now)
            ON CONFLICT (candidate_id) DO UPDATE SET token_hash = :hash, renewed_at = :now
            """)
    void renew(@Bind("candidate") long candidateId, @Bind("hash") String tokenHash, @Bind("now") Instant now);

    /** The feed that has this token hash. */
    @SqlQuery("SELECT candidate_id, created_at, renewed_at FROM calendar_feeds WHERE token_hash = :hash")
    @RegisterConstructorMapper(Feed.class)
    Optional<Feed> byTokenHash(@Bind("hash") String tokenHash);

    /** The candidate's feed, if they made one. */
    @SqlQuery("SELECT candidate_id, created_at, renewed_at FROM calendar_feeds WHERE candidate_id = :candidate")
    @RegisterConstructorMapper(Feed.class)
    Optional<Feed> ofCandidate(@Bind("candidate") long candidateId);

    /** Whether {@code tokenHash} is the candidate's current token (a just-renewed address is shown only then). */
    @SqlQuery("SELECT EXISTS (SELECT 1 FROM calendar_feeds WHERE candidate_id = :candidate AND token_hash = :hash)")
    boolean isCurrent(@Bind("candidate") long candidateId, @Bind("hash") String tokenHash);

    /** The candidate's interviews that ended after {@code since} (or have not ended), in id order. */
    @SqlQuery("SELECT id FROM interviews WHERE candidate_id = :candidate AND ends_at > :since ORDER BY id")
    List<Long> interviewsEndingAfter(@Bind("candidate") long candidateId, @Bind("since") Instant since);
}
