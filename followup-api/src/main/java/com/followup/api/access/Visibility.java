package com.followup.api.access;

import com.followup.api.auth.UserPrincipal;
import com.followup.api.db.Statements;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.ProblemException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Which records a caller may see, written once: an admin sees every candidate, a recruiter those assigned to them,
 * a candidate only themself ({@link #VISIBLE_CANDIDATES}); interviews follow their candidate, and a company is
 * visible to staff and to a candidate who has an interview with it ({@link #VISIBLE_COMPANIES}); a contact is visible
 * to staff and to a candidate whose interviews it is on or who entered it ({@link #VISIBLE_CONTACTS}, decision 0025).
 * Every check and every list query uses these fragments. A record outside the caller's view answers 404, exactly like
 * one that does not exist, and an id of one named in a request is refused as an unknown id is, so ids of other
 * people's records reveal nothing.
 */
public final class Visibility {
    /**
     * The ids of the caller's visible candidates, as SQL over the bind variables {@code :visibleToRole} and
     * {@code :visibleToUser} (see {@link #bind}); use it as {@code candidate_id IN (VISIBLE_CANDIDATES)}.
     */
    public static final String VISIBLE_CANDIDATES =
            """
            SELECT c.id FROM candidates c
             WHERE :visibleToRole = 'ADMIN'
                OR (:visibleToRole = 'RECRUITER'
                    AND EXISTS (SELECT 1 FROM recruiter_assignments a
                                 WHERE a.candidate_id = c.id AND a.recruiter_id = :visibleToUser))
                OR (:visibleToRole = 'CANDIDATE' AND c.user_id = :visibleToUser)
            """;

    /**
     * The ids of the caller's visible companies, over the same bind variables: staff see the agency's whole client
     * list, a candidate the companies they interviewed with (the client list is not theirs to browse). Concatenated
     * rather than formatted, so it is a constant that a repository's {@code @SqlQuery} can use.
     */
    public static final String VISIBLE_COMPANIES =
            """
            SELECT co.id FROM companies co
             WHERE :visibleToRole <> 'CANDIDATE'
                OR EXISTS (SELECT 1 FROM interviews i
                            WHERE i.company_id = co.id AND i.candidate_id IN (
            """
                    + VISIBLE_CANDIDATES
                    + "))\n";

    /**
     * The ids of the caller's visible contacts, over the same bind variables: staff see every contact; a candidate
     * only the people on their own interviews (interviewers, recipients of their touches, senders of the replies
     * they logged) and the contacts they entered themselves ({@code contacts.created_by}, changeset 0018),
     * never a company's whole contact list (decision 0025). Which company they interview with gives no access to its
     * other contacts.
     */
    public static final String VISIBLE_CONTACTS =
            """
            SELECT ct.id FROM contacts ct
             WHERE :visibleToRole <> 'CANDIDATE'
                OR EXISTS (SELECT 1 FROM interviews i
                            WHERE i.candidate_id IN (
            """
                    + VISIBLE_CANDIDATES
                    + """
                              )
                              AND (EXISTS (SELECT 1 FROM interview_interviewers ii
                                            WHERE ii.interview_id = i.id AND ii.contact_id = ct.id)
                                   OR EXISTS (SELECT 1 FROM touches t
                                               WHERE t.interview_id = i.id AND t.recipient_id = ct.id)
                                   OR EXISTS (SELECT 1 FROM replies r
                                               WHERE r.interview_id = i.id AND r.from_contact_id = ct.id)))
                OR ct.created_by = :visibleToUser
            """;

    private Visibility() {}

    /** Binds the caller for {@link #VISIBLE_CANDIDATES}, {@link #VISIBLE_COMPANIES} and {@link #VISIBLE_CONTACTS}. */
    public static <T extends SqlStatement<T>> T bind(T statement, UserPrincipal user) {
        return statement.bind("visibleToRole", user.role().name()).bind("visibleToUser", user.id());
    }

    /** Whether the candidate exists and the caller may see them. */
    public static boolean canSeeCandidate(Handle handle, UserPrincipal user, long candidateId) {
        return bind(
                        handle.createQuery("SELECT EXISTS (SELECT 1 FROM candidates WHERE id = :candidate AND id IN ("
                                + VISIBLE_CANDIDATES + "))"),
                        user)
                .bind("candidate", candidateId)
                .mapTo(Boolean.class)
                .one();
    }

    /** 404 when the candidate does not exist or is not the caller's to see. */
    public static void requireCandidate(Handle handle, UserPrincipal user, long candidateId) {
        if (!canSeeCandidate(handle, user, candidateId)) {
            throw ProblemException.notFound("Candidate " + candidateId);
        }
    }

    /** The candidate of a visible interview; 404 when it does not exist or is not the caller's to see. */
    public static long requireInterview(Handle handle, UserPrincipal user, long interviewId) {
        Optional<Long> candidate = bind(
                        handle.createQuery("SELECT i.candidate_id FROM interviews i WHERE i.id = :id"
                                + " AND i.candidate_id IN (" + VISIBLE_CANDIDATES + ")"),
                        user)
                .bind("id", interviewId)
                .mapTo(Long.class)
                .findOne();
        return candidate.orElseThrow(() -> ProblemException.notFound("Interview " + interviewId));
    }

    /**
     * {@link #requireInterview}, with the interview's summary row locked until the transaction ends, in one statement.
     * Every write to an interview's parts bumps that row (changeset 0008's triggers), so a writer holding it reads a
     * record no other writer can change before it commits (issue 18: a touch's plan is stored in its own transaction).
     */
    public static long requireInterviewLocked(Handle handle, UserPrincipal user, long interviewId) {
        Long candidate =
                interviewsLocked(handle, user, new long[] {interviewId}).get(interviewId);
        if (candidate == null) {
            throw ProblemException.notFound("Interview " + interviewId);
        }
        return candidate;
    }

    /**
     * {@link #requireInterviewLocked} for several interviews in one statement: the candidate of each interview the
     * caller may see, its summary row locked, in the order of their ids so that two writers never wait for each other
     * in a circle; an interview missing from the answer is a 404 for its request.
     */
    public static Map<Long, Long> interviewsLocked(Handle handle, UserPrincipal user, long[] interviewIds) {
        Map<Long, Long> candidates = new HashMap<>();
        bind(handle.createQuery(LOCK_VISIBLE_INTERVIEWS), user)
                .bind("ids", interviewIds)
                .map((rs, context) -> candidates.put(rs.getLong(1), rs.getLong(2)))
                .forEach(ignored -> {});
        return candidates;
    }

    /**
     * {@link #interviewsLocked}'s statement, to be read with other queries in one round trip (a group of touches,
     * issue 18: {@code JdbiInterviewRecords.loadForTouches}): its rows are each visible interview's id and candidate;
     * its parameters end in {@code suffix}, so that the statements of several users can go together.
     */
    public static Statements.Part interviewsLockedStatement(UserPrincipal user, long[] interviewIds, String suffix) {
        return new Statements.Part(
                        LOCK_VISIBLE_INTERVIEWS,
                        Map.of("ids", interviewIds, "visibleToRole", user.role().name(), "visibleToUser", user.id()))
                .suffixed(suffix);
    }

    private static final String LOCK_VISIBLE_INTERVIEWS = "SELECT i.id, i.candidate_id FROM interviews i"
            + " JOIN plan_summaries s ON s.interview_id = i.id WHERE i.id = ANY(:ids)"
            + " AND i.candidate_id IN (" + VISIBLE_CANDIDATES + ")"
            + " ORDER BY s.interview_id FOR UPDATE OF s";

    /** Whether the company exists and the caller may see it. */
    public static boolean canSeeCompany(Handle handle, UserPrincipal user, long companyId) {
        return bind(
                        handle.createQuery("SELECT EXISTS (SELECT 1 FROM companies WHERE id = :company AND id IN ("
                                + VISIBLE_COMPANIES + "))"),
                        user)
                .bind("company", companyId)
                .mapTo(Boolean.class)
                .one();
    }

    /** 404 when the company does not exist or is not the caller's to see. */
    public static void requireCompany(Handle handle, UserPrincipal user, long companyId) {
        if (!canSeeCompany(handle, user, companyId)) {
            throw ProblemException.notFound("Company " + companyId);
        }
    }

    /** Whether the contact exists, belongs to the company and the caller may see it (decision 0025). */
    public static boolean canSeeContactOf(Handle handle, UserPrincipal user, long companyId, long contactId) {
        return bind(
                        handle.createQuery("SELECT EXISTS (SELECT 1 FROM contacts WHERE id = :contact"
                                + " AND company_id = :company AND id IN (" + VISIBLE_CONTACTS + "))"),
                        user)
                .bind("contact", contactId)
                .bind("company", companyId)
                .mapTo(Boolean.class)
                .one();
    }

    /** Whether the contact exists and the caller may see it (decision 0025). */
    public static boolean canSeeContact(Handle handle, UserPrincipal user, long contactId) {
        return bind(
                        handle.createQuery("SELECT EXISTS (SELECT 1 FROM contacts WHERE id = :contact AND id IN ("
                                + VISIBLE_CONTACTS + "))"),
                        user)
                .bind("contact", contactId)
                .mapTo(Boolean.class)
                .one();
    }

    /** The candidate row of a candidate user: every candidate login belongs to one. */
    public static long candidateOf(Handle handle, UserPrincipal user) {
        return handle.createQuery("SELECT id FROM candidates WHERE user_id = :user")
                .bind("user", user.id())
                .mapTo(Long.class)
                .findOne()
                .orElseThrow(() -> ProblemException.forbidden(
                        ErrorCode.NO_CANDIDATE_PROFILE, "This login has no candidate profile; ask your recruiter."));
    }
}
