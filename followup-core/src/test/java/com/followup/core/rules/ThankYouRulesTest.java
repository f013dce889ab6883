package com.followup.core.rules;

import static com.followup.core.fixtures.InterviewRecordBuilder.BERLIN;
import static com.followup.core.fixtures.InterviewRecordBuilder.DANA;
import static com.followup.core.fixtures.InterviewRecordBuilder.DEFAULT_END;
import static com.followup.core.fixtures.InterviewRecordBuilder.LEO;
import static com.followup.core.fixtures.InterviewRecordBuilder.NEW_YORK;
import static com.followup.core.fixtures.InterviewRecordBuilder.SAM_THE_RECRUITER;
import static com.followup.core.fixtures.InterviewRecordBuilder.anInterview;
import static com.followup.core.fixtures.InterviewRecordBuilder.local;
import static org.assertj.core.api.Assertions.assertThat;

import com.followup.core.model.Channel;
import com.followup.core.model.CompanyOverrides;
import com.followup.core.model.InterviewRecord;
import com.followup.core.model.TouchKind;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.policy.PolicySetting;
import com.followup.core.policy.ValueSource;
import com.followup.core.ruleset.RuleId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ThankYouRulesTest {
    private static final AgencyPolicy POLICY = AgencyPolicy.defaults(BERLIN);
    private static final PlanEvaluator EVALUATOR = new PlanEvaluator();
    private static final Instant FORTY_EIGHT_HOURS_LATER = DEFAULT_END.plus(Duration.ofHours(48));
    private static final Instant LONG_AFTER = DEFAULT_END.plus(Duration.ofDays(5));

    @Nested
    class Deadline {
        @Test
        @DisplayName("R1: a thank-you exactly 48 hours after the end is on time")
        void exactlyFortyEightHoursIsOnTime() {
            Plan plan = evaluate(
                    anInterview()
                            .withThankYouToEveryone(FORTY_EIGHT_HOURS_LATER)
                            .build(),
                    LONG_AFTER);

            assertThat(plan.thankYouStep(DANA).orElseThrow().state()).isEqualTo(StepState.DONE_ON_TIME);
            assertThat(plan.breaches(RuleId.R1)).isEmpty();
        }

        @Test
        @DisplayName("R1: one second past 48 hours is late, a breach caused by the touch")
        void oneSecondLateIsABreach() {
            InterviewRecord record = anInterview()
                    .withThankYou(DANA, FORTY_EIGHT_HOURS_LATER.plusSeconds(1))
                    .withThankYou(LEO, DEFAULT_END.plus(Duration.ofHours(3)))
                    .build();

            Plan plan = evaluate(record, LONG_AFTER);

            Step step = plan.thankYouStep(DANA).orElseThrow();
            assertThat(step.state()).isEqualTo(StepState.DONE_LATE);
            assertThat(step.timing()).contains(ThankYouTiming.LATE);
            assertThat(plan.breaches(RuleId.R1)).singleElement().satisfies(breach -> {
                assertThat(breach.touch()).isEqualTo(step.doneBy());
                assertThat(breach.deadline()).contains(FORTY_EIGHT_HOURS_LATER);
                assertThat(breach.at()).isEqualTo(FORTY_EIGHT_HOURS_LATER.plusSeconds(1));
            });
            assertThat(plan.thankYouStep(LEO).orElseThrow().state()).isEqualTo(StepState.DONE_ON_TIME);
        }

        @Test
        @DisplayName("R1: the window is open after the end and due soon in its last 12 hours, the deadline included")
        void statesBeforeTheDeadline() {
            InterviewRecord record = anInterview().build();

            assertThat(stateOfDana(record, DEFAULT_END.minusSeconds(1))).isEqualTo(StepState.NOT_YET);
            assertThat(stateOfDana(record, DEFAULT_END)).isEqualTo(StepState.OPEN);
            assertThat(stateOfDana(
                            record,
                            FORTY_EIGHT_HOURS_LATER.minus(Duration.ofHours(12)).minusSeconds(1)))
                    .isEqualTo(StepState.OPEN);
            assertThat(stateOfDana(record, FORTY_EIGHT_HOURS_LATER.minus(Duration.ofHours(12))))
                    .isEqualTo(StepState.DUE_SOON);
            assertThat(stateOfDana(record, FORTY_EIGHT_HOURS_LATER)).isEqualTo(StepState.DUE_SOON);
            assertThat(evaluate(record, FORTY_EIGHT_HOURS_LATER).breaches()).isEmpty();
        }

        @Test
        @DisplayName("R1 R3: no note at all is missed once the deadline passed, a breach of the passed deadline")
        void noNoteIsMissed() {
            Plan plan = evaluate(anInterview().build(), FORTY_EIGHT_HOURS_LATER.plusSeconds(1));

            assertThat(plan.thankYouStep(DANA).orElseThrow().state()).isEqualTo(StepState.MISSED);
            assertThat(plan.breaches(RuleId.R3)).hasSize(2).allSatisfy(breach -> {
                assertThat(breach.touch()).isEmpty();
                assertThat(breach.deadline()).contains(FORTY_EIGHT_HOURS_LATER);
            });
            assertThat(plan.breaches(RuleId.R1)).isEmpty();
        }

        @Test
        @DisplayName("R1: an agency may allow more time, recorded as the agency's value")
        void agencyDeadline() {
            AgencyPolicy generous = POLICY.withThankYouDeadline(Duration.ofHours(72));
            InterviewRecord record = anInterview()
                    .withThankYouToEveryone(DEFAULT_END.plus(Duration.ofHours(60)))
                    .build();

            Plan plan = EVALUATOR.evaluate(record, generous, LONG_AFTER);

            assertThat(plan.breaches()).isEmpty();
            assertThat(plan.policy().thankYouDeadline().value()).isEqualTo(Duration.ofHours(72));
            assertThat(plan.policy().sourceOf(PolicySetting.THANK_YOU_DEADLINE)).isEqualTo(ValueSource.AGENCY_DEFAULT);
        }
    }

    @Nested
    class IdealWindow {
        @Test
        @DisplayName("R2: within the first two hours a note is early (advice, not a breach)")
        void earlyNote() {
            Plan plan = evaluate(
                    anInterview()
                            .withThankYouToEveryone(DEFAULT_END.plus(Duration.ofMinutes(20)))
                            .build(),
                    LONG_AFTER);

            assertThat(plan.thankYouStep(DANA).orElseThrow().timing()).contains(ThankYouTiming.EARLY);
            assertThat(plan.thankYouStep(DANA).orElseThrow().state()).isEqualTo(StepState.DONE_ON_TIME);
            assertThat(plan.advice(AdviceKind.THANK_YOU_EARLY)).hasSize(2);
            assertThat(plan.breaches()).isEmpty();
        }

        @Test
        @DisplayName("R2: from two hours after the end to noon of the next day in the candidate's zone is ideal")
        void idealWindowBounds() {
            Instant idealFrom = DEFAULT_END.plus(Duration.ofHours(2));
            Instant nextNoon = local("2026-05-13T12:00", BERLIN);
            Plan plan = evaluate(anInterview().build(), DEFAULT_END);

            Step step = plan.thankYouStep(DANA).orElseThrow();
            assertThat(step.window().earliest()).isEqualTo(DEFAULT_END);
            assertThat(step.window().ideal()).isEqualTo(idealFrom);
            assertThat(step.window().idealUntil()).isEqualTo(nextNoon);
            assertThat(step.window().deadline()).contains(FORTY_EIGHT_HOURS_LATER);

            assertThat(ThankYouTiming.of(step.window(), idealFrom)).isEqualTo(ThankYouTiming.IDEAL);
            assertThat(ThankYouTiming.of(step.window(), idealFrom.minusSeconds(1)))
                    .isEqualTo(ThankYouTiming.EARLY);
            assertThat(ThankYouTiming.of(step.window(), nextNoon)).isEqualTo(ThankYouTiming.IDEAL);
            assertThat(ThankYouTiming.of(step.window(), nextNoon.plusSeconds(1)))
                    .isEqualTo(ThankYouTiming.ACCEPTABLE);
        }

        @Test
        @DisplayName("R2: after the next noon but within 48 hours a note is acceptable, with advice")
        void acceptableNote() {
            Plan plan = evaluate(
                    anInterview()
                            .withThankYouToEveryone(local("2026-05-13T18:00", BERLIN))
                            .build(),
                    LONG_AFTER);

            assertThat(plan.thankYouStep(LEO).orElseThrow().timing()).contains(ThankYouTiming.ACCEPTABLE);
            assertThat(plan.advice(AdviceKind.THANK_YOU_AFTER_IDEAL_WINDOW)).hasSize(2);
            assertThat(plan.breaches()).isEmpty();
        }

        @Test
        @DisplayName(
                "R2: the next morning is the candidate's, not the agency's: a New York candidate of a Berlin agency")
        void nextMorningInTheCandidatesZone() {
            InterviewRecord record = anInterview()
                    .candidateLivingIn(NEW_YORK)
                    .endingAtLocal("2026-05-12T16:00")
                    .build();

            Plan plan = evaluate(record, DEFAULT_END);

            assertThat(plan.thankYouStep(DANA).orElseThrow().window().idealUntil())
                    .isEqualTo(local("2026-05-13T12:00", NEW_YORK));
        }
    }

    @Nested
    class DaylightSaving {
        @Test
        @DisplayName(
                "R1 R2: Berlin, interview ending 23:30 the night before summer time: 48 elapsed hours, noon next day")
        void berlinSpringForward() {
            InterviewRecord record = anInterview()
                    .candidateLivingIn(BERLIN)
                    .endingAtLocal("2026-03-28T23:30")
                    .build();
            Instant end = Instant.parse("2026-03-28T22:30:00Z");

            Step step = evaluate(record, end).thankYouStep(DANA).orElseThrow();

            // The clocks jump from 02:00 to 03:00: 48 elapsed hours end at 00:30 local, not 23:30.
            assertThat(step.window().deadline()).contains(Instant.parse("2026-03-30T22:30:00Z"));
            assertThat(step.window().deadline().orElseThrow().atZone(BERLIN).toLocalTime())
                    .hasToString("00:30");
            // Noon on Sunday, summer time already: only 11.5 hours after the end.
            assertThat(step.window().idealUntil()).isEqualTo(Instant.parse("2026-03-29T10:00:00Z"));
        }

        @Test
        @DisplayName(
                "R1: on the Berlin DST night, a note exactly 48 elapsed hours later is on time, a second later is late")
        void berlinSpringForwardBoundary() {
            InterviewRecord onTime = anInterview()
                    .endingAtLocal("2026-03-28T23:30")
                    .withThankYouToEveryone(Instant.parse("2026-03-30T22:30:00Z"))
                    .build();
            InterviewRecord late = anInterview()
                    .endingAtLocal("2026-03-28T23:30")
                    .withThankYouToEveryone(Instant.parse("2026-03-30T22:30:01Z"))
                    .build();
            Instant later = Instant.parse("2026-04-05T00:00:00Z");

            assertThat(evaluate(onTime, later).breaches(RuleId.R1)).isEmpty();
            assertThat(evaluate(late, later).breaches(RuleId.R1)).hasSize(2);
        }

        @Test
        @DisplayName("R1 R2: New York, interview ending 23:30 the night standard time returns in November")
        void newYorkFallBack() {
            InterviewRecord record = anInterview()
                    .candidateLivingIn(NEW_YORK)
                    .endingAtLocal("2026-10-31T23:30")
                    .build();
            Instant end = Instant.parse("2026-11-01T03:30:00Z");

            Step step = evaluate(record, end).thankYouStep(DANA).orElseThrow();

            assertThat(step.window().earliest()).isEqualTo(end);
            // The clocks go back from 02:00 to 01:00: 48 elapsed hours end at 22:30 local two days later.
            assertThat(step.window().deadline()).contains(Instant.parse("2026-11-03T03:30:00Z"));
            assertThat(step.window().deadline().orElseThrow().atZone(NEW_YORK).toLocalTime())
                    .hasToString("22:30");
            // Noon on Sunday in standard time (UTC-5).
            assertThat(step.window().idealUntil()).isEqualTo(Instant.parse("2026-11-01T17:00:00Z"));
        }
    }

    @Nested
    class PerInterviewer {
        @Test
        @DisplayName("R3: each interviewer has a step; coverage counts those thanked")
        void coverage() {
            InterviewRecord record = anInterview()
                    .withThankYou(DANA, DEFAULT_END.plus(Duration.ofHours(4)))
                    .build();

            Plan plan = evaluate(record, LONG_AFTER);

            assertThat(plan.steps(StepKind.THANK_YOU)).hasSize(2);
            assertThat(plan.thankYouCoverage()).isEqualTo(new Coverage(1, 2));
            assertThat(plan.thankYouCoverage().complete()).isFalse();
            assertThat(plan.breaches(RuleId.R3)).singleElement().satisfies(breach -> assertThat(breach.explanation())
                    .contains("Leo Brandt"));
        }

        @Test
        @DisplayName("R3: a note to someone else at the company does not thank an interviewer")
        void noteToTheRecruiterDoesNotCount() {
            InterviewRecord record = anInterview()
                    .withInterviewers(DANA)
                    .withThankYou(SAM_THE_RECRUITER, DEFAULT_END.plus(Duration.ofHours(4)))
                    .build();

            Plan plan = evaluate(record, LONG_AFTER);

            assertThat(plan.thankYouCoverage()).isEqualTo(new Coverage(0, 1));
            assertThat(plan.thankYouStep(DANA).orElseThrow().state()).isEqualTo(StepState.MISSED);
        }
    }

    @Nested
    class Channels {
        @Test
        @DisplayName("R11: a card by post gets advice, a card handed in does not")
        void cardByPost() {
            InterviewRecord record = anInterview()
                    .withTouch(
                            TouchKind.THANK_YOU, Channel.HANDWRITTEN_CARD_BY_POST, DANA, DEFAULT_END.plusSeconds(9000))
                    .withTouch(
                            TouchKind.THANK_YOU, Channel.HANDWRITTEN_CARD_BY_HAND, LEO, DEFAULT_END.plusSeconds(9000))
                    .build();

            Plan plan = evaluate(record, LONG_AFTER);

            assertThat(plan.advice(AdviceKind.THANK_YOU_CARD_BY_POST))
                    .singleElement()
                    .satisfies(advice -> assertThat(advice.touch())
                            .isEqualTo(plan.thankYouStep(DANA).orElseThrow().doneBy()));
            assertThat(plan.advice(AdviceKind.THANK_YOU_CHANNEL)).isEmpty();
            assertThat(plan.breaches()).isEmpty();
        }

        @Test
        @DisplayName("R11: a phone call is advice unless the company prefers calls")
        void phoneCall() {
            Instant sentAt = DEFAULT_END.plus(Duration.ofHours(3));
            InterviewRecord byPhone = anInterview()
                    .withInterviewers(DANA)
                    .withTouch(TouchKind.THANK_YOU, Channel.PHONE, DANA, sentAt)
                    .build();
            InterviewRecord byPhoneAsPreferred = anInterview()
                    .withInterviewers(DANA)
                    .withCompanyOverrides(CompanyOverrides.NONE.withPreferredChannel(Channel.PHONE))
                    .withTouch(TouchKind.THANK_YOU, Channel.PHONE, DANA, sentAt)
                    .build();

            assertThat(evaluate(byPhone, LONG_AFTER).advice(AdviceKind.THANK_YOU_CHANNEL))
                    .hasSize(1);
            Plan preferred = evaluate(byPhoneAsPreferred, LONG_AFTER);
            assertThat(preferred.advice(AdviceKind.THANK_YOU_CHANNEL)).isEmpty();
            assertThat(preferred.policy().thankYouChannel().source()).isEqualTo(ValueSource.COMPANY);
        }
    }

    @Test
    @DisplayName("R1: a note logged with a time after the evaluated instant has not happened yet")
    void futureTouchesAreIgnored() {
        InterviewRecord record = anInterview()
                .withThankYouToEveryone(DEFAULT_END.plus(Duration.ofHours(5)))
                .build();

        Plan plan = evaluate(record, DEFAULT_END.plus(Duration.ofHours(4)));

        assertThat(plan.thankYouStep(DANA).orElseThrow().state()).isEqualTo(StepState.OPEN);
        assertThat(plan.thankYouStep(DANA).orElseThrow().doneBy()).isEqualTo(Optional.empty());
    }

    private static Plan evaluate(InterviewRecord record, Instant now) {
        return EVALUATOR.evaluate(record, POLICY, now);
    }

    private static StepState stateOfDana(InterviewRecord record, Instant now) {
        return evaluate(record, now).thankYouStep(DANA).orElseThrow().state();
    }
}
