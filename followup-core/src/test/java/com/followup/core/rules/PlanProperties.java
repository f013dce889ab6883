package com.followup.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.core.fixtures.InterviewRecordArbitraries;
import com.followup.core.fixtures.InterviewRecordArbitraries.Scenario;
import com.followup.core.model.InterviewRecord;
import com.followup.core.model.Touch;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.ruleset.RuleId;
import com.followup.core.time.BusinessCalendar;
import com.followup.core.time.HolidayCalendar;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class PlanProperties {
    private static final PlanEvaluator EVALUATOR = new PlanEvaluator();
    /** A country calendar unlike any real one, so the properties do not lean on a particular country's dates. */
    private static final HolidayCalendar EVERY_FIRST_OF_THE_MONTH = new HolidayCalendar() {
        @Override
        public boolean isHoliday(LocalDate date) {
            return date.getDayOfMonth() == 1;
        }

        @Override
        public Optional<String> country() {
            return Optional.of("XX");
        }

        @Override
        public Optional<String> region() {
            return Optional.empty();
        }
    };

    @Provide
    Arbitrary<Scenario> scenarios() {
        return InterviewRecordArbitraries.scenarios();
    }

    @Provide
    Arbitrary<AgencyPolicy> policies() {
        AgencyPolicy defaults = AgencyPolicy.defaults(ZoneId.of("Europe/Berlin"));
        return Arbitraries.of(
                defaults,
                defaults.withHolidays(Set.of(LocalDate.parse("2026-05-25"), LocalDate.parse("2026-12-25"))),
                defaults.withSpacing(Duration.ofDays(7)).withStatusCheckLimit(3),
                defaults.withThankYouDeadline(Duration.ofHours(24)).withDueSoon(Duration.ZERO),
                defaults.withWorkingDayEnds(LocalTime.of(12, 0)).withPublicHolidays(EVERY_FIRST_OF_THE_MONTH));
    }

    @Property
    @Label("evaluation is deterministic: the same inputs give equal plans")
    void deterministic(@ForAll("scenarios") Scenario scenario, @ForAll("policies") AgencyPolicy policy) {
        Plan first = EVALUATOR.evaluate(scenario.record(), policy, scenario.now());
        Plan second = EVALUATOR.evaluate(scenario.record(), policy, scenario.now());

        assertThat(second).isEqualTo(first);
    }

    @Property
    @Label("R1-R20: moving the instant forward never turns a done step back")
    void doneStaysDone(
            @ForAll("scenarios") Scenario scenario,
            @ForAll("policies") AgencyPolicy policy,
            @ForAll @IntRange(min = 1, max = 60 * 24 * 40) int minutesLater) {
        Plan earlier = EVALUATOR.evaluate(scenario.record(), policy, scenario.now());
        Plan later =
                EVALUATOR.evaluate(scenario.record(), policy, scenario.now().plus(Duration.ofMinutes(minutesLater)));

        Map<StepKey, Step> laterSteps = new HashMap<>();
        for (Step step : later.steps()) {
            laterSteps.put(StepKey.of(step), step);
        }
        for (Step step : earlier.steps()) {
            if (step.state().isDone()) {
                Step same = laterSteps.get(StepKey.of(step));
                assertThat(same).as("step %s later", StepKey.of(step)).isNotNull();
                assertThat(same.state().isDone())
                        .as("%s stays done", StepKey.of(step))
                        .isTrue();
                assertThat(same.doneBy()).isEqualTo(step.doneBy());
            }
        }
    }

    @Property
    @Label("R1-R20: no breach without a touch that happened or a deadline that passed")
    void everyBreachHasACause(@ForAll("scenarios") Scenario scenario, @ForAll("policies") AgencyPolicy policy) {
        Plan plan = EVALUATOR.evaluate(scenario.record(), policy, scenario.now());

        for (Breach breach : plan.breaches()) {
            assertThat(breach.touch().isPresent() || breach.deadline().isPresent())
                    .isTrue();
            assertThat(breach.at()).isBeforeOrEqualTo(scenario.now());
            if (breach.touch().isPresent()) {
                Optional<Touch> touch = find(scenario.record(), breach);
                assertThat(touch).as("touch of %s", breach).isPresent();
                assertThat(touch.get().sentAt()).isBeforeOrEqualTo(scenario.now());
            } else {
                assertThat(breach.deadline().get()).isBefore(scenario.now());
            }
        }
    }

    @Property
    @Label("every step's window is ordered: earliest <= ideal <= idealUntil <= deadline")
    void windowsAreOrdered(@ForAll("scenarios") Scenario scenario, @ForAll("policies") AgencyPolicy policy) {
        Plan plan = EVALUATOR.evaluate(scenario.record(), policy, scenario.now());

        for (Step step : plan.steps()) {
            assertThat(step.window().earliest()).isBeforeOrEqualTo(step.window().ideal());
            assertThat(step.window().ideal()).isBeforeOrEqualTo(step.window().idealUntil());
            step.window().deadline().ifPresent(deadline -> assertThat(
                            step.window().idealUntil())
                    .isBeforeOrEqualTo(deadline));
        }
    }

    @Property
    @Label("R3 R19: one thank-you step per interviewer; R19 never breaches")
    void thankYouStepPerInterviewer(@ForAll("scenarios") Scenario scenario, @ForAll("policies") AgencyPolicy policy) {
        Plan plan = EVALUATOR.evaluate(scenario.record(), policy, scenario.now());

        assertThat(plan.steps(StepKind.THANK_YOU))
                .hasSameSizeAs(scenario.record().interview().interviewers());
        assertThat(plan.thankYouCoverage().met())
                .isEqualTo(scenario.record().interview().interviewers().size());
        assertThat(plan.breaches()).extracting(Breach::rule).doesNotContain(RuleId.R19, RuleId.R2, RuleId.R5);
    }

    @Property
    @Label("R6 R7 R9 working hours: every status check opens 09:00-17:00 on a business day in the candidate's zone")
    void statusChecksOpenInWorkingHours(
            @ForAll("scenarios") Scenario scenario, @ForAll("policies") AgencyPolicy policy) {
        Plan plan = EVALUATOR.evaluate(scenario.record(), policy, scenario.now());
        ZoneId zone = scenario.record().candidate().zone();
        BusinessCalendar calendar = policy.calendar();

        for (Step step : plan.steps(StepKind.STATUS_CHECK)) {
            LocalDateTime opens = LocalDateTime.ofInstant(step.window().earliest(), zone);
            assertThat(calendar.isBusinessDay(opens.toLocalDate()))
                    .as("%s opens on a business day", opens)
                    .isTrue();
            assertThat(opens.toLocalTime())
                    .as("%s opens in working hours", opens)
                    .isBetween(policy.statusCheckOpensAt(), policy.workingDayEnds());
        }
    }

    @Property
    @Label("R6 R7 R9 working hours move proposals, never breaches: breaches are judged on elapsed time")
    void workingHoursNeverChangeBreaches(
            @ForAll("scenarios") Scenario scenario, @ForAll("policies") AgencyPolicy policy) {
        Plan officeHours = EVALUATOR.evaluate(scenario.record(), policy, scenario.now());
        Plan untilMidnight = EVALUATOR.evaluate(
                scenario.record(), policy.withWorkingDayEnds(LocalTime.of(23, 59, 59)), scenario.now());

        assertThat(untilMidnight.breaches()).isEqualTo(officeHours.breaches());
    }

    private static Optional<Touch> find(InterviewRecord record, Breach breach) {
        return record.touches().stream()
                .filter(touch -> touch.id().equals(breach.touch().get()))
                .findFirst();
    }

    /** How a step is recognised across two evaluations of the same record. */
    private record StepKey(StepKind kind, int sequence, Optional<?> contact) {
        static StepKey of(Step step) {
            return new StepKey(step.kind(), step.sequence(), step.contact());
        }
    }
}
