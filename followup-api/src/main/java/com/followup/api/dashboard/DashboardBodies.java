package com.followup.api.dashboard;

import com.followup.core.rules.StepKind;
import com.followup.core.rules.StepState;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard's request and answer ({@link Dashboards}), shared by the API and the portal; moved unchanged from
 * {@code DashboardResource} (their simple names are the OpenAPI schema names).
 */
public final class DashboardBodies {
    private DashboardBodies() {}

    /** What a candidate row is filtered on. */
    public enum Filter {
        ALL,
        DUE,
        OVERDUE,
        BREACHES,
        WAITING
    }

    public enum Sort {
        URGENCY,
        NAME
    }

    /** What a dashboard request asks for. */
    public record Query(
            Optional<Long> recruiterId,
            Optional<Long> companyId,
            Optional<Long> candidateId,
            Filter filter,
            Sort sort,
            int limit,
            long offset) {}

    public record Counts(long candidates, long due, long overdue, long breaches, long waitingOnCompany) {}

    public record NextStep(
            long interviewId,
            String company,
            StepKind kind,
            StepState state,
            Optional<OffsetDateTime> deadline,
            List<String> rules) {}

    public record CandidateRow(
            long candidateId,
            String name,
            int interviews,
            int due,
            int overdue,
            int breaches,
            int waitingOnCompany,
            Optional<NextStep> mostUrgent) {}

    /**
     * An interview in the caller's scope whose stored records break a rule, so it has no plan: it needs someone to
     * correct or retract the record (issue 14). The reason (the refusing rule's message) is for admins; others see
     * that it needs attention.
     */
    public record CannotBeEvaluated(
            long interviewId, long candidateId, String candidate, String company, Optional<String> reason) {}

    /** {@code cannotBeEvaluated}: every such interview in scope (usually none), whatever the filter and page. */
    public record Dashboard(
            Counts counts,
            List<CandidateRow> items,
            long total,
            int limit,
            long offset,
            List<CannotBeEvaluated> cannotBeEvaluated) {
        public Dashboard withCannotBeEvaluated(List<CannotBeEvaluated> interviews) {
            return new Dashboard(counts, items, total, limit, offset, List.copyOf(interviews));
        }
    }
}
