package com.followup.api.dashboard;

import com.followup.api.access.Visibility;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.dashboard.DashboardBodies.Dashboard;
import com.followup.api.dashboard.DashboardBodies.Query;
import com.followup.core.model.InterviewId;
import com.followup.core.repository.FollowUpPlans;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The test oracle of the stored plan summaries: it lives with the tests, the server never runs it. */
final class EverythingEvaluatedDashboard {
    private EverythingEvaluatedDashboard() {}

    /**
     * The dashboard computed the slow, obvious way: load and evaluate every visible interview. The reference that the
     * summarised dashboard ({@link PlanSummaries}) must equal; interviews are taken in id order, so ties between
     * equally urgent steps go to the lowest interview id in both.
     */
    static Dashboard evaluatingEverything(
            Jdbi jdbi, FollowUpPlans plans, UserPrincipal user, Query query, Instant now) {
        record Row(long interviewId, long candidateId, String candidateName, String company) {}
        List<Row> rows = jdbi.inTransaction(handle -> Visibility.bind(
                        handle.createQuery(
                                """
                                SELECT i.id, i.candidate_id, ca.name AS candidate_name, co.name AS company_name
                                  FROM interviews i
                                  JOIN candidates ca ON ca.id = i.candidate_id
                                  JOIN companies co ON co.id = i.company_id
                                 WHERE i.candidate_id IN (%s)
                                   AND (CAST(:recruiter AS bigint) IS NULL OR EXISTS (
                                        SELECT 1 FROM recruiter_assignments r
                                         WHERE r.candidate_id = i.candidate_id AND r.recruiter_id = :recruiter))
                                   AND (CAST(:company AS bigint) IS NULL OR i.company_id = :company)
                                   AND (CAST(:candidate AS bigint) IS NULL OR i.candidate_id = :candidate)
                                """
                                        .formatted(Visibility.VISIBLE_CANDIDATES)),
                        user)
                .bind("recruiter", query.recruiterId().orElse(null))
                .bind("company", query.companyId().orElse(null))
                .bind("candidate", query.candidateId().orElse(null))
                .map((rs, context) -> new Row(
                        rs.getLong("id"),
                        rs.getLong("candidate_id"),
                        rs.getString("candidate_name"),
                        rs.getString("company_name")))
                .list());

        Map<Long, Row> byInterview = new HashMap<>();
        rows.forEach(row -> byInterview.put(row.interviewId(), row));
        Map<Long, Tally> tallies = new HashMap<>();
        List<FollowUpPlans.Evaluated> evaluated = new ArrayList<>(plans.evaluateAll(
                rows.stream().map(row -> new InterviewId(row.interviewId())).toList(), now));
        evaluated.sort(
                Comparator.comparingLong(each -> each.record().interview().id().value()));
        for (FollowUpPlans.Evaluated each : evaluated) {
            Row row = byInterview.get(each.record().interview().id().value());
            Tally tally =
                    tallies.computeIfAbsent(row.candidateId(), id -> new Tally(row.candidateId(), row.candidateName()));
            tally.add(each.plan(), each.record(), each.record().candidate().zone());
        }
        List<Tally> all = new ArrayList<>(tallies.values());
        if (query.companyId().isEmpty()) {
            // Visible candidates without any interview are in the list too.
            all.addAll(jdbi.withHandle(handle -> Visibility.bind(
                            handle.createQuery(
                                    """
                                    SELECT c.id, c.name FROM candidates c
                                     WHERE c.id IN (%s)
                                       AND NOT EXISTS (SELECT 1 FROM interviews i WHERE i.candidate_id = c.id)
                                       AND (CAST(:recruiter AS bigint) IS NULL OR EXISTS (
                                            SELECT 1 FROM recruiter_assignments r
                                             WHERE r.candidate_id = c.id AND r.recruiter_id = :recruiter))
                                       AND (CAST(:candidate AS bigint) IS NULL OR c.id = :candidate)
                                    """
                                            .formatted(Visibility.VISIBLE_CANDIDATES)),
                            user)
                    .bind("recruiter", query.recruiterId().orElse(null))
                    .bind("candidate", query.candidateId().orElse(null))
                    .map((rs, context) -> new Tally(rs.getLong("id"), rs.getString("name")))
                    .list()));
        }
        return Tally.page(all, query, Map.of(), now, pageTallies -> {});
    }
}
