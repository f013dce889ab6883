package com.followup.core.rules;

import static com.followup.core.fixtures.InterviewRecordBuilder.BERLIN;
import static com.followup.core.fixtures.InterviewRecordBuilder.DEFAULT_END;
import static com.followup.core.fixtures.InterviewRecordBuilder.anInterview;
import static org.assertj.core.api.Assertions.assertThat;

import com.followup.core.model.InterviewRecord;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.ruleset.RuleId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DebriefRulesTest {
    private static final AgencyPolicy POLICY = AgencyPolicy.defaults(BERLIN);
    private static final PlanEvaluator EVALUATOR = new PlanEvaluator();
    private static final Instant DAY_AFTER = DEFAULT_END.plus(Duration.ofHours(24));

    @Test
    @DisplayName("R4: the debrief step is open from the end and due within 24 hours")
    void window() {
        Step step = debriefStep(anInterview().withoutDebrief().build(), DEFAULT_END.plusSeconds(60));

        assertThat(step.window().earliest()).isEqualTo(DEFAULT_END);
        assertThat(step.window().deadline()).contains(DAY_AFTER);
        assertThat(step.state()).isEqualTo(StepState.OPEN);
        assertThat(step.rules()).containsExactlyInAnyOrder(RuleId.R4, RuleId.R20);
    }

    @Test
    @DisplayName("R4 R20: a debrief exactly 24 hours after the end is on time")
    void exactlyOnTime() {
        Plan plan = EVALUATOR.evaluate(
                anInterview().withDebriefWrittenAt(DAY_AFTER).build(), POLICY, DAY_AFTER.plusSeconds(1));

        assertThat(plan.steps(StepKind.DEBRIEF).get(0).state()).isEqualTo(StepState.DONE_ON_TIME);
        assertThat(plan.breaches(RuleId.R20)).isEmpty();
    }

    @Test
    @DisplayName("R20: no debrief 24 hours after the end is a breach of the passed deadline; the step is overdue")
    void missingDebrief() {
        Plan plan = EVALUATOR.evaluate(anInterview().withoutDebrief().build(), POLICY, DAY_AFTER.plusSeconds(1));

        assertThat(plan.steps(StepKind.DEBRIEF).get(0).state()).isEqualTo(StepState.OVERDUE);
        assertThat(plan.breaches(RuleId.R20)).singleElement().satisfies(breach -> {
            assertThat(breach.touch()).isEmpty();
            assertThat(breach.deadline()).contains(DAY_AFTER);
        });
    }

    @Test
    @DisplayName("R20: a debrief written late is done late and still a breach")
    void lateDebrief() {
        Instant written = DAY_AFTER.plus(Duration.ofHours(5));
        Plan plan =
                EVALUATOR.evaluate(anInterview().withDebriefWrittenAt(written).build(), POLICY, written.plusSeconds(1));

        assertThat(plan.steps(StepKind.DEBRIEF).get(0).state()).isEqualTo(StepState.DONE_LATE);
        assertThat(plan.breaches(RuleId.R20)).singleElement().satisfies(breach -> assertThat(breach.explanation())
                .contains("5 hours"));
    }

    @Test
    @DisplayName("R4: due soon in the last 12 hours before the deadline")
    void dueSoon() {
        InterviewRecord record = anInterview().withoutDebrief().build();

        assertThat(debriefStep(record, DAY_AFTER.minus(Duration.ofHours(12))).state())
                .isEqualTo(StepState.DUE_SOON);
        assertThat(debriefStep(record, DEFAULT_END.minusSeconds(1)).state()).isEqualTo(StepState.NOT_YET);
    }

    private static Step debriefStep(InterviewRecord record, Instant now) {
        return EVALUATOR.evaluate(record, POLICY, now).steps(StepKind.DEBRIEF).get(0);
    }
}
