package com.followup.api.dashboard;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.health.HealthCheck;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Unhealthy while some interview cannot be evaluated (its stored rows break a rule of the core, issue 14): the rest of
 * the product answers for everything else, so nothing else would tell an operator that one candidate has no plan, no
 * reminders and no calendar. The check names the interviews and the first reason; the admin's dashboard lists them all.
 */
public final class EvaluationHealthCheck extends HealthCheck {
    private static final int SHOWN = 5;

    private final Jdbi jdbi;

    public EvaluationHealthCheck(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    private record Failing(long interviewId, String reason) {}

    @Override
    protected Result check() {
        return jdbi.withHandle(handle -> {
            long count = handle.createQuery("SELECT count(*) FROM plan_summaries WHERE failure IS NOT NULL")
                    .mapTo(Long.class)
                    .one();
            if (count == 0) {
                return Result.healthy("every interview evaluated so far has a plan");
            }
            List<Failing> first = handle.createQuery(
                            """
                            SELECT interview_id, failure FROM plan_summaries
                             WHERE failure IS NOT NULL ORDER BY interview_id LIMIT :shown
                            """)
                    .bind("shown", SHOWN)
                    .map((rs, context) -> new Failing(rs.getLong(1), rs.getString(2)))
                    .list();
            return Result.unhealthy(count + (count == 1 ? " interview cannot" : " interviews cannot")
                    + " be evaluated (correct or retract the record named; the admin's dashboard lists them): "
                    + first.stream()
                            .map(failing -> "interview " + failing.interviewId() + ": " + failing.reason())
                            .collect(Collectors.joining("; "))
                    + (count > SHOWN ? "; …" : ""));
        });
    }
}
