package com.followup.api.notifications;

import static com.followup.core.fixtures.InterviewRecordBuilder.BERLIN;
import static com.followup.core.fixtures.InterviewRecordBuilder.anInterview;
import static com.followup.core.fixtures.InterviewRecordBuilder.local;
import static org.assertj.core.api.Assertions.assertThat;

import com.followup.core.model.OutcomeKind;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.rules.Plan;
import com.followup.core.rules.PlanEvaluator;
import com.followup.core.rules.Step;
import com.followup.core.rules.StepKind;
import com.followup.core.rules.StepState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The follow-up rules' "Outcome": a step not needed, missed or done is never offered, neither in the calendar feed nor
 * in a reminder (both go through {@link StepsToDo}).
 */
class StepsToDoTest {
    private static final AgencyPolicy POLICY = AgencyPolicy.defaults(BERLIN);
    private static final PlanEvaluator EVALUATOR = new PlanEvaluator();
    private static final Instant THANKED = local("2026-05-12T19:00", BERLIN);
    /** The first status check opened (after 22 May, the company's date) and is not done. */
    private static final Instant CHECK_OPEN = local("2026-05-26T10:00", BERLIN);

    @Test
    void anOpenThreadOffersOnlyTheNextStatusCheckAndRemindsOfIt() {
        Plan plan = EVALUATOR.evaluate(thread().build(), POLICY, CHECK_OPEN);

        assertThat(plan.steps(StepKind.STATUS_CHECK)).hasSizeGreaterThan(1);
        assertThat(StepsToDo.of(plan))
                .filteredOn(step -> step.kind() == StepKind.STATUS_CHECK)
                .singleElement()
                .satisfies(step -> {
                    assertThat(step.sequence()).isEqualTo(1);
                    assertThat(step.state()).isEqualTo(StepState.OPEN);
                });
        assertThat(CandidateReminders.itemsOf(plan)).anyMatch(item -> item.kind() == StepKind.STATUS_CHECK);
    }

    @Test
    void aRejectionOrAnOfferEndsTheStatusChecksInTheFeedAndTheReminders() {
        for (OutcomeKind outcome : new OutcomeKind[] {OutcomeKind.REJECTION, OutcomeKind.OFFER}) {
            Plan plan = EVALUATOR.evaluate(
                    thread().withOutcome(outcome, CHECK_OPEN.minus(Duration.ofHours(1)))
                            .build(),
                    POLICY,
                    CHECK_OPEN);

            assertThat(plan.steps(StepKind.STATUS_CHECK))
                    .as("the plan keeps them, as not needed")
                    .allMatch(step -> step.state() == StepState.NOT_NEEDED);
            assertThat(StepsToDo.of(plan)).as(outcome.name()).noneMatch(step -> step.kind() == StepKind.STATUS_CHECK);
            assertThat(CandidateReminders.itemsOf(plan))
                    .as(outcome.name())
                    .noneMatch(item -> item.kind() == StepKind.STATUS_CHECK);
        }
    }

    @Test
    void aMissedThankYouIsNeitherListedNorReminded() {
        Plan plan = EVALUATOR.evaluate(anInterview().build(), POLICY, CHECK_OPEN);

        assertThat(plan.steps(StepKind.THANK_YOU)).allMatch(step -> step.state() == StepState.MISSED);
        assertThat(StepsToDo.of(plan)).noneMatch(step -> step.kind() == StepKind.THANK_YOU);
        assertThat(CandidateReminders.itemsOf(plan)).noneMatch(item -> item.kind() == StepKind.THANK_YOU);
    }

    @Test
    void doneStepsAndTheClosingAreNotOffered() {
        Plan plan = EVALUATOR.evaluate(thread().build(), POLICY, CHECK_OPEN);

        for (Step step : plan.steps()) {
            boolean expected = step.kind() != StepKind.CLOSING
                    && !step.state().isDone()
                    && step.state() != StepState.MISSED
                    && step.state() != StepState.NOT_NEEDED;
            assertThat(StepsToDo.offered(step))
                    .as(step.kind() + " " + step.state())
                    .isEqualTo(expected);
        }
        assertThat(StepsToDo.of(plan))
                .noneMatch(step -> step.kind() == StepKind.THANK_YOU || step.kind() == StepKind.CLOSING);
    }

    private static com.followup.core.fixtures.InterviewRecordBuilder thread() {
        return anInterview().withDecisionDate(LocalDate.parse("2026-05-22")).withThankYouToEveryone(THANKED);
    }
}
