package com.followup.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.core.rules.Plan;
import com.followup.core.rules.StepKind;
import com.followup.core.rules.StepState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PlanEvaluationBenchmarkTest {
    @Test
    @DisplayName("R1 R3 R6 R7 R10: the benchmark measures a typical, compliant interview, not an error path")
    void benchmarkRecordIsTypical() {
        PlanEvaluationBenchmark benchmark = new PlanEvaluationBenchmark();
        benchmark.setUp();

        Plan plan = benchmark.evaluate();

        assertThat(benchmark.record().interview().interviewers()).hasSize(2);
        assertThat(benchmark.record().touches()).hasSize(5);
        assertThat(plan.breaches()).isEmpty();
        assertThat(plan.steps(StepKind.STATUS_CHECK))
                .extracting(step -> step.state())
                .containsExactly(StepState.DONE_ON_TIME, StepState.DONE_ON_TIME, StepState.NOT_YET);
    }
}
