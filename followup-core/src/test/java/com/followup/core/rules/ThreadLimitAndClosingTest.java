package com.followup.core.rules;

import static com.followup.core.fixtures.InterviewRecordBuilder.BERLIN;
import static com.followup.core.fixtures.InterviewRecordBuilder.anInterview;
import static com.followup.core.fixtures.InterviewRecordBuilder.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.followup.core.fixtures.InterviewRecordBuilder;
import com.followup.core.model.CompanyOverrides;
import com.followup.core.model.InterviewRecord;
import com.followup.core.model.ReplyKind;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.policy.PolicySetting;
import com.followup.core.policy.ValueSource;
import com.followup.core.ruleset.RuleId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ThreadLimitAndClosingTest {
    private static final AgencyPolicy POLICY = AgencyPolicy.defaults(BERLIN);
    private static final PlanEvaluator EVALUATOR = new PlanEvaluator();
    private static final LocalDate FRIDAY = LocalDate.parse("2026-05-22");
    private static final Instant FIRST_CHECK = local("2026-05-25T09:30", BERLIN);
    private static final Duration TWO_WEEKS = Duration.ofDays(14);
    private static final Instant SECOND_CHECK = FIRST_CHECK.plus(TWO_WEEKS);
    private static final Instant CLOSING = SECOND_CHECK.plus(TWO_WEEKS);

    @Test
    @DisplayName("R8: a fresh plan shows two status checks, two weeks apart, then the closing")
    void planAhead() {
        Plan plan = evaluate(anInterview().withDecisionDate(FRIDAY).build(), FIRST_CHECK.minus(Duration.ofDays(9)));

        List<Step> checks = plan.steps(StepKind.STATUS_CHECK);
        assertThat(checks).extracting(Step::sequence).containsExactly(1, 2);
        Instant opening = local("2026-05-25T09:00", BERLIN);
        assertThat(checks.get(1).window().earliest()).isEqualTo(opening.plus(TWO_WEEKS));
        assertThat(plan.steps(StepKind.CLOSING)).singleElement().satisfies(closing -> {
            assertThat(closing.window().earliest())
                    .isEqualTo(opening.plus(TWO_WEEKS).plus(TWO_WEEKS));
            assertThat(closing.state()).isEqualTo(StepState.NOT_YET);
        });
        assertThat(plan.thread()).isEqualTo(ThreadStatus.OPEN);
    }

    @Test
    @DisplayName("R8: after two unanswered checks the thread closes as no response once the spacing passed")
    void ghosted() {
        InterviewRecord record = twoUnansweredChecks().build();

        Plan justBefore = evaluate(record, CLOSING.minusSeconds(1));
        assertThat(justBefore.thread()).isEqualTo(ThreadStatus.OPEN);
        assertThat(justBefore.steps(StepKind.CLOSING)).singleElement().satisfies(step -> assertThat(step.state())
                .isEqualTo(StepState.NOT_YET));

        Plan closed = evaluate(record, CLOSING);
        assertThat(closed.thread()).isEqualTo(ThreadStatus.CLOSED_NO_RESPONSE);
        assertThat(closed.steps(StepKind.CLOSING)).singleElement().satisfies(step -> {
            assertThat(step.state()).isEqualTo(StepState.DONE_ON_TIME);
            assertThat(step.window().earliest()).isEqualTo(CLOSING);
            assertThat(step.rules()).containsExactly(RuleId.R8);
        });
        assertThat(closed.breaches()).isEmpty();
    }

    @Test
    @DisplayName("R8: a third unanswered status check is a breach, even well spaced")
    void thirdUnansweredCheck() {
        Instant third = CLOSING.plus(Duration.ofDays(1));
        InterviewRecord record = twoUnansweredChecks().withStatusCheck(third).build();

        Plan plan = evaluate(record, third.plusSeconds(1));

        assertThat(plan.breaches(RuleId.R8)).singleElement().satisfies(breach -> {
            assertThat(breach.touch())
                    .isEqualTo(plan.steps(StepKind.STATUS_CHECK).get(2).doneBy());
            assertThat(breach.explanation()).contains("number 3");
        });
        assertThat(plan.breaches(RuleId.R7)).isEmpty();
    }

    @Test
    @DisplayName("R8 R7: a reply between status checks restarts the count and the clock")
    void replyBetweenChecks() {
        Instant replyAt = SECOND_CHECK.plus(Duration.ofDays(2));
        Instant third = replyAt.plus(TWO_WEEKS);
        InterviewRecord record = twoUnansweredChecks()
                .withReply(ReplyKind.UPDATE, replyAt)
                .withStatusCheck(third)
                .build();

        Plan plan = evaluate(record, third.plusSeconds(1));

        assertThat(plan.breaches()).isEmpty();
        List<Step> checks = plan.steps(StepKind.STATUS_CHECK);
        assertThat(checks.get(2).window().earliest()).isEqualTo(replyAt.plus(TWO_WEEKS));
        // One unanswered check since the reply: one more may go out, then the thread closes.
        assertThat(checks).hasSize(4);
        assertThat(checks.get(3).state()).isEqualTo(StepState.NOT_YET);
        assertThat(plan.thread()).isEqualTo(ThreadStatus.OPEN);
    }

    @Test
    @DisplayName("R8: a company's limit of one closes the thread after a single unanswered check")
    void companyLimit() {
        InterviewRecord record = anInterview()
                .withDecisionDate(FRIDAY)
                .withCompanyOverrides(CompanyOverrides.NONE.withStatusCheckLimit(1))
                .withStatusCheck(FIRST_CHECK)
                .build();

        Plan plan = evaluate(record, FIRST_CHECK.plus(TWO_WEEKS));

        assertThat(plan.thread()).isEqualTo(ThreadStatus.CLOSED_NO_RESPONSE);
        assertThat(plan.policy().sourceOf(PolicySetting.STATUS_CHECK_LIMIT)).isEqualTo(ValueSource.COMPANY);
    }

    @Test
    @DisplayName("R8: a reply after the thread closed reopens it; the closing stays done")
    void lateReplyReopens() {
        Instant replyAt = CLOSING.plus(Duration.ofDays(3));
        InterviewRecord record = twoUnansweredChecks()
                .withReply(ReplyKind.ACKNOWLEDGEMENT, replyAt)
                .build();

        Plan plan = evaluate(record, replyAt.plusSeconds(1));

        assertThat(plan.thread()).isEqualTo(ThreadStatus.OPEN);
        assertThat(plan.steps(StepKind.CLOSING))
                .extracting(Step::sequence, Step::state)
                .containsExactly(tuple(1, StepState.DONE_ON_TIME), tuple(2, StepState.NOT_YET));
    }

    @Test
    @DisplayName(
            "R18: a company that never replies closes as no reply expected, with nothing held against the candidate")
    void companyThatNeverReplies() {
        InterviewRecord record = twoUnansweredChecks()
                .withCompanyOverrides(CompanyOverrides.NONE.withDoesNotReply(true))
                .build();

        Plan plan = evaluate(record, CLOSING.plus(Duration.ofDays(1)));

        assertThat(plan.thread()).isEqualTo(ThreadStatus.CLOSED_NO_REPLY_EXPECTED);
        assertThat(plan.steps(StepKind.CLOSING)).singleElement().satisfies(step -> assertThat(step.rules())
                .containsExactlyInAnyOrder(RuleId.R8, RuleId.R18));
        assertThat(plan.advice(AdviceKind.NO_REPLY_EXPECTED)).hasSize(1);
        assertThat(plan.breaches()).isEmpty();
        assertThat(plan.policy().companyDoesNotReply().value()).isTrue();
        assertThat(plan.policy().sourceOf(PolicySetting.DOES_NOT_REPLY)).isEqualTo(ValueSource.COMPANY);
    }

    @Test
    @DisplayName("R18: off by default, from the agency")
    void offByDefault() {
        Plan plan = evaluate(twoUnansweredChecks().build(), CLOSING);

        assertThat(plan.policy().companyDoesNotReply().value()).isFalse();
        assertThat(plan.policy().sourceOf(PolicySetting.DOES_NOT_REPLY)).isEqualTo(ValueSource.AGENCY_DEFAULT);
        assertThat(plan.advice(AdviceKind.NO_REPLY_EXPECTED)).isEmpty();
    }

    private static InterviewRecordBuilder twoUnansweredChecks() {
        return anInterview()
                .withDecisionDate(FRIDAY)
                .withThankYouToEveryone(local("2026-05-12T19:00", BERLIN))
                .withStatusCheck(FIRST_CHECK)
                .withStatusCheck(SECOND_CHECK);
    }

    private static Plan evaluate(InterviewRecord record, Instant now) {
        return EVALUATOR.evaluate(record, POLICY, now);
    }
}
