package com.followup.core.repository;

import static com.followup.core.fixtures.InterviewRecordBuilder.BERLIN;
import static com.followup.core.fixtures.InterviewRecordBuilder.DEFAULT_END;
import static com.followup.core.fixtures.InterviewRecordBuilder.anInterview;
import static org.assertj.core.api.Assertions.assertThat;

import com.followup.core.model.InterviewId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.rules.PlanEvaluator;
import com.followup.core.ruleset.RuleId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FollowUpPlansTest {
    /** The repository interface's in-memory fake: the core never needs the database to be tested. */
    static final class InMemoryInterviewRecords implements InterviewRecords {
        private final Map<InterviewId, InterviewRecord> records = new HashMap<>();

        void add(InterviewRecord record) {
            records.put(record.interview().id(), record);
        }

        @Override
        public Optional<InterviewRecord> find(InterviewId id) {
            return Optional.ofNullable(records.get(id));
        }

        @Override
        public List<InterviewRecord> findAll(Collection<InterviewId> ids) {
            return ids.stream()
                    .map(records::get)
                    .filter(record -> record != null)
                    .toList();
        }
    }

    private final InMemoryInterviewRecords records = new InMemoryInterviewRecords();
    private AgencyPolicy policy = AgencyPolicy.defaults(BERLIN);
    private final FollowUpPlans plans = new FollowUpPlans(records, () -> policy, new PlanEvaluator());

    @Test
    void evaluatesAStoredInterviewUnderTheCurrentPolicy() {
        InterviewRecord record = anInterview().withoutDebrief().build();
        records.add(record);
        Instant fiftyHoursLater = DEFAULT_END.plus(Duration.ofHours(50));

        assertThat(plans.planOf(record.interview().id(), fiftyHoursLater)
                        .orElseThrow()
                        .breaches())
                .extracting(breach -> breach.rule())
                .contains(RuleId.R20, RuleId.R3);

        // R20's 24 hours become 72: the same instant breaches nothing of the debrief any more.
        policy = policy.withDebriefWithin(Duration.ofHours(72));
        assertThat(plans.planOf(record.interview().id(), fiftyHoursLater)
                        .orElseThrow()
                        .breaches())
                .extracting(breach -> breach.rule())
                .doesNotContain(RuleId.R20);
    }

    @Test
    void anUnknownInterviewHasNoPlan() {
        assertThat(plans.planOf(new InterviewId(404), DEFAULT_END)).isEmpty();
        assertThat(plans.evaluateAll(List.of(new InterviewId(404)), DEFAULT_END))
                .isEmpty();
    }
}
