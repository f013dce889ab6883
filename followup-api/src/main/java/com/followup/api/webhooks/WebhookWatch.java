package com.followup.api.webhooks;

import static java.util.Objects.requireNonNull;

import com.followup.api.dashboard.PlanSummary;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.policy.JdbiPolicyStore;
import com.followup.core.model.InterviewId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.rules.Breach;
import com.followup.core.rules.Plan;
import com.followup.core.rules.PlanEvaluator;
import com.followup.core.rules.Step;
import com.followup.core.rules.StepState;
import com.followup.core.rules.ThreadStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Announces what the clock or a write makes true of a plan (decision 0036): a new breach ({@code breach.detected},
 * with its rule id), a step whose deadline passed undone ({@code step.overdue}: OVERDUE, or MISSED when doing it late
 * no longer helps), a thread closed without an answer ({@code thread.closed}, R8 or R18). Each pass evaluates only
 * the interviews whose inputs, policy or plan's own next change say something may be new (as the reminder planner
 * does, decision 0009), compares with what it announced before ({@code webhook_announced}) and writes the new events
 * in its transaction. One server at a time (an advisory lock); nothing is evaluated while no endpoint wants these
 * events, and the first pass after that announces nothing, only records what is already true.
 */
public final class WebhookWatch {
    /** The advisory lock of the watch ("followup webhook watch"). */
    private static final long LOCK = 0x666f6c6c77617463L;

    private static final int BATCH = 200;
    private static final List<String> TYPES = List.of(
            WebhookEventType.BREACH_DETECTED.wire(),
            WebhookEventType.STEP_OVERDUE.wire(),
            WebhookEventType.THREAD_CLOSED.wire());

    private final Jdbi jdbi;
    private final JdbiInterviewRecords records;
    private final JdbiPolicyStore policies;
    private final PlanEvaluator evaluator;
    private final Clock clock;
    private final Duration lookBack;

    public WebhookWatch(
            Jdbi jdbi,
            JdbiInterviewRecords records,
            JdbiPolicyStore policies,
            PlanEvaluator evaluator,
            Clock clock,
            Duration lookBack) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.records = requireNonNull(records, "records is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.evaluator = requireNonNull(evaluator, "evaluator is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.lookBack = requireNonNull(lookBack, "lookBack is null");
    }

