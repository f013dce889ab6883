package com.followup.api.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The candidates' calendar feeds: one a candidate, known by the hash of its secret token. Attached to the use case's
 * handle ({@code handle.attach(CalendarFeedRepository.class)}), so it runs in the use case's transaction.
 */
public interface CalendarFeedRepository {
    /** Creates the candidate's feed, or gives it a new token (the old one stops working). */
    @SqlUpdate(
            """
            INSERT INTO calendar_feeds (candidate_id, token_hash, created_at, renewed_at)
            VALUES (:candidate, :hash, :now, :now)
            ON CONFLICT (candidate_id) DO UPDATE SET token_hash = :hash, renewed_at = :now
            """)
    void renew(@Bind("candidate") long candidateId, @Bind("hash") String tokenHash, @Bind("now") Instant now);

    /** The candidate whose feed has this token hash. */
    @SqlQuery("SELECT candidate_id FROM calendar_feeds WHERE token_hash = :hash")
    Optional<Long> candidateOf(@Bind("hash") String tokenHash);

    /** The candidate's interviews that ended after {@code since} (or have not ended), in id order. */
    @SqlQuery("SELECT id FROM interviews WHERE candidate_id = :candidate AND ends_at > :since ORDER BY id")
    List<Long> interviewsEndingAfter(@Bind("candidate") long candidateId, @Bind("since") Instant since);
}
