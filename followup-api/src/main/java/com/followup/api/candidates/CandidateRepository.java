package com.followup.api.candidates;

import com.followup.api.access.Visibility;
import com.followup.api.candidates.CandidateBodies.CandidateView;
import com.followup.api.db.JdbiInterviewRecords;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Candidates and the recruiters they are assigned to. Attached to the use case's handle
 * ({@code handle.attach(CandidateRepository.class)}), so it runs in the use case's transaction.
 */
@RegisterRowMapper(CandidateRepository.CandidateMapper.class)
public interface CandidateRepository {
    String SELECT_CANDIDATE =
            """
            SELECT c.id, c.name, c.email, c.zone, c.user_id, c.created_at, c.version,
                   ARRAY(SELECT r.recruiter_id FROM recruiter_assignments r WHERE r.candidate_id = c.id
                          ORDER BY r.recruiter_id) AS recruiter_ids
              FROM candidates c
            """;

    /**
     * The caller's candidates whose name or email contains {@code :q} (any case), optionally those of one recruiter;
     * binds the caller as {@link Visibility}.
     */
    String VISIBLE_CANDIDATES_MATCHING = """
             WHERE c.id IN (
            """
            + Visibility.VISIBLE_CANDIDATES
            + """
            )
               AND (CAST(:q AS text) IS NULL OR c.name ILIKE '%' || :q || '%' OR c.email ILIKE '%' || :q || '%')
               AND (CAST(:recruiter AS bigint) IS NULL OR EXISTS (SELECT 1 FROM recruiter_assignments r
                                                       WHERE r.candidate_id = c.id AND r.recruiter_id = :recruiter))
            """;

    @SqlQuery(SELECT_CANDIDATE + VISIBLE_CANDIDATES_MATCHING
            + " ORDER BY lower(c.name), c.id LIMIT :limit OFFSET :offset")
    List<CandidateView> visible(
            @Bind("visibleToRole") String role,
            @Bind("visibleToUser") long user,
            @Bind("q") String query,
            @Bind("recruiter") Long recruiterId,
            @Bind("limit") int limit,
            @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM candidates c" + VISIBLE_CANDIDATES_MATCHING)
    long countVisible(
            @Bind("visibleToRole") String role,
            @Bind("visibleToUser") long user,
            @Bind("q") String query,
            @Bind("recruiter") Long recruiterId);

    @SqlQuery(SELECT_CANDIDATE + " WHERE c.id = :id")
    Optional<CandidateView> candidate(@Bind("id") long id);

    /** The zone of the candidate whose login is {@code userId}. */
    @SqlQuery("SELECT zone FROM candidates WHERE user_id = :user")
    Optional<String> zoneOfLogin(@Bind("user") long userId);

    /** The display names of the recruiters assigned to the candidate, by name. */
    @SqlQuery(
            """
            SELECT u.display_name FROM recruiter_assignments a JOIN users u ON u.id = a.recruiter_id
             WHERE a.candidate_id = :id ORDER BY lower(u.display_name)
            """)
    List<String> recruiterNames(@Bind("id") long candidateId);

    @SqlQuery(
            """
            SELECT EXISTS (SELECT 1 FROM candidates WHERE lower(email) = lower(:email)
                              AND (CAST(:except AS bigint) IS NULL OR id <> :except))
            """)
    boolean emailTaken(@Bind("email") String email, @Bind("except") Long except);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM users WHERE id = :id AND role = 'CANDIDATE')")
    boolean isCandidateLogin(@Bind("id") long userId);

    /** Whether another candidate than {@code except} has this login. */
    @SqlQuery(
            """
            SELECT EXISTS (SELECT 1 FROM candidates WHERE user_id = :user
                              AND (CAST(:except AS bigint) IS NULL OR id <> :except))
            """)
    boolean loginLinked(@Bind("user") long userId, @Bind("except") Long except);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM users WHERE id = :id AND role = 'RECRUITER' AND active)")
    boolean isActiveRecruiter(@Bind("id") long userId);

    @SqlUpdate("INSERT INTO candidates (name, email, zone, user_id) VALUES (:name, :email, :zone, :userId)")
    @GetGeneratedKeys("id")
    long insertCandidate(
            @Bind("name") String name,
            @Bind("email") String email,
            @Bind("zone") String zone,
            @Bind("userId") Long userId);

    /** The number of rows changed: 0 when the version is stale. */
    @SqlUpdate(
            """
            UPDATE candidates SET name = :name, email = :email, zone = :zone, user_id = :userId,
                   version = version + 1
             WHERE id = :id AND version = :version
            """)
    int updateCandidate(
            @Bind("id") long id,
            @Bind("version") int version,
            @Bind("name") String name,
            @Bind("email") String email,
            @Bind("zone") String zone,
            @Bind("userId") Long userId);

    /** The number of assignments added: 0 when it existed (assigning twice is not an error, a retried request). */
    @SqlUpdate(
            """
            INSERT INTO recruiter_assignments (candidate_id, recruiter_id) VALUES (:candidate, :recruiter)
            ON CONFLICT DO NOTHING
            """)
    int assign(@Bind("candidate") long candidateId, @Bind("recruiter") long recruiterId);

    /** The number of assignments removed. */
    @SqlUpdate("DELETE FROM recruiter_assignments WHERE candidate_id = :candidate AND recruiter_id = :recruiter")
    int unassign(@Bind("candidate") long candidateId, @Bind("recruiter") long recruiterId);

    final class CandidateMapper implements RowMapper<CandidateView> {
        @Override
        public CandidateView map(ResultSet rs, StatementContext context) throws SQLException {
            long userId = rs.getLong("user_id");
            Optional<Long> user = rs.wasNull() ? Optional.empty() : Optional.of(userId);
            Long[] recruiters = (Long[]) rs.getArray("recruiter_ids").getArray();
            return new CandidateView(
                    rs.getLong("id"),
                    rs.getString("name"),
                    rs.getString("email"),
                    rs.getString("zone"),
                    user,
                    List.of(recruiters),
                    JdbiInterviewRecords.instant(rs, "created_at"),
                    rs.getInt("version"));
        }
    }
}