    /** One pass; returns the number of events written (none on a baseline pass or when another server holds it). */
    public int runOnce() {
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            if (!handle.createQuery("SELECT pg_try_advisory_xact_lock(:lock)")
                    .bind("lock", LOCK)
                    .mapTo(Boolean.class)
                    .one()) {
                return 0;
            }
            boolean wanted = handle.createQuery(
                            "SELECT EXISTS (SELECT 1 FROM webhook_endpoints WHERE enabled AND event_types && CAST(:types AS text[]))")
                    .bind("types", TYPES.toArray(String[]::new))
                    .mapTo(Boolean.class)
                    .one();
            if (!wanted) {
                baselineNeeded(handle, true);
                return 0;
            }
            // No row yet (a new database, one restored from a backup) counts as needing a baseline.
            boolean baseline = handle.createQuery(
                            "SELECT coalesce((SELECT baseline_needed FROM webhook_watch_state WHERE id = 1), true)")
                    .mapTo(Boolean.class)
                    .one();
            if (baseline) {
                handle.execute("DELETE FROM webhook_watched");
            }
            int written = watch(handle, now, !baseline);
            if (baseline) {
                baselineNeeded(handle, false);
            }
            return written;
        });
    }

    private static void baselineNeeded(Handle handle, boolean needed) {
        handle.createUpdate(
                        """
                        INSERT INTO webhook_watch_state (id, baseline_needed) VALUES (1, :needed)
                        ON CONFLICT (id) DO UPDATE SET baseline_needed = excluded.baseline_needed
                         WHERE webhook_watch_state.baseline_needed <> excluded.baseline_needed
                        """)
                .bind("needed", needed)
                .execute();
    }

    private int watch(Handle handle, Instant now, boolean announce) {
        JdbiPolicyStore.Versioned policy = policies.currentVersioned();
        Map<Long, Long> generations = new LinkedHashMap<>();
        handle.createQuery(
                        """
                        SELECT i.id, coalesce(s.input_generation, -1) AS generation
                          FROM interviews i
                          LEFT JOIN plan_summaries s ON s.interview_id = i.id
                          LEFT JOIN webhook_watched w ON w.interview_id = i.id
                         WHERE i.ends_at > :since AND i.starts_at <= :now
                           AND (w.interview_id IS NULL OR s.interview_id IS NULL
                                OR w.input_generation <> s.input_generation OR w.policy_version <> :policyVersion
                                OR w.valid_until <= :now)
                         ORDER BY i.id
                        """)
                .bind("since", now.minus(lookBack))
                .bind("now", now)
                .bind("policyVersion", policy.version())
                .map((rs, context) -> Map.entry(rs.getLong("id"), rs.getLong("generation")))
                .forEach(row -> generations.put(row.getKey(), row.getValue()));
        List<Long> ids = new ArrayList<>(generations.keySet());
        int written = 0;
        for (int from = 0; from < ids.size() && !Thread.currentThread().isInterrupted(); from += BATCH) {
            List<Long> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            Map<Long, Set<String>> announced = new HashMap<>();
            handle.createQuery("SELECT interview_id, key FROM webhook_announced WHERE interview_id = ANY(:ids)")
                    .bind("ids", batch.toArray(Long[]::new))
                    .map((rs, context) -> Map.entry(rs.getLong("interview_id"), rs.getString("key")))
                    .forEach(row -> announced
                            .computeIfAbsent(row.getKey(), key -> new HashSet<>())
                            .add(row.getValue()));
            Map<Long, Instant> validUntil = new HashMap<>();
            PreparedBatch remember = handle.prepareBatch(
                    """
                    INSERT INTO webhook_announced (interview_id, key, announced_at) VALUES (:interview, :key, :now)
                    ON CONFLICT DO NOTHING
                    """);
            List<Long> reopened = new ArrayList<>();
            for (InterviewRecord record :
                    records.findAll(handle, batch.stream().map(InterviewId::new).toList())) {
                long interview = record.interview().id().value();
                Plan plan = evaluator.evaluate(record, policy.policy(), now);
                PlanSummary.of(plan, record, policy.policy())
                        .validUntil()
                        .ifPresent(until -> validUntil.put(interview, until));
                if (plan.thread() == ThreadStatus.OPEN) {
                    reopened.add(interview);
                }
                Set<String> known = announced.getOrDefault(interview, Set.of());
                for (Announcement announcement : announcements(interview, plan)) {
                    if (known.contains(announcement.key())) {
                        continue;
                    }
                    remember.bind("interview", interview)
                            .bind("key", announcement.key())
                            .bind("now", now)
                            .add();
                    if (announce && WebhookEvents.emit(handle, announcement.type(), announcement.data())) {
                        written++;
                    }
                }
            }
            if (remember.size() > 0) {
                remember.execute();
            }
            if (!reopened.isEmpty()) {
                // A reply reopened the thread: when it closes again, that is news again.
                handle.createUpdate(
                                "DELETE FROM webhook_announced WHERE interview_id = ANY(:ids) AND key LIKE 'thread:%'")
                        .bind("ids", reopened.toArray(Long[]::new))
                        .execute();
            }
            PreparedBatch watched = handle.prepareBatch(
                    """
                    INSERT INTO webhook_watched (interview_id, input_generation, policy_version, valid_until, watched_at)
                    VALUES (:interview, :generation, :policyVersion, :validUntil, :now)
                    ON CONFLICT (interview_id) DO UPDATE SET input_generation = excluded.input_generation,
                        policy_version = excluded.policy_version, valid_until = excluded.valid_until,
                        watched_at = excluded.watched_at
                    """);
            for (long interview : batch) {
                // An interview whose record cannot be built is remembered too: it is looked at again when it changes.
                watched.bind("interview", interview)
                        .bind("generation", generations.get(interview))
                        .bind("policyVersion", policy.version())
                        .bind("validUntil", validUntil.get(interview))
                        .bind("now", now)
                        .add();
            }
            watched.execute();
        }
        return written;
    }

    record Announcement(String key, WebhookEventType type, Map<String, Object> data) {}

    /** What the plan says that an endpoint may want to hear, each with the key it is announced under once. */
    static List<Announcement> announcements(long interview, Plan plan) {
        List<Announcement> found = new ArrayList<>();
        for (Breach breach : plan.breaches()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("interviewId", interview);
            data.put("rule", breach.rule().name());
            data.put("ruleName", breach.rule().slug());
            breach.touch().ifPresent(touch -> data.put("touchId", touch.value()));
            breach.deadline().ifPresent(deadline -> data.put("deadline", deadline));
            data.put("at", breach.at());
            found.add(new Announcement(
                    "breach:" + breach.rule().name() + ":"
                            + breach.touch()
                                    .map(touch -> String.valueOf(touch.value()))
                                    .orElse("") + ":"
                            + breach.deadline().map(Instant::toString).orElse(""),
                    WebhookEventType.BREACH_DETECTED,
                    data));
        }
        for (Step step : plan.steps()) {
            if (step.state() != StepState.OVERDUE && step.state() != StepState.MISSED) {
                continue;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("interviewId", interview);
            data.put("step", step.kind().name());
            data.put("sequence", step.sequence());
            step.contact().ifPresent(contact -> data.put("contactId", contact.value()));
            data.put("state", step.state().name());
            step.window().deadline().ifPresent(deadline -> data.put("deadline", deadline));
            data.put("rules", step.rules().stream().map(Enum::name).sorted().toList());
            found.add(new Announcement(
                    "step:" + step.kind().name() + ":" + step.sequence() + ":"
                            + step.contact()
                                    .map(contact -> String.valueOf(contact.value()))
                                    .orElse(""),
                    WebhookEventType.STEP_OVERDUE,
                    data));
        }
        if (plan.thread() == ThreadStatus.CLOSED_NO_RESPONSE
                || plan.thread() == ThreadStatus.CLOSED_NO_REPLY_EXPECTED) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("interviewId", interview);
            data.put("status", plan.thread().name());
            data.put("rule", plan.thread() == ThreadStatus.CLOSED_NO_RESPONSE ? "R8" : "R18");
            found.add(new Announcement("thread:" + plan.thread().name(), WebhookEventType.THREAD_CLOSED, data));
        }
        return found;
    }
}
