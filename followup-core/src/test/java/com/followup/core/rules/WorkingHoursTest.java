package com.followup.core.rules;

import static com.followup.core.fixtures.InterviewRecordBuilder.BERLIN;
import static com.followup.core.fixtures.InterviewRecordBuilder.NEW_YORK;
import static com.followup.core.fixtures.InterviewRecordBuilder.anInterview;
import static com.followup.core.fixtures.InterviewRecordBuilder.local;
import static org.assertj.core.api.Assertions.assertThat;

import com.followup.core.model.InterviewRecord;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.ruleset.RuleId;
import com.followup.core.time.HolidayCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** "Working hours for what the system proposes": proposals move, breaches stay on elapsed time. */
class WorkingHoursTest {
    private static final AgencyPolicy POLICY = AgencyPolicy.defaults(BERLIN);
    private static final PlanEvaluator EVALUATOR = new PlanEvaluator();

    @Test
    @DisplayName("R9: two weeks after a thank-you sent on Sunday 03:00 opens on Monday 09:00, not Sunday 03:00")
    void sundayNightMovesToMondayMorning() {
        Instant thankYou = local("2026-11-29T03:00", BERLIN);
        InterviewRecord record = anInterview()
                .endingAt(local("2026-11-28T20:00", BERLIN))
                .withoutTimeline()
                .withThankYouToEveryone(thankYou)
                .build();

        Plan plan = EVALUATOR.evaluate(record, POLICY, thankYou.plusSeconds(60));

        assertThat(first(plan).window().earliest()).isEqualTo(local("2026-12-14T09:00", BERLIN));
        assertThat(first(plan).rules()).contains(RuleId.R9);
        assertThat(plan.advice(AdviceKind.NO_DATE_DEFAULT_SPACING).get(0).text())
                .contains("2026-12-14 09:00");
    }

    @Test
    @DisplayName("R9: a moment inside working hours on a business day is proposed as it is")
    void insideWorkingHoursStays() {
        Instant thankYou = local("2026-11-24T10:30", BERLIN);
        InterviewRecord record = anInterview()
                .endingAt(local("2026-11-23T16:00", BERLIN))
                .withoutTimeline()
                .withThankYouToEveryone(thankYou)
                .build();

        Plan plan = EVALUATOR.evaluate(record, POLICY, thankYou.plusSeconds(60));

        assertThat(first(plan).window().earliest()).isEqualTo(local("2026-12-08T10:30", BERLIN));
    }

    @Test
    @DisplayName("R9: 17:00 itself is inside working hours, 17:01 moves to the next business day")
    void closingTimeIsInclusive() {
        InterviewRecord atFive = anInterview()
                .endingAt(local("2026-11-24T12:00", BERLIN))
                .withoutTimeline()
                .withThankYouToEveryone(local("2026-11-24T17:00", BERLIN))
                .build();
        InterviewRecord atOnePastFive = anInterview()
                .endingAt(local("2026-11-24T12:00", BERLIN))
                .withoutTimeline()
                .withThankYouToEveryone(local("2026-11-24T17:01", BERLIN))
                .build();
        Instant now = local("2026-11-25T12:00", BERLIN);

        assertThat(first(EVALUATOR.evaluate(atFive, POLICY, now)).window().earliest())
                .isEqualTo(local("2026-12-08T17:00", BERLIN));
        assertThat(first(EVALUATOR.evaluate(atOnePastFive, POLICY, now))
                        .window()
                        .earliest())
                .isEqualTo(local("2026-12-09T09:00", BERLIN));
    }

    @Test
    @DisplayName("R9: early morning on a business day moves to 09:00 the same day")
    void earlyMorningMovesToNine() {
        InterviewRecord record = anInterview()
                .endingAt(local("2026-11-23T16:00", BERLIN))
                .withoutTimeline()
                .withThankYouToEveryone(local("2026-11-24T06:15", BERLIN))
                .build();

        Plan plan = EVALUATOR.evaluate(record, POLICY, local("2026-11-25T12:00", BERLIN));

        assertThat(first(plan).window().earliest()).isEqualTo(local("2026-12-08T09:00", BERLIN));
    }

