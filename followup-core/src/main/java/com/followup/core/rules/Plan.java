package com.followup.core.rules;

import static java.util.Objects.requireNonNull;

import com.followup.core.model.ContactId;
import com.followup.core.model.InterviewId;
import com.followup.core.policy.ResolvedPolicy;
import com.followup.core.ruleset.RuleId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The follow-up plan of one interview at one instant: what to do when, what was done, which rules were broken.
 *
 * @param policy the values the plan used and where each came from
 * @param thankYouCoverage R3: interviewers thanked out of interviewers met
 * @param thread where the status checks with the company stand
 */
public record Plan(
        InterviewId interview,
        Instant evaluatedAt,
        List<Step> steps,
        List<Breach> breaches,
        List<Advice> advice,
        ResolvedPolicy policy,
        Coverage thankYouCoverage,
        ThreadStatus thread) {
    public Plan {
        requireNonNull(interview, "interview is null");
        requireNonNull(evaluatedAt, "evaluatedAt is null");
        steps = List.copyOf(requireNonNull(steps, "steps is null"));
        breaches = List.copyOf(requireNonNull(breaches, "breaches is null"));
        advice = List.copyOf(requireNonNull(advice, "advice is null"));
        requireNonNull(policy, "policy is null");
        requireNonNull(thankYouCoverage, "thankYouCoverage is null");
        requireNonNull(thread, "thread is null");
    }

    /** The steps of one kind, in plan order. */
    public List<Step> steps(StepKind kind) {
        List<Step> matching = new ArrayList<>();
        for (Step step : steps) {
            if (step.kind() == kind) {
                matching.add(step);
            }
        }
        return matching;
    }

    /** The thank-you step for {@code interviewer}, if they were one. */
    public Optional<Step> thankYouStep(ContactId interviewer) {
        for (Step step : steps) {
            if (step.kind() == StepKind.THANK_YOU && step.contact().equals(Optional.of(interviewer))) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    /** The breaches of one rule. */
    public List<Breach> breaches(RuleId rule) {
        List<Breach> matching = new ArrayList<>();
        for (Breach breach : breaches) {
            if (breach.rule() == rule) {
                matching.add(breach);
            }
        }
        return matching;
    }

    /** The advice of one kind. */
    public List<Advice> advice(AdviceKind kind) {
        List<Advice> matching = new ArrayList<>();
        for (Advice item : advice) {
            if (item.kind() == kind) {
                matching.add(item);
            }
        }
        return matching;
    }
}
