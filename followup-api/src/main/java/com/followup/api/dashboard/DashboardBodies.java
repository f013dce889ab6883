package com.followup.api.dashboard;

import com.followup.core.rules.StepKind;
import com.followup.core.rules.StepState;
import com.followup.core.rules.ThreadStatus;
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

    /**
     * {@code dueSoon} is part of {@code due}; {@code newBreaches} counts the candidates with breaches the caller has not
     * marked as seen.
     */
    public record Counts(
            long candidates,
            long due,
            long overdue,
            long breaches,
            long waitingOnCompany,
            long dueSoon,
            long newBreaches) {}

    /**
     * Why a row stands where it does in the urgency order, most urgent first: a step overdue, due soon, due; breaches
     * the caller has not seen; a thread waiting on the company; nothing to do now (the row may still show what to plan
     * around: an interview to come, a thread that ended without an answer, no interviews yet).
     */
    public enum Priority {
        OVERDUE,
        DUE_SOON,
        DUE,
        NEW_BREACHES,
        WAITING,
        NOTHING_TO_DO
    }

    /** A candidate's latest breach, in words with its rule id ("Chloe checked in before Bluefield's date (R6)"). */
    public record LatestBreach(long interviewId, String company, String rule, OffsetDateTime at, String text) {}

    /** The candidate's next interview still to come. */
    public record NextInterview(long interviewId, String company, OffsetDateTime start) {}

    /**
     * A thread of status checks that ended without an answer: {@code CLOSED_NO_RESPONSE} (ghosted, R8) or
     * {@code CLOSED_NO_REPLY_EXPECTED} (a company marked as not replying, R18).
     */
    public record EndedThread(long interviewId, String company, ThreadStatus status) {}

    /** The latest contact with a company, either way: {@code by} is CANDIDATE for a touch, COMPANY for a reply. */
    public record LastContact(long interviewId, String company, OffsetDateTime at, String by) {}

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
            Optional<NextStep> mostUrgent,
            int dueSoon,
            Priority priority,
            String reason,
            boolean newBreaches,
            Optional<LatestBreach> latestBreach,
            Optional<NextInterview> nextInterview,
            List<EndedThread> endedWithoutAnswer,
            Optional<LastContact> lastContact) {
        public CandidateRow withReason(String words) {
            return new CandidateRow(
                    candidateId,
                    name,
                    interviews,
                    due,
                    overdue,
                    breaches,
                    waitingOnCompany,
                    mostUrgent,
                    dueSoon,
                    priority,
                    words,
                    newBreaches,
                    latestBreach,
                    nextInterview,
                    endedWithoutAnswer,
                    lastContact);
        }
    }

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
