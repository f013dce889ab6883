package com.followup.api.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.db.JdbiInterviewRecords;
import com.followup.core.model.InterviewId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.rules.Advice;
import com.followup.core.rules.AdviceKind;
import com.followup.core.rules.Breach;
import com.followup.core.rules.Plan;
import com.followup.core.rules.PlanEvaluator;
import com.followup.core.rules.Step;
import com.followup.core.rules.StepKind;
import com.followup.core.rules.StepState;
import com.followup.core.rules.ThreadStatus;
import com.followup.core.ruleset.RuleId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** What the demo promises to show, checked on its plans as the real evaluator computes them from the database. */
final class DemoVariety {
    private DemoVariety() {}

    /** The plans of every interview in the database at {@code instant}, under the agency's default policy. */
    static List<Plan> plansAt(Handle handle, Instant instant) {
        List<InterviewId> ids = handle.createQuery("SELECT id FROM interviews ORDER BY id")
                .mapTo(Long.class)
                .map(InterviewId::new)
                .list();
        List<InterviewRecord> records = new JdbiInterviewRecords(handle.getJdbi()).findAll(handle, ids);
        AgencyPolicy policy = AgencyPolicy.defaults(ZoneId.of("Europe/London"));
        PlanEvaluator evaluator = new PlanEvaluator();
        return records.stream()
                .map(record -> evaluator.evaluate(record, policy, instant))
                .toList();
    }

    static void assertShowsEverythingPromised(List<Plan> plans) {
        assertThat(plans).hasSize(20);

        Set<StepState> states = plans.stream()
                .flatMap(plan -> plan.steps().stream())
                .map(Step::state)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(StepState.class)));
        assertThat(states)
                .as("step states across the demo")
                .contains(
                        StepState.NOT_YET,
                        StepState.OPEN,
                        StepState.DUE_SOON,
                        StepState.OVERDUE,
                        StepState.DONE_ON_TIME,
                        StepState.DONE_LATE,
                        StepState.MISSED,
                        StepState.NOT_NEEDED);

        Set<RuleId> broken = plans.stream()
                .flatMap(plan -> plan.breaches().stream())
                .map(Breach::rule)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(RuleId.class)));
        assertThat(broken)
                .as("rules broken across the demo")
                .contains(
                        RuleId.R1,
                        RuleId.R3,
                        RuleId.R6,
                        RuleId.R7,
                        RuleId.R8,
                        RuleId.R10,
                        RuleId.R12,
                        RuleId.R13,
                        RuleId.R20);

        // Each state a step's kind is there to show, not just somewhere in the demo.
        assertThat(statesOf(plans, StepKind.DEBRIEF))
                .contains(StepState.OPEN, StepState.OVERDUE, StepState.DONE_ON_TIME, StepState.DONE_LATE);
        assertThat(statesOf(plans, StepKind.THANK_YOU))
                .contains(StepState.DUE_SOON, StepState.MISSED, StepState.DONE_ON_TIME, StepState.DONE_LATE);
        assertThat(statesOf(plans, StepKind.STATUS_CHECK)).contains(StepState.NOT_YET, StepState.NOT_NEEDED);
        assertThat(statesOf(plans, StepKind.THANKS_AFTER_REJECTION))
                .as("R19 after a rejection: one open, one done")
                .containsAnyOf(StepState.OPEN, StepState.DUE_SOON)
                .contains(StepState.DONE_ON_TIME);

        assertThat(plans.stream().map(Plan::thread))
                .as("threads: ghosted, closed at a company that never replies, decided, still open")
                .contains(
                        ThreadStatus.CLOSED_NO_RESPONSE,
                        ThreadStatus.CLOSED_NO_REPLY_EXPECTED,
                        ThreadStatus.DECIDED,
                        ThreadStatus.OPEN);

        Set<AdviceKind> advice = plans.stream()
                .flatMap(plan -> plan.advice().stream())
                .map(Advice::kind)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(AdviceKind.class)));
        assertThat(advice)
                .as("advice across the demo")
                .contains(
                        AdviceKind.FREE_MAIL_CONTACT,
                        AdviceKind.NO_TIMELINE_RECORDED,
                        AdviceKind.THANK_YOU_EARLY,
                        AdviceKind.NO_REPLY_EXPECTED);
    }

    private static Set<StepState> statesOf(List<Plan> plans, StepKind kind) {
        return plans.stream()
                .flatMap(plan -> plan.steps(kind).stream())
                .map(Step::state)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(StepState.class)));
    }
}
