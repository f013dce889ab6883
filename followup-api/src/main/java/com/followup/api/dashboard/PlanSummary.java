package com.followup.api.dashboard;

import static java.util.Objects.requireNonNull;

import com.followup.core.model.InterviewRecord;
import com.followup.core.model.Reply;
import com.followup.core.model.Touch;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.rules.Breach;
import com.followup.core.rules.Plan;
import com.followup.core.rules.Step;
import com.followup.core.rules.StepKind;
import com.followup.core.rules.StepState;
import com.followup.core.rules.ThreadStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * What the dashboard needs of one interview's plan at one instant, and until when it stays so without a write.
 *
 * @param due steps open or due soon
 * @param overdue steps past their deadline and still to do
 * @param dueSoon of {@code due}, the steps due soon
 * @param waiting the interview is over, the thread is open and the candidate has nothing to do: the company's move
 * @param nextDeadline the earliest deadline of a step still to do
 * @param urgent the most urgent step still to do: lowest rank (overdue, due soon, open), then earliest deadline, then
 *     first in plan order
 * @param thread where the thread of status checks stands (a thread that ended without an answer is planned around)
 * @param upcomingStart the interview's start while it is still to come
 * @param lastContact the latest touch or reply at or before the evaluated instant, either way
 * @param latestBreach the latest breach's rule and instant
 * @param validUntil the first instant at or after the evaluated one at which the summary may differ: a window's
 *     opening, ideal or deadline, a deadline's "due soon" moment, a breach's deadline, or a dated event of the record
 *     still in the future. Empty when nothing can change without a write.
 */
