package com.followup.core.bench;

import static com.followup.core.fixtures.InterviewRecordBuilder.BERLIN;
import static com.followup.core.fixtures.InterviewRecordBuilder.DANA;
import static com.followup.core.fixtures.InterviewRecordBuilder.LEO;
import static com.followup.core.fixtures.InterviewRecordBuilder.anInterview;
import static com.followup.core.fixtures.InterviewRecordBuilder.local;

import com.followup.core.model.Channel;
import com.followup.core.model.InterviewRecord;
import com.followup.core.model.ReplyKind;
import com.followup.core.model.TouchKind;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.rules.Plan;
import com.followup.core.rules.PlanEvaluator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of one plan evaluation for a typical interview: two interviewers, both thanked with a logged text, a
 * LinkedIn connection, two status checks, a reply, a decision date, holidays in the policy. Run with
 * {@code ./mvnw -q -pl followup-core test-compile exec:exec@jmh -Djmh.args="PlanEvaluation -f 1 -wi 2 -w 2s -i 3 -r 3s -t 1"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PlanEvaluationBenchmark {
    private static final String NOTE = "Dear Dana, thank you for taking the time to talk with me on Tuesday about the"
            + " reliability team. I enjoyed hearing how you review incidents without blame, and it made me even more"
            + " interested in the role. You asked about my Kubernetes experience: last year I moved our batch jobs to"
            + " a managed cluster and cut failed runs by half. I would be glad to share more. Best regards, Mia";

    private final PlanEvaluator evaluator = new PlanEvaluator();
    private InterviewRecord record;
    private AgencyPolicy policy;
    private Instant now;

    @Setup
    public void setUp() {
        policy = AgencyPolicy.defaults(BERLIN)
                .withHolidays(Set.of(LocalDate.parse("2026-05-25"), LocalDate.parse("2026-06-04")));
        record = anInterview()
                .withDecisionDate(LocalDate.parse("2026-05-22"))
                .withThankYouText(DANA, local("2026-05-12T19:10", BERLIN), NOTE)
                .withThankYouText(LEO, local("2026-05-12T19:25", BERLIN), NOTE.replace("Dana", "Leo"))
                .withTouch(TouchKind.LINKEDIN_CONNECTION, Channel.LINKEDIN, DANA, local("2026-05-13T08:00", BERLIN))
                .withStatusCheck(local("2026-05-26T09:30", BERLIN))
                .withReply(ReplyKind.ACKNOWLEDGEMENT, local("2026-05-27T11:00", BERLIN))
                .withStatusCheckBy(Channel.PHONE, local("2026-06-11T10:00", BERLIN))
                .build();
        now = local("2026-06-12T12:00", BERLIN);
    }

    /** The record the benchmark evaluates, for a test to check it is a realistic one. */
    InterviewRecord record() {
        return record;
    }

    @Benchmark
    public Plan evaluate() {
        return evaluator.evaluate(record, policy, now);
    }
}
