package com.followup.core.rules;

import static com.followup.core.fixtures.InterviewRecordBuilder.BERLIN;
import static com.followup.core.fixtures.InterviewRecordBuilder.DANA;
import static com.followup.core.fixtures.InterviewRecordBuilder.anInterview;
import static com.followup.core.fixtures.InterviewRecordBuilder.local;
import static org.assertj.core.api.Assertions.assertThat;

import com.followup.core.fixtures.InterviewRecordBuilder;
import com.followup.core.model.Channel;
import com.followup.core.model.InterviewRecord;
import com.followup.core.model.OutcomeKind;
import com.followup.core.model.ReplyKind;
import com.followup.core.model.TouchKind;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.ruleset.RuleId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OutcomeRulesTest {
    private static final AgencyPolicy POLICY = AgencyPolicy.defaults(BERLIN);
    private static final PlanEvaluator EVALUATOR = new PlanEvaluator();
    private static final Instant FIRST_CHECK = local("2026-05-25T09:30", BERLIN);
    private static final Instant DECIDED = FIRST_CHECK.plus(Duration.ofDays(3));
    private static final Instant TWO_DAYS_LATER = DECIDED.plus(Duration.ofHours(48));

    @Test
    @DisplayName(
            "R19: after a rejection an optional thank-you step is open for 48 hours, then not needed, never a breach")
    void rejectionOpensAnOptionalStep() {
        InterviewRecord record = answered(OutcomeKind.REJECTION).build();

        Step open = rejectionStep(EVALUATOR.evaluate(record, POLICY, DECIDED.plusSeconds(60)));
        assertThat(open.state()).isEqualTo(StepState.OPEN);
        assertThat(open.window().deadline()).contains(TWO_DAYS_LATER);
        assertThat(open.rules()).containsExactly(RuleId.R19);

        Plan afterwards = EVALUATOR.evaluate(record, POLICY, TWO_DAYS_LATER.plusSeconds(1));
        assertThat(rejectionStep(afterwards).state()).isEqualTo(StepState.NOT_NEEDED);
        assertThat(afterwards.breaches()).isEmpty();
    }

    @Test
    @DisplayName("R19: a courteous note after the rejection does the step")
    void noteAfterRejection() {
        InterviewRecord record = answered(OutcomeKind.REJECTION)
                .withTouch(TouchKind.THANKS_AFTER_REJECTION, Channel.EMAIL, DANA, DECIDED.plus(Duration.ofHours(20)))
                .build();

        Step step = rejectionStep(EVALUATOR.evaluate(record, POLICY, TWO_DAYS_LATER));

        assertThat(step.state()).isEqualTo(StepState.DONE_ON_TIME);
        assertThat(step.doneBy()).isPresent();
    }

    @Test
    @DisplayName("R8 R19: an offer makes the open status checks and the closing not needed, with no R19 step")
    void offerEndsTheThread() {
        Plan plan = EVALUATOR.evaluate(answered(OutcomeKind.OFFER).build(), POLICY, DECIDED.plusSeconds(60));

        assertThat(plan.thread()).isEqualTo(ThreadStatus.DECIDED);
        assertThat(plan.steps(StepKind.STATUS_CHECK)).first().satisfies(step -> assertThat(step.state())
                .isEqualTo(StepState.DONE_ON_TIME));
        assertThat(plan.steps(StepKind.STATUS_CHECK)).last().satisfies(step -> assertThat(step.state())
                .isEqualTo(StepState.NOT_NEEDED));
        assertThat(plan.steps(StepKind.CLOSING)).singleElement().satisfies(step -> assertThat(step.state())
                .isEqualTo(StepState.NOT_NEEDED));
        assertThat(plan.steps(StepKind.THANKS_AFTER_REJECTION)).isEmpty();
    }

    @Test
    @DisplayName("R8: a decision reply ends the thread even before the outcome is recorded")
    void decisionReply() {
        InterviewRecord record = anInterview()
                .withDecisionDate(LocalDate.parse("2026-05-22"))
                .withThankYouToEveryone(local("2026-05-12T19:00", BERLIN))
                .withStatusCheck(FIRST_CHECK)
                .withReply(ReplyKind.DECISION, DECIDED)
                .build();

        Plan plan = EVALUATOR.evaluate(record, POLICY, DECIDED.plus(Duration.ofDays(30)));

        assertThat(plan.thread()).isEqualTo(ThreadStatus.DECIDED);
        assertThat(plan.steps(StepKind.CLOSING)).singleElement().satisfies(step -> assertThat(step.state())
                .isEqualTo(StepState.NOT_NEEDED));
    }

    @Test
    @DisplayName("R19: an outcome recorded for a later instant is not known yet")
    void futureOutcome() {
        Plan plan = EVALUATOR.evaluate(answered(OutcomeKind.REJECTION).build(), POLICY, DECIDED.minusSeconds(1));

        assertThat(plan.thread()).isEqualTo(ThreadStatus.OPEN);
        assertThat(plan.steps(StepKind.THANKS_AFTER_REJECTION)).isEmpty();
    }

    private static InterviewRecordBuilder answered(OutcomeKind kind) {
        return anInterview()
                .withDecisionDate(LocalDate.parse("2026-05-22"))
                .withThankYouToEveryone(local("2026-05-12T19:00", BERLIN))
                .withStatusCheck(FIRST_CHECK)
                .withOutcome(kind, DECIDED);
    }

    private static Step rejectionStep(Plan plan) {
        return plan.steps(StepKind.THANKS_AFTER_REJECTION).get(0);
    }
}