public record PlanSummary(
        int due,
        int overdue,
        int breaches,
        boolean waiting,
        Optional<Instant> nextDeadline,
        Optional<Urgent> urgent,
        Optional<Instant> validUntil,
        int dueSoon,
        ThreadStatus thread,
        Optional<Instant> upcomingStart,
        Optional<Contact> lastContact,
        Optional<LatestBreach> latestBreach) {
    /** Who made a contact: the candidate (a touch) or the company (a reply). */
    public enum By {
        CANDIDATE,
        COMPANY
    }

    public record Contact(Instant at, By by) {
        public Contact {
            requireNonNull(at, "at is null");
            requireNonNull(by, "by is null");
        }
    }

    public record LatestBreach(Instant at, String rule) {
        public LatestBreach {
            requireNonNull(at, "at is null");
            requireNonNull(rule, "rule is null");
        }
    }

    /** A step to do, as the dashboard shows it. */
    public record Urgent(int rank, StepKind kind, StepState state, Optional<Instant> deadline, List<String> rules) {
        public Urgent {
            requireNonNull(kind, "kind is null");
            requireNonNull(state, "state is null");
            requireNonNull(deadline, "deadline is null");
            rules = List.copyOf(rules);
        }
    }

    public PlanSummary {
        requireNonNull(nextDeadline, "nextDeadline is null");
        requireNonNull(urgent, "urgent is null");
        requireNonNull(validUntil, "validUntil is null");
        requireNonNull(thread, "thread is null");
        requireNonNull(upcomingStart, "upcomingStart is null");
        requireNonNull(lastContact, "lastContact is null");
        requireNonNull(latestBreach, "latestBreach is null");
    }

    /**
     * The rank of a step for urgency; {@link Integer#MAX_VALUE} when there is nothing to do. A step not needed, missed
     * or done is never something to do, and neither is R19's optional thank-you after a rejection (the rules'
     * "Outcome" paragraph): it is offered to the candidate, never counted as due.
     */
    static int rank(Step step) {
        if (step.kind() == StepKind.THANKS_AFTER_REJECTION) {
            return Integer.MAX_VALUE;
        }
        return switch (step.state()) {
            case OVERDUE -> 0;
            case DUE_SOON -> 1;
            case OPEN -> 2;
            case NOT_YET, DONE_ON_TIME, DONE_LATE, MISSED, NOT_NEEDED -> Integer.MAX_VALUE;
        };
    }

    public static PlanSummary of(Plan plan, InterviewRecord record, AgencyPolicy policy) {
        Instant now = plan.evaluatedAt();
        int due = 0;
        int overdue = 0;
        int dueSoon = 0;
        Instant nextDeadline = null;
        Urgent urgent = null;
        Instant urgentDeadline = Instant.MAX;
        Instant validUntil = null;
        for (Step step : plan.steps()) {
            validUntil = earliestFrom(now, validUntil, step.window().earliest());
            validUntil = earliestFrom(now, validUntil, step.window().ideal());
            validUntil = earliestFrom(now, validUntil, step.window().idealUntil());
            if (step.window().deadline().isPresent()) {
                Instant deadline = step.window().deadline().get();
                validUntil = earliestFrom(now, validUntil, deadline);
                validUntil = earliestFrom(now, validUntil, deadline.minus(policy.dueSoon()));
            }
            int rank = rank(step);
            if (rank == Integer.MAX_VALUE) {
                continue;
            }
            if (step.state() == StepState.OVERDUE) {
                overdue++;
            } else {
                due++;
                if (step.state() == StepState.DUE_SOON) {
                    dueSoon++;
                }
            }
            Optional<Instant> deadline = step.window().deadline();
            if (deadline.isPresent() && (nextDeadline == null || deadline.get().isBefore(nextDeadline))) {
                nextDeadline = deadline.get();
            }
            Instant stepDeadline = deadline.orElse(Instant.MAX);
            if (urgent == null
                    || rank < urgent.rank()
                    || (rank == urgent.rank() && stepDeadline.isBefore(urgentDeadline))) {
                urgent = new Urgent(
                        rank,
                        step.kind(),
                        step.state(),
                        deadline,
                        step.rules().stream().sorted().map(Enum::name).toList());
                urgentDeadline = stepDeadline;
            }
        }
        LatestBreach latestBreach = null;
        for (Breach breach : plan.breaches()) {
            if (latestBreach == null || breach.at().isAfter(latestBreach.at())) {
                latestBreach = new LatestBreach(
                        breach.at().truncatedTo(ChronoUnit.MICROS),
                        breach.rule().name());
            }
            if (breach.deadline().isPresent()) {
                validUntil = earliestFrom(now, validUntil, breach.deadline().get());
            }
            validUntil = earliestFrom(now, validUntil, breach.at());
        }
        // Events dated after the evaluated instant have not happened yet; they will, without a write.
        validUntil = earliestFrom(now, validUntil, record.interview().start());
        validUntil = earliestFrom(now, validUntil, record.interview().end());
        Contact lastContact = null;
        for (Touch touch : record.touches()) {
            validUntil = earliestFrom(now, validUntil, touch.sentAt());
            lastContact = later(lastContact, now, touch.sentAt(), By.CANDIDATE);
        }
        for (Reply reply : record.replies()) {
            validUntil = earliestFrom(now, validUntil, reply.receivedAt());
            lastContact = later(lastContact, now, reply.receivedAt(), By.COMPANY);
        }
        if (record.debrief().isPresent()) {
            validUntil = earliestFrom(now, validUntil, record.debrief().get().writtenAt());
        }
        if (record.outcome().isPresent()) {
            validUntil = earliestFrom(now, validUntil, record.outcome().get().at());
        }
        // An interview still to come is not waiting on the company: nothing has been asked of it yet.
        boolean waiting = plan.thread() == ThreadStatus.OPEN
                && urgent == null
                && !record.interview().end().isAfter(now);
        return new PlanSummary(
                due,
                overdue,
                plan.breaches().size(),
                waiting,
                Optional.ofNullable(nextDeadline),
                Optional.ofNullable(urgent),
                // Stored with microseconds: round down, so the summary expires a little early rather than late.
                Optional.ofNullable(validUntil).map(at -> at.truncatedTo(ChronoUnit.MICROS)),
                dueSoon,
                plan.thread(),
                record.interview().start().isAfter(now)
                        ? Optional.of(record.interview().start().truncatedTo(ChronoUnit.MICROS))
                        : Optional.empty(),
                Optional.ofNullable(lastContact),
                Optional.ofNullable(latestBreach));
    }

    /** The later of {@code current} and a contact at {@code at}, counting only contacts at or before {@code now}. */
    private static Contact later(Contact current, Instant now, Instant at, By by) {
        if (at.isAfter(now) || (current != null && !at.isAfter(current.at()))) {
            return current;
        }
        return new Contact(at.truncatedTo(ChronoUnit.MICROS), by);
    }

    /** The earlier of {@code current} and {@code candidate}, counting only instants at or after {@code now}. */
    private static Instant earliestFrom(Instant now, Instant current, Instant candidate) {
        if (candidate.isBefore(now)) {
            return current;
        }
        return current == null || candidate.isBefore(current) ? candidate : current;
    }
}
