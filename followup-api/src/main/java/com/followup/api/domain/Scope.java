package com.followup.api.domain;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.problem.ProblemException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Which candidates a caller may see: an admin all of them, a recruiter those assigned to them, a candidate
 * only themself. A record outside the caller's scope answers 404, exactly like one that does not exist,
 * so ids of other people's records reveal nothing.
 */
public final class Scope {
    /**
     * The ids of the caller's visible candidates, as SQL over the bind variables {@code :scopeRole} and
     * {@code :scopeUser} (see {@link #bind}).
     */
    public static final String VISIBLE_CANDIDATES =
            """
            SELECT c.id FROM candidates c
             WHERE :scopeRole = 'ADMIN'
                OR (:scopeRole = 'RECRUITER'
                    AND EXISTS (SELECT 1 FROM recruiter_assignments a
                                 WHERE a.candidate_id = c.id AND a.recruiter_id = :scopeUser))
                OR (:scopeRole = 'CANDIDATE' AND c.user_id = :scopeUser)
            """;

    private Scope() {}

    public static <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T bind(T statement, UserPrincipal user) {
        return statement.bind("scopeRole", user.role().name()).bind("scopeUser", user.id());
    }

    public static boolean canSeeCandidate(Handle handle, UserPrincipal user, long candidateId) {
        return switch (user.role()) {
            case ADMIN -> true;
            case RECRUITER ->
                handle.createQuery("SELECT EXISTS (SELECT 1 FROM recruiter_assignments"
                                + " WHERE candidate_id = :candidate AND recruiter_id = :user)")
                        .bind("candidate", candidateId)
                        .bind("user", user.id())
                        .mapTo(Boolean.class)
                        .one();
            case CANDIDATE ->
                handle.createQuery("SELECT EXISTS (SELECT 1 FROM candidates WHERE id = :candidate AND user_id = :user)")
                        .bind("candidate", candidateId)
                        .bind("user", user.id())
                        .mapTo(Boolean.class)
                        .one();
        };
    }

    public static void requireCandidate(Handle handle, UserPrincipal user, long candidateId) {
        boolean exists = handle.createQuery("SELECT EXISTS (SELECT 1 FROM candidates WHERE id = :id)")
                .bind("id", candidateId)
                .mapTo(Boolean.class)
                .one();
        if (!exists || !canSeeCandidate(handle, user, candidateId)) {
            throw ProblemException.notFound("Candidate " + candidateId);
        }
    }

    /** The candidate of a visible interview; 404 when it does not exist or is not the caller's to see. */
    public static long requireInterview(Handle handle, UserPrincipal user, long interviewId) {
        // One statement: the interview's candidate, and whether the caller may see them (the rules of canSeeCandidate).
        Optional<Long> candidate = handle.createQuery(
                        """
                        SELECT i.candidate_id
                          FROM interviews i
                         WHERE i.id = :id
                           AND CASE :role
                                 WHEN 'ADMIN' THEN true
                                 WHEN 'RECRUITER' THEN EXISTS (SELECT 1 FROM recruiter_assignments a
                                                                WHERE a.candidate_id = i.candidate_id
                                                                  AND a.recruiter_id = :user)
                                 ELSE EXISTS (SELECT 1 FROM candidates c WHERE c.id = i.candidate_id AND c.user_id = :user)
                               END
                        """)
                .bind("id", interviewId)
                .bind("role", user.role().name())
                .bind("user", user.id())
                .mapTo(Long.class)
                .findOne();
        return candidate.orElseThrow(() -> ProblemException.notFound("Interview " + interviewId));
    }

    /** A company is visible to admins and recruiters, and to a candidate who has an interview with it. */
    public static void requireCompany(Handle handle, UserPrincipal user, long companyId) {
        boolean visible = user.role() == Role.CANDIDATE
                ? handle.createQuery(
                                """
                                SELECT EXISTS (SELECT 1 FROM interviews i JOIN candidates c ON c.id = i.candidate_id
                                                WHERE i.company_id = :company AND c.user_id = :user)
                                """)
                        .bind("company", companyId)
                        .bind("user", user.id())
                        .mapTo(Boolean.class)
                        .one()
                : handle.createQuery("SELECT EXISTS (SELECT 1 FROM companies WHERE id = :id)")
                        .bind("id", companyId)
                        .mapTo(Boolean.class)
                        .one();
        if (!visible) {
            throw ProblemException.notFound("Company " + companyId);
        }
    }

    /** The candidate row of a candidate user: every candidate login belongs to one. */
    public static long candidateOf(Handle handle, UserPrincipal user) {
        return handle.createQuery("SELECT id FROM candidates WHERE user_id = :user")
                .bind("user", user.id())
                .mapTo(Long.class)
                .findOne()
                .orElseThrow(() -> ProblemException.forbidden(
                        "NO_CANDIDATE_PROFILE", "This login has no candidate profile; ask your recruiter."));
    }
}
