package com.followup.core.rules;

import static java.util.Objects.requireNonNull;

import com.followup.core.model.Contact;
import com.followup.core.model.ContactId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.policy.ResolvedPolicy;
import com.followup.core.time.Window;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One evaluation in progress: its inputs, read by every rule, and the plan being collected. Lives for a single call
 * of {@link PlanEvaluator#evaluate}, so its mutable lists never escape.
 */
final class Evaluation {
    private static final Comparator<Breach> BREACH_ORDER =
            Comparator.comparing(Breach::at).thenComparing(Breach::rule);

    final InterviewRecord record;
    final AgencyPolicy policy;
    final Instant now;
    /** The candidate's zone: "next morning" and business days are theirs. */
    final ZoneId zone;

    final Instant interviewEnd;

    ResolvedPolicy resolved;
    Coverage thankYouCoverage;
    ThreadStatus thread = ThreadStatus.OPEN;
    final List<Step> steps = new ArrayList<>(8);
    final List<Breach> breaches = new ArrayList<>(4);
    final List<Advice> advice = new ArrayList<>(4);

    Evaluation(InterviewRecord record, AgencyPolicy policy, Instant now) {
        this.record = requireNonNull(record, "record is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.now = requireNonNull(now, "now is null");
        this.zone = record.candidate().zone();
        this.interviewEnd = record.interview().end();
        this.resolved = ResolvedPolicy.resolve(policy, record.company(), record.timeline());
    }

    /** Whether something that happened at {@code moment} is known at the evaluated instant. */
    boolean happened(Instant moment) {
        return !moment.isAfter(now);
    }

    /**
     * The state of a step with {@code window} that was done at {@code doneAt} (null when not done).
     *
     * @param afterDeadline what an undone step becomes once its deadline passed: missed, overdue or not needed
     */
    StepState stateOf(Window window, Instant doneAt, StepState afterDeadline) {
        if (doneAt != null) {
            return window.isPastDeadline(doneAt) ? StepState.DONE_LATE : StepState.DONE_ON_TIME;
        }
        if (now.isBefore(window.earliest())) {
            return StepState.NOT_YET;
        }
        if (window.deadline().isEmpty()) {
            return StepState.OPEN;
        }
        Instant deadline = window.deadline().get();
        if (now.isAfter(deadline)) {
            return afterDeadline;
        }
        // Inclusive: at the deadline itself the step is still due soon, not overdue.
        if (!now.isBefore(deadline.minus(policy.dueSoon()))) {
            return StepState.DUE_SOON;
        }
        return StepState.OPEN;
    }

    String nameOf(ContactId contact) {
        Contact found = record.contact(contact);
        return found.name();
    }

    Plan toPlan() {
        breaches.sort(BREACH_ORDER);
        return new Plan(record.interview().id(), now, steps, breaches, advice, resolved, thankYouCoverage, thread);
    }
}
