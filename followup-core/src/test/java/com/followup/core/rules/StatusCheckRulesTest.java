package com.followup.core.rules;

import static com.followup.core.fixtures.InterviewRecordBuilder.BERLIN;
import static com.followup.core.fixtures.InterviewRecordBuilder.DANA;
import static com.followup.core.fixtures.InterviewRecordBuilder.DEFAULT_END;
import static com.followup.core.fixtures.InterviewRecordBuilder.LEO;
import static com.followup.core.fixtures.InterviewRecordBuilder.anInterview;
import static com.followup.core.fixtures.InterviewRecordBuilder.local;
import static org.assertj.core.api.Assertions.assertThat;

import com.followup.core.model.Channel;
import com.followup.core.model.CompanyOverrides;
import com.followup.core.model.InterviewRecord;
import com.followup.core.model.ReplyKind;
import com.followup.core.model.Timeline;
import com.followup.core.model.TouchKind;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.policy.PolicySetting;
import com.followup.core.policy.ValueSource;
import com.followup.core.ruleset.RuleId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StatusCheckRulesTest {
    private static final AgencyPolicy POLICY = AgencyPolicy.defaults(BERLIN);
    private static final PlanEvaluator EVALUATOR = new PlanEvaluator();
    private static final LocalDate FRIDAY = LocalDate.parse("2026-05-22");
    private static final LocalDate WHIT_MONDAY = LocalDate.parse("2026-05-25");
    private static final Instant MONDAY_NINE = local("2026-05-25T09:00", BERLIN);
    private static final Instant TUESDAY_NINE = local("2026-05-26T09:00", BERLIN);
    private static final Instant THANK_YOU_SENT = local("2026-05-12T19:00", BERLIN);
    private static final Duration TWO_WEEKS = Duration.ofDays(14);

    @Nested
    class RespectTimeline {
        @Test
        @DisplayName("R6: a decision date on a Friday opens status checks on Monday 09:00 in the candidate's zone")
        void fridayDecisionOpensMonday() {
            InterviewRecord record = anInterview().withDecisionDate(FRIDAY).build();

            Step first = firstStatusCheck(evaluate(record, DEFAULT_END));

            assertThat(first.window().earliest()).isEqualTo(MONDAY_NINE);
            assertThat(first.state()).isEqualTo(StepState.NOT_YET);
            assertThat(first.rules()).contains(RuleId.R6, RuleId.R10);
            assertThat(firstStatusCheck(evaluate(record, MONDAY_NINE)).state()).isEqualTo(StepState.OPEN);
        }

        @Test
        @DisplayName("R6: a holiday Monday moves the opening to Tuesday 09:00")
        void holidayMondayOpensTuesday() {
            InterviewRecord record = anInterview().withDecisionDate(FRIDAY).build();
            AgencyPolicy withHoliday = POLICY.withHolidays(Set.of(WHIT_MONDAY));

            Step first = firstStatusCheck(EVALUATOR.evaluate(record, withHoliday, DEFAULT_END));

            assertThat(first.window().earliest()).isEqualTo(TUESDAY_NINE);
        }

        @Test
        @DisplayName("R6: a status check before the opening is a breach caused by that touch; at the opening it is not")
        void statusCheckBeforeTheDate() {
            Instant tooEarly = MONDAY_NINE.minusSeconds(1);
            InterviewRecord early = anInterview()
                    .withDecisionDate(FRIDAY)
                    .withThankYouToEveryone(THANK_YOU_SENT)
                    .withStatusCheck(tooEarly)
                    .build();
            InterviewRecord onTime = anInterview()
                    .withDecisionDate(FRIDAY)
                    .withThankYouToEveryone(THANK_YOU_SENT)
                    .withStatusCheck(MONDAY_NINE)
                    .build();

            Plan earlyPlan = evaluate(early, MONDAY_NINE.plus(Duration.ofDays(1)));
            assertThat(earlyPlan.breaches(RuleId.R6)).singleElement().satisfies(breach -> {
                assertThat(breach.touch()).isEqualTo(firstStatusCheck(earlyPlan).doneBy());
                assertThat(breach.at()).isEqualTo(tooEarly);
                assertThat(breach.explanation()).contains("Monday 2026-05-25 09:00");
            });
            assertThat(evaluate(onTime, MONDAY_NINE.plus(Duration.ofDays(1))).breaches())
                    .isEmpty();
        }

        @Test
        @DisplayName("R6: a reply naming a new date becomes the timeline, recorded as the interview's value")
        void replyMovesTheDate() {
            LocalDate newDate = LocalDate.parse("2026-06-05");
            Instant replyAt = local("2026-05-21T16:00", BERLIN);
            InterviewRecord record = anInterview()
                    .withDecisionDate(FRIDAY)
                    .withThankYouToEveryone(THANK_YOU_SENT)
                    .withUpdateNaming(newDate, replyAt)
                    .build();

            Plan plan = evaluate(record, replyAt.plusSeconds(60));

            assertThat(firstStatusCheck(plan).window().earliest()).isEqualTo(local("2026-06-08T09:00", BERLIN));
            assertThat(plan.policy().decisionDate().value()).contains(newDate);
            assertThat(plan.policy().sourceOf(PolicySetting.DECISION_DATE)).isEqualTo(ValueSource.INTERVIEW);
        }
    }

    @Nested
    class NoDateDefault {
        @Test
        @DisplayName("R9: without a date, the first status check opens two weeks after the thank-you")
        void twoWeeksAfterTheThankYou() {
            InterviewRecord record =
                    anInterview().withThankYouToEveryone(THANK_YOU_SENT).build();

            Plan plan = evaluate(record, THANK_YOU_SENT);

            Step first = firstStatusCheck(plan);
            // Two weeks after a thank-you sent at 19:00 is after working hours: the proposal opens the next morning.
            assertThat(first.window().earliest()).isEqualTo(local("2026-05-27T09:00", BERLIN));
            assertThat(first.window().deadline()).isEmpty();
            assertThat(first.rules()).contains(RuleId.R9, RuleId.R7);
            assertThat(plan.advice(AdviceKind.NO_DATE_DEFAULT_SPACING)).hasSize(1);
        }

        @Test
        @DisplayName("R9: without a thank-you, the spacing runs from the interview's end")
        void twoWeeksAfterTheInterview() {
            Plan plan = evaluate(anInterview().build(), DEFAULT_END);

            assertThat(firstStatusCheck(plan).window().earliest()).isEqualTo(DEFAULT_END.plus(TWO_WEEKS));
        }

        @Test
        @DisplayName("R9 R7: notes to several interviewers are one touch: spacing runs from the last of them")
        void thankYouNotesAreOneTouch() {
            Instant laterNote = THANK_YOU_SENT.plus(Duration.ofHours(20));
            InterviewRecord record = anInterview()
                    .withThankYou(DANA, THANK_YOU_SENT)
                    .withThankYou(LEO, laterNote)
                    .withStatusCheck(laterNote.plus(TWO_WEEKS))
                    .build();

            Plan plan = evaluate(record, laterNote.plus(TWO_WEEKS).plusSeconds(1));

            assertThat(firstStatusCheck(plan).window().earliest()).isEqualTo(laterNote.plus(TWO_WEEKS));
            assertThat(plan.breaches()).isEmpty();
        }

        @Test
        @DisplayName("R9 R7: a first status check ten days after the thank-you breaks the spacing")
        void tooSoonAfterTheThankYou() {
            InterviewRecord record = anInterview()
                    .withThankYouToEveryone(THANK_YOU_SENT)
                    .withStatusCheck(THANK_YOU_SENT.plus(Duration.ofDays(10)))
                    .build();

            Plan plan = evaluate(record, THANK_YOU_SENT.plus(Duration.ofDays(11)));

            assertThat(plan.breaches(RuleId.R7)).singleElement().satisfies(breach -> assertThat(breach.explanation())
                    .contains("10 days", "14 days"));
        }
    }

    @Nested
    class Spacing {
        @Test
        @DisplayName("R7: the second status check opens two weeks after the first; exactly two weeks is fine")
        void secondCheckTwoWeeksLater() {
            InterviewRecord record = anInterview()
                    .withDecisionDate(FRIDAY)
                    .withThankYouToEveryone(THANK_YOU_SENT)
                    .withStatusCheck(MONDAY_NINE)
                    .withStatusCheckBy(Channel.PHONE, MONDAY_NINE.plus(TWO_WEEKS))
                    .build();

            Plan plan = evaluate(record, MONDAY_NINE.plus(TWO_WEEKS).plusSeconds(1));

            List<Step> checks = plan.steps(StepKind.STATUS_CHECK);
            assertThat(checks).hasSize(2);
            assertThat(checks.get(1).window().earliest()).isEqualTo(MONDAY_NINE.plus(TWO_WEEKS));
            assertThat(checks).allSatisfy(step -> assertThat(step.state()).isEqualTo(StepState.DONE_ON_TIME));
            assertThat(plan.breaches()).isEmpty();
        }

        @Test
        @DisplayName("R7: two status checks a week apart are a breach of the second")
        void secondCheckTooSoon() {
            InterviewRecord record = anInterview()
                    .withDecisionDate(FRIDAY)
                    .withStatusCheck(MONDAY_NINE)
                    .withStatusCheck(MONDAY_NINE.plus(Duration.ofDays(7)))
                    .build();

            Plan plan = evaluate(record, MONDAY_NINE.plus(Duration.ofDays(8)));

            assertThat(plan.breaches(RuleId.R7)).singleElement().satisfies(breach -> assertThat(breach.touch())
                    .isEqualTo(plan.steps(StepKind.STATUS_CHECK).get(1).doneBy()));
        }

        @Test
        @DisplayName("R7: a reply restarts the clock: the next check waits two weeks from the reply")
        void replyRestartsTheClock() {
            Instant replyAt = MONDAY_NINE.plus(Duration.ofDays(3));
            InterviewRecord record = anInterview()
                    .withDecisionDate(FRIDAY)
                    .withStatusCheck(MONDAY_NINE)
                    .withReply(ReplyKind.ACKNOWLEDGEMENT, replyAt)
                    // Two weeks after the first check, but only 11 days after the reply.
                    .withStatusCheck(MONDAY_NINE.plus(TWO_WEEKS))
                    .build();

            Plan plan = evaluate(record, MONDAY_NINE.plus(TWO_WEEKS).plusSeconds(1));

            assertThat(plan.steps(StepKind.STATUS_CHECK).get(1).window().earliest())
                    .isEqualTo(replyAt.plus(TWO_WEEKS));
            assertThat(plan.breaches(RuleId.R7)).hasSize(1);
        }

        @Test
        @DisplayName("R7: a company's spacing replaces the agency's and is recorded as the company's")
        void companySpacing() {
            InterviewRecord record = anInterview()
                    .withCompanyOverrides(CompanyOverrides.NONE.withSpacing(Duration.ofDays(7)))
                    .withThankYouToEveryone(THANK_YOU_SENT)
                    .build();

            Plan plan = evaluate(record, THANK_YOU_SENT);

            // Seven days after Tuesday 19:00, moved to working hours: Wednesday 09:00.
            assertThat(firstStatusCheck(plan).window().earliest()).isEqualTo(local("2026-05-20T09:00", BERLIN));
            assertThat(plan.policy().sourceOf(PolicySetting.SPACING)).isEqualTo(ValueSource.COMPANY);
            assertThat(firstStatusCheck(plan).settings()).contains(PolicySetting.SPACING);
        }

        @Test
        @DisplayName("R7: the interview's stated spacing beats the company's, recorded as the interview's")
        void interviewSpacingBeatsCompany() {
            InterviewRecord record = anInterview()
                    .withCompanyOverrides(CompanyOverrides.NONE.withSpacing(Duration.ofDays(7)))
                    .withTimeline(Timeline.NOTHING_SAID.withPreferredSpacing(Duration.ofDays(10)))
                    .withThankYouToEveryone(THANK_YOU_SENT)
                    .build();

            Plan plan = evaluate(record, THANK_YOU_SENT);

            assertThat(plan.policy().spacing().value()).isEqualTo(Duration.ofDays(10));
            assertThat(plan.policy().sourceOf(PolicySetting.SPACING)).isEqualTo(ValueSource.INTERVIEW);
            // Ten days after Tuesday 19:00 is Friday 19:00, after working hours: Monday 09:00.
            assertThat(firstStatusCheck(plan).window().earliest()).isEqualTo(local("2026-05-25T09:00", BERLIN));
        }
    }

    @Nested
    class ChannelOrder {
        @Test
        @DisplayName("R10: a first status check by phone is a breach; the second may be a phone call")
        void firstByPhone() {
            InterviewRecord record = anInterview()
                    .withDecisionDate(FRIDAY)
                    .withStatusCheckBy(Channel.PHONE, MONDAY_NINE)
                    .build();

            Plan plan = evaluate(record, MONDAY_NINE.plusSeconds(60));

            assertThat(plan.breaches(RuleId.R10)).singleElement().satisfies(breach -> assertThat(breach.explanation())
                    .contains("phone", "e-mail"));
        }

        @Test
        @DisplayName("R10: a second status check through LinkedIn is a breach")
        void secondByLinkedIn() {
            InterviewRecord record = anInterview()
                    .withDecisionDate(FRIDAY)
                    .withStatusCheck(MONDAY_NINE)
                    .withStatusCheckBy(Channel.LINKEDIN, MONDAY_NINE.plus(TWO_WEEKS))
                    .build();

            assertThat(evaluate(record, MONDAY_NINE.plus(Duration.ofDays(20))).breaches(RuleId.R10))
                    .hasSize(1);
        }

        @Test
        @DisplayName("R10: when the interview's timeline names phone, a first check by phone is right")
        void timelineNamesPhone() {
            InterviewRecord record = anInterview()
                    .withTimeline(Timeline.decisionBy(FRIDAY).withPreferredChannel(Channel.PHONE))
                    .withThankYouToEveryone(THANK_YOU_SENT)
                    .withStatusCheckBy(Channel.PHONE, MONDAY_NINE)
                    .build();

            Plan plan = evaluate(record, MONDAY_NINE.plusSeconds(60));

            assertThat(plan.breaches()).isEmpty();
            assertThat(plan.policy().followUpChannel().value()).isEqualTo(Channel.PHONE);
            assertThat(plan.policy().sourceOf(PolicySetting.FOLLOW_UP_CHANNEL)).isEqualTo(ValueSource.INTERVIEW);
        }

        @Test
        @DisplayName("R10: a LinkedIn connection request is allowed and is not a status check")
        void linkedInConnectionIsNotAStatusCheck() {
            InterviewRecord record = anInterview()
                    .withDecisionDate(FRIDAY)
                    .withThankYouToEveryone(THANK_YOU_SENT)
                    .withTouch(TouchKind.LINKEDIN_CONNECTION, Channel.LINKEDIN, DANA, THANK_YOU_SENT)
                    .build();

            Plan plan = evaluate(record, MONDAY_NINE.minusSeconds(1));

            assertThat(plan.breaches()).isEmpty();
            assertThat(firstStatusCheck(plan).doneBy()).isEmpty();
            assertThat(firstStatusCheck(plan).window().earliest()).isEqualTo(MONDAY_NINE);
        }
    }

    @Nested
    class AskNextSteps {
        @Test
        @DisplayName("R5: an interview without a recorded timeline is flagged once it is over")
        void noTimeline() {
            InterviewRecord record = anInterview().withoutTimeline().build();

            assertThat(evaluate(record, DEFAULT_END.minusSeconds(1)).advice(AdviceKind.NO_TIMELINE_RECORDED))
                    .isEmpty();
            assertThat(evaluate(record, DEFAULT_END).advice(AdviceKind.NO_TIMELINE_RECORDED))
                    .singleElement()
                    .satisfies(advice -> assertThat(advice.rule()).isEqualTo(RuleId.R5));
        }

        @Test
        @DisplayName("R5: a recorded timeline, even one without a date, is not flagged")
        void timelineWithoutDate() {
            Plan plan =
                    evaluate(anInterview().withTimeline(Timeline.NOTHING_SAID).build(), DEFAULT_END);

            assertThat(plan.advice(AdviceKind.NO_TIMELINE_RECORDED)).isEmpty();
        }
    }

    private static Plan evaluate(InterviewRecord record, Instant now) {
        return EVALUATOR.evaluate(record, POLICY, now);
    }

    private static Step firstStatusCheck(Plan plan) {
        return plan.steps(StepKind.STATUS_CHECK).get(0);
    }
}