    @Test
    @DisplayName("R9: a proposal on a public holiday of the agency's country moves to the next business day")
    void publicHolidayMovesToNextBusinessDay() {
        // Christmas Day 2026 is a Friday; the test calendar also holds Monday 28 December.
        HolidayCalendar country =
                new FixedCalendar(Set.of(LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-28")));
        InterviewRecord record = anInterview()
                .endingAt(local("2026-12-10T15:00", BERLIN))
                .withoutTimeline()
                .withThankYouToEveryone(local("2026-12-11T10:00", BERLIN))
                .build();
        Instant now = local("2026-12-12T10:00", BERLIN);

        assertThat(first(EVALUATOR.evaluate(record, POLICY, now)).window().earliest())
                .isEqualTo(local("2026-12-25T10:00", BERLIN));
        assertThat(first(EVALUATOR.evaluate(record, POLICY.withPublicHolidays(country), now))
                        .window()
                        .earliest())
                .isEqualTo(local("2026-12-29T09:00", BERLIN));
    }

    @Test
    @DisplayName("R6: a public holiday of the agency's country is not a business day after the decision date")
    void publicHolidayDelaysTheDecisionOpening() {
        HolidayCalendar country = new FixedCalendar(Set.of(LocalDate.parse("2026-05-25")));
        InterviewRecord record =
                anInterview().withDecisionDate(LocalDate.parse("2026-05-22")).build();

        Plan plan = EVALUATOR.evaluate(record, POLICY.withPublicHolidays(country), local("2026-05-20T12:00", BERLIN));

        assertThat(first(plan).window().earliest()).isEqualTo(local("2026-05-26T09:00", BERLIN));
    }

    @Test
    @DisplayName("R9: working hours are read in the candidate's zone, not the agency's")
    void candidatesZone() {
        // Two weeks after 20:00 in New York is 02:00 in Berlin, but it is the evening in New York: next day 09:00
        // there.
        InterviewRecord record = anInterview()
                .candidateLivingIn(NEW_YORK)
                .endingAt(local("2026-11-24T12:00", NEW_YORK))
                .withoutTimeline()
                .withThankYouToEveryone(local("2026-11-24T20:00", NEW_YORK))
                .build();

        Plan plan = EVALUATOR.evaluate(record, POLICY, local("2026-11-25T12:00", NEW_YORK));

        assertThat(first(plan).window().earliest()).isEqualTo(local("2026-12-09T09:00", NEW_YORK));
    }

    @Test
    @DisplayName("R7: a check sent a day before the 14 days is still a breach, whatever the hour")
    void breachStaysOnElapsedTime() {
        Instant thankYou = local("2026-11-24T10:00", BERLIN);
        Instant statusCheck = local("2026-12-07T10:00", BERLIN);
        InterviewRecord record = anInterview()
                .endingAt(local("2026-11-23T16:00", BERLIN))
                .withoutTimeline()
                .withThankYouToEveryone(thankYou)
                .withStatusCheck(statusCheck)
                .build();

        Plan plan = EVALUATOR.evaluate(record, POLICY, statusCheck.plusSeconds(60));

        assertThat(plan.breaches(RuleId.R7)).hasSize(1);
    }

    @Test
    @DisplayName("R7, R9: a check sent after the 14 days but before the 09:00 opening is not a breach")
    void afterTheSpacingBeforeNineIsNoBreach() {
        // Thank-you Monday 07:00; 14 days later is Monday 07:00, proposed as 09:00; the check goes at 08:00.
        Instant statusCheck = local("2026-12-14T08:00", BERLIN);
        InterviewRecord record = anInterview()
                .endingAt(local("2026-11-27T16:00", BERLIN))
                .withoutTimeline()
                .withThankYouToEveryone(local("2026-11-30T07:00", BERLIN))
                .withStatusCheck(statusCheck)
                .build();

        Plan plan = EVALUATOR.evaluate(record, POLICY, statusCheck.plusSeconds(60));

        assertThat(plan.breaches(RuleId.R7)).isEmpty();
        assertThat(plan.breaches(RuleId.R6)).isEmpty();
        assertThat(first(plan).window().earliest()).isEqualTo(local("2026-12-14T09:00", BERLIN));
        assertThat(first(plan).doneBy()).isPresent();
    }

    @Test
    @DisplayName("R7: the second proposed check also opens in working hours")
    void laterProposalsToo() {
        // The first check is proposed for Tuesday 1 December 10:00. Seen on Saturday 5 December, the second one is
        // fourteen days from that Saturday morning: Saturday 19 December, moved to Monday 21 December 09:00.
        InterviewRecord record = anInterview()
                .endingAt(local("2026-11-16T16:00", BERLIN))
                .withoutTimeline()
                .withThankYouToEveryone(local("2026-11-17T10:00", BERLIN))
                .build();

        Plan beforeTheFirst = EVALUATOR.evaluate(record, POLICY, local("2026-11-20T12:00", BERLIN));
        Plan onSaturday = EVALUATOR.evaluate(record, POLICY, local("2026-12-05T11:00", BERLIN));

        assertThat(beforeTheFirst.steps(StepKind.STATUS_CHECK).get(1).window().earliest())
                .isEqualTo(local("2026-12-15T10:00", BERLIN));
        assertThat(onSaturday.steps(StepKind.STATUS_CHECK).get(1).window().earliest())
                .isEqualTo(local("2026-12-21T09:00", BERLIN));
    }

    private static Step first(Plan plan) {
        return plan.steps(StepKind.STATUS_CHECK).get(0);
    }

    /** A country calendar with fixed dates, standing in for the application's library adapter. */
    private record FixedCalendar(Set<LocalDate> dates) implements HolidayCalendar {
        @Override
        public boolean isHoliday(LocalDate date) {
            return dates.contains(date);
        }

        @Override
        public Optional<String> country() {
            return Optional.of("XX");
        }

        @Override
        public Optional<String> region() {
            return Optional.empty();
        }
    }
}
