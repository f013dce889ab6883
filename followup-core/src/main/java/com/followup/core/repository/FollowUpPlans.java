package com.followup.core.repository;

import static java.util.Objects.requireNonNull;

import com.followup.core.model.InterviewId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.rules.Plan;
import com.followup.core.rules.PlanEvaluator;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The plans of stored interviews: loads the records and evaluates them under the current policy. */
public final class FollowUpPlans {
    private final InterviewRecords records;
    private final PolicyStore policies;
    private final PlanEvaluator evaluator;

    public FollowUpPlans(InterviewRecords records, PolicyStore policies, PlanEvaluator evaluator) {
        this.records = requireNonNull(records, "records is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.evaluator = requireNonNull(evaluator, "evaluator is null");
    }

    public Optional<Plan> planOf(InterviewId interview, Instant now) {
        AgencyPolicy policy = policies.current();
        return records.find(interview).map(record -> evaluator.evaluate(record, policy, now));
    }

    /** The record and its plan, for callers that show both. */
    public record Evaluated(InterviewRecord record, Plan plan) {}

    public List<Evaluated> evaluateAll(Collection<InterviewId> interviews, Instant now) {
        AgencyPolicy policy = policies.current();
        return records.findAll(interviews).stream()
                .map(record -> new Evaluated(record, evaluator.evaluate(record, policy, now)))
                .toList();
    }
}
