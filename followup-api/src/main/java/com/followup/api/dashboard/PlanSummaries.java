package com.followup.api.dashboard;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.UserPrincipal;
import com.followup.api.cache.Scope;
import com.followup.api.dashboard.DashboardBodies.CannotBeEvaluated;
import com.followup.api.dashboard.DashboardBodies.Dashboard;
import com.followup.api.dashboard.DashboardBodies.NextStep;
import com.followup.api.dashboard.DashboardBodies.Query;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.db.Statements;
import com.followup.api.policy.JdbiPolicyStore;
import com.followup.api.representations.PlanView;
import com.followup.core.model.InterviewId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.rules.Plan;
import com.followup.core.rules.PlanEvaluator;
import com.followup.core.rules.StepKind;
import com.followup.core.rules.StepState;
import com.followup.core.rules.ThreadStatus;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard from stored plan summaries (decision 0009): the visible interviews whose summary is stale (a write
 * since, another policy version, or the clock reached the summary's valid-until) are loaded, evaluated and stored
 * again; then one aggregate query sums the summaries per candidate. The result equals evaluating every interview
 * (the test class {@code EverythingEvaluatedDashboard}), which a test checks on generated data.
 */
public final class PlanSummaries {
    private static final Logger LOG = LoggerFactory.getLogger(PlanSummaries.class);
    private static final int BATCH = 2_000;
    /** Rounds of refreshing before a request settles for what is stored (writes keep landing meanwhile). */
    private static final int MAX_ROUNDS = 3;

    private final java.util.concurrent.locks.ReentrantLock refreshing = new java.util.concurrent.locks.ReentrantLock();
    private final Jdbi jdbi;
    private final JdbiInterviewRecords records;
    private final JdbiPolicyStore policies;
    private final PlanEvaluator evaluator;

    public PlanSummaries(Jdbi jdbi, JdbiInterviewRecords records, JdbiPolicyStore policies, PlanEvaluator evaluator) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.records = requireNonNull(records, "records is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.evaluator = requireNonNull(evaluator, "evaluator is null");
    }

    /** A dashboard and the first instant at which one of the summaries it sums changes state without a write. */
    /**
     * A dashboard, the first instant at which one of the summaries it sums changes state without a write, and the
     * candidates it is about (all those in its scope, on its page or not: a change to any may reorder the page).
     */
    public record Answer(Dashboard dashboard, Optional<Instant> validUntil, Scope candidates) {}

    public Dashboard dashboard(UserPrincipal user, Query query, Instant now) {
        return answer(user, query, now).dashboard();
    }

    public Answer answer(UserPrincipal user, Query query, Instant now) {
        Answer answer = sums(user, query, now);
        List<CannotBeEvaluated> failing = cannotBeEvaluated(user, query);
        return failing.isEmpty()
                ? answer
                : new Answer(
                        answer.dashboard().withCannotBeEvaluated(failing), answer.validUntil(), answer.candidates());
    }

    /**
     * The interviews in scope whose summary holds a failure, read after the sums (which evaluated what was stale):
     * the caller's scope and the company, recruiter and candidate of the query, not its filter or page.
     */
    private List<CannotBeEvaluated> cannotBeEvaluated(UserPrincipal user, Query query) {
        boolean admin = user.role() == com.followup.api.auth.Role.ADMIN;
        return jdbi.withHandle(handle -> bind(
                        handle.createQuery(
                                """
                                SELECT s.interview_id, s.candidate_id, ca.name AS candidate, co.name AS company,
                                       s.failure
                                  FROM plan_summaries s
                                  JOIN candidates ca ON ca.id = s.candidate_id
                                  JOIN interviews i ON i.id = s.interview_id
                                  JOIN companies co ON co.id = i.company_id
                                 WHERE s.failure IS NOT NULL AND %s
                                 ORDER BY s.interview_id
                                 LIMIT 100
                                """
                                        .formatted(where(user, query, "s"))),
                        user,
                        query)
                .map((rs, context) -> new CannotBeEvaluated(
                        rs.getLong("interview_id"),
                        rs.getLong("candidate_id"),
                        rs.getString("candidate"),
                        rs.getString("company"),
                        admin ? Optional.of(rs.getString("failure")) : Optional.empty()))
                .list());
    }

    private Answer sums(UserPrincipal user, Query query, Instant now) {
        JdbiPolicyStore.Versioned policy = policies.currentVersioned();
        if (query.companyId().isEmpty()) {
            Optional<Answer> fromRollups = fromCandidateSummaries(user, query, policy, now);
            if (fromRollups.isPresent()) {
                return fromRollups.get();
            }
        }
        String where = where(user, query, "s");
        return jdbi.withHandle(handle -> {
            // Usually one query: the sums also count the stale summaries among them, and only when there are some
            // (a write since, or the clock reached a valid-until) are those refreshed and the sums read again.
            List<Tally> tallies = new ArrayList<>();
            Instant[] validUntil = {null};
            for (int round = 0; ; round++) {
                tallies.clear();
                validUntil[0] = null;
                long stale = aggregate(handle, user, query, where, policy, now, tallies, validUntil);
                if (stale == 0 || round == MAX_ROUNDS) {
                    break;
                }
                refreshLocked(user, query, where, policy, now);
            }
            return answerOf(handle, user, query, tallies, now, validUntil[0]);
        });
    }

    private static void earliest(Instant[] holder, Instant candidate) {
        if (candidate != null && (holder[0] == null || candidate.isBefore(holder[0]))) {
            holder[0] = candidate;
        }
    }

    private void refreshLocked(
            UserPrincipal user, Query query, String where, JdbiPolicyStore.Versioned policy, Instant now) {
        refreshAlone(() -> refresh(user, query, where, policy, now));
    }

    /**
     * One refresh at a time in this server: a request that finds another one refreshing (most likely the same stale
     * summaries) waits for it and returns false, so it reads again instead of evaluating the same interviews again.
     */
    private boolean refreshAlone(Runnable refresh) {
        if (!refreshing.tryLock()) {
            refreshing.lock();
            refreshing.unlock();
            return false;
        }
        try {
            refresh.run();
            return true;
        } finally {
            refreshing.unlock();
        }
    }

    /**
     * The dashboard from the per-candidate sums (one row a candidate instead of one an interview). Stale sums are
     * recomputed from their interviews' summaries, refreshed first; empty if some stay stale (writes keep landing), and
     * the caller then sums the interviews' summaries itself.
     */
    private Optional<Answer> fromCandidateSummaries(
            UserPrincipal user, Query query, JdbiPolicyStore.Versioned policy, Instant now) {
        String where = where(user, query, "c");
        return jdbi.withHandle(handle -> {
            List<Tally> tallies = new ArrayList<>();
            Instant[] validUntil = {null};
            for (int round = 0; round <= MAX_ROUNDS; round++) {
                tallies.clear();
                validUntil[0] = null;
                List<Long> stale = new ArrayList<>();
                bind(
                                handle.createQuery(
                                        """
                                        SELECT c.candidate_id, ca.name, c.interviews, c.due, c.overdue, c.breaches,
                                               c.waiting, c.next_deadline, c.urgent_interview, c.valid_until,
                                               c.due_soon, c.latest_breach_at,
                                               NOT (%s) AS stale
                                          FROM candidate_summaries c
                                          JOIN candidates ca ON ca.id = c.candidate_id
                                         WHERE %s
                                        """
                                                .formatted(FRESH.replace("s.", "c."), where)),
                                user,
                                query)
                        .bind("policyVersion", policy.version())
                        .bind("now", now)
                        .map((rs, context) -> {
                            if (rs.getBoolean("stale")) {
                                stale.add(rs.getLong("candidate_id"));
                                return Boolean.TRUE;
                            }
                            earliest(validUntil, JdbiInterviewRecords.instant(rs, "valid_until"));
                            if (rs.getInt("interviews") > 0) {
                                Tally tally = new Tally(rs.getLong("candidate_id"), rs.getString("name"));
                                tally.interviews = rs.getInt("interviews");
                                tally.due = rs.getInt("due");
                                tally.overdue = rs.getInt("overdue");
                                tally.breaches = rs.getInt("breaches");
                                tally.waiting = rs.getInt("waiting");
                                tally.nextDeadline = JdbiInterviewRecords.instant(rs, "next_deadline");
                                tally.mostUrgentInterview = rs.getLong("urgent_interview");
                                tally.dueSoon = rs.getInt("due_soon");
                                tally.latestBreachAt = JdbiInterviewRecords.instant(rs, "latest_breach_at");
                                tallies.add(tally);
                            }
                            return Boolean.TRUE;
                        })
                        .list();
                if (stale.isEmpty()) {
                    return Optional.of(answerOf(handle, user, query, tallies, now, validUntil[0]));
                }
                if (round == MAX_ROUNDS) {
                    break;
                }
                long[] candidates = stale.stream().mapToLong(Long::longValue).toArray();
                refreshAlone(() -> {
                    refreshCandidates(candidates, policy, now);
                    sumCandidates(handle, candidates, policy, now);
                });
            }
            return Optional.<Answer>empty();
        });
    }

    /**
     * Sums the interview summaries of {@code candidates} into their candidate summaries, for each candidate whose
     * interview summaries are all fresh (the others stay stale for the next reader).
     */
    private static void sumCandidates(Handle handle, long[] candidates, JdbiPolicyStore.Versioned policy, Instant now) {
        Statements.runTogether(
                handle,
                Arrays.asList(candidatesLockedInOrder(candidates), sumCandidatesStatement(candidates, policy, now)));
    }

    /**
     * Locks the summaries of {@code interviewIds} in interview order, the order every writer of summaries takes them
     * in before their candidates' (changeset 0029, decision 0045), so that two writers wait for each other instead of
     * deadlocking; null (nothing to send) for fewer than two.
     */
    public static Statements.Part interviewsLockedInOrder(long[] interviewIds) {
        return lockedInOrder("plan_summaries", "interview_id", interviewIds);
    }

    /** {@link #interviewsLockedInOrder} for the candidates' summaries, in candidate order. */
    private static Statements.Part candidatesLockedInOrder(long[] candidateIds) {
        return lockedInOrder("candidate_summaries", "candidate_id", candidateIds);
    }

    /** The rows of {@code table} whose {@code key} is one of {@code ids}, locked in key order. */
    private static Statements.Part lockedInOrder(String table, String key, long[] ids) {
        long[] sorted = Arrays.stream(ids).distinct().sorted().toArray();
        if (sorted.length < 2) {
            return null;
        }
        String parameter = "locked_" + key;
        return new Statements.Part(
                "SELECT %2$s FROM %1$s WHERE %2$s = ANY(:%3$s) ORDER BY %2$s FOR NO KEY UPDATE"
                        .formatted(table, key, parameter),
                Map.of(parameter, sorted));
    }

    /**
     * {@link #sumCandidates}'s update, to be sent with other writes; its parameters are {@code sumCandidates}, {@code
     * policyVersion} and {@code now}.
     */
    private static Statements.Part sumCandidatesStatement(
            long[] candidates, JdbiPolicyStore.Versioned policy, Instant now) {
        return new Statements.Part(
                """
                                UPDATE candidate_summaries c
                                   SET summary_generation = a.generation, policy_version = :policyVersion,
                                       evaluated_at = :now, valid_until = a.valid_until, interviews = a.interviews,
                                       due = a.due, overdue = a.overdue, breaches = a.breaches, waiting = a.waiting,
                                       next_deadline = a.next_deadline, urgent_interview = a.urgent_interview,
                                       due_soon = a.due_soon, latest_breach_at = a.latest_breach_at
                                  FROM (SELECT cs.candidate_id, cs.input_generation AS generation,
                                               count(s.interview_id) AS interviews,
                                               coalesce(sum(s.due), 0) AS due,
                                               coalesce(sum(s.overdue), 0) AS overdue,
                                               coalesce(sum(s.breaches), 0) AS breaches,
                                               count(*) FILTER (WHERE s.waiting) AS waiting,
                                               coalesce(sum(s.due_soon), 0) AS due_soon,
                                               max(s.latest_breach_at) AS latest_breach_at,
                                               min(s.next_deadline) AS next_deadline,
                                               min(s.valid_until) AS valid_until,
                                               (array_agg(s.interview_id ORDER BY s.urgent_rank,
                                                          s.urgent_deadline NULLS LAST, s.interview_id)
                                                    FILTER (WHERE s.urgent_rank IS NOT NULL))[1] AS urgent_interview,
                                               bool_and(s.interview_id IS NULL OR (%s)) AS all_fresh
                                          FROM candidate_summaries cs
                                          LEFT JOIN plan_summaries s ON s.candidate_id = cs.candidate_id
                                         WHERE cs.candidate_id = ANY(:sumCandidates) AND NOT (%s)
                                         GROUP BY cs.candidate_id, cs.input_generation) a
                                 WHERE c.candidate_id = a.candidate_id AND c.input_generation = a.generation
                                   AND a.all_fresh
                                """
                        .formatted(FRESH, FRESH.replace("s.", "cs.")),
                Map.of("sumCandidates", candidates, "policyVersion", policy.version(), "now", now));
    }

    /**
     * Refreshes every stale summary of the agency, interviews then candidates, a batch at a time, holding no more than
     * a batch in memory (the background pass of {@link SummaryWarmUp}); returns how many interviews were stale.
     */
    public int refreshStale(Instant now) {
        JdbiPolicyStore.Versioned policy = policies.currentVersioned();
        List<Long> stale = jdbi.withHandle(
                handle -> handle.createQuery("SELECT s.interview_id FROM plan_summaries s WHERE NOT (" + FRESH + ")")
                        .bind("policyVersion", policy.version())
                        .bind("now", now)
                        .mapTo(Long.class)
                        .list());
        if (!storeInBatches(stale, policy, now)) {
            return stale.size();
        }
        long[] candidates = jdbi
                .withHandle(handle -> handle.createQuery("SELECT c.candidate_id FROM candidate_summaries c WHERE NOT ("
                                + FRESH.replace("s.", "c.") + ")")
                        .bind("policyVersion", policy.version())
                        .bind("now", now)
                        .mapTo(Long.class)
                        .list())
                .stream()
                .mapToLong(Long::longValue)
                .toArray();
        for (int from = 0; from < candidates.length; from += BATCH) {
            long[] batch = java.util.Arrays.copyOfRange(candidates, from, Math.min(candidates.length, from + BATCH));
            jdbi.useHandle(handle -> sumCandidates(handle, batch, policy, now));
        }
        return stale.size();
    }

    /** Refreshes the stale interview summaries of {@code candidates}. */
    private void refreshCandidates(long[] candidates, JdbiPolicyStore.Versioned policy, Instant now) {
        List<Long> stale = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT s.interview_id FROM plan_summaries s WHERE s.candidate_id = ANY(:candidates) AND NOT ("
                                + FRESH + ")")
                .bind("candidates", candidates)
                .bind("policyVersion", policy.version())
                .bind("now", now)
                .mapTo(Long.class)
                .list());
        storeInBatches(stale, policy, now);
    }

    /**
     * Evaluates and stores {@code ids}' summaries {@link #BATCH} at a time; false when interrupted between two batches
     * (a stopping server), the rest left stale for the next reader.
     */
    private boolean storeInBatches(List<Long> ids, JdbiPolicyStore.Versioned policy, Instant now) {
        for (int from = 0; from < ids.size(); from += BATCH) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            store(ids.subList(from, Math.min(ids.size(), from + BATCH)), policy, now);
        }
        return true;
    }

    /** Reads the per-candidate sums into {@code tallies}; returns how many of the summaries summed are stale. */
    private static long aggregate(
            Handle handle,
            UserPrincipal user,
            Query query,
            String where,
            JdbiPolicyStore.Versioned policy,
            Instant now,
            List<Tally> tallies,
            Instant[] validUntil) {
        long[] stale = {0};
        bind(
                        handle.createQuery(
                                """
                                SELECT s.candidate_id, ca.name, count(*) AS interviews, sum(s.due) AS due,
                                       sum(s.overdue) AS overdue, sum(s.breaches) AS breaches,
                                       count(*) FILTER (WHERE s.waiting) AS waiting, sum(s.due_soon) AS due_soon,
                                       max(s.latest_breach_at) AS latest_breach_at,
                                       min(s.next_deadline) AS next_deadline,
                                       (array_agg(s.interview_id ORDER BY s.urgent_rank, s.urgent_deadline NULLS LAST,
                                                  s.interview_id)
                                            FILTER (WHERE s.urgent_rank IS NOT NULL))[1] AS urgent_interview,
                                       count(*) FILTER (WHERE NOT (%s)) AS stale,
                                       min(s.valid_until) AS valid_until
                                  FROM plan_summaries s
                                  JOIN candidates ca ON ca.id = s.candidate_id
                                 WHERE %s
                                 GROUP BY s.candidate_id, ca.name
                                """
                                        .formatted(FRESH, where)),
                        user,
                        query)
                .bind("policyVersion", policy.version())
                .bind("now", now)
                .map((rs, context) -> {
                    Tally tally = new Tally(rs.getLong("candidate_id"), rs.getString("name"));
                    tally.interviews = rs.getInt("interviews");
                    tally.due = rs.getInt("due");
                    tally.overdue = rs.getInt("overdue");
                    tally.breaches = rs.getInt("breaches");
                    tally.waiting = rs.getInt("waiting");
                    tally.nextDeadline = JdbiInterviewRecords.instant(rs, "next_deadline");
                    tally.mostUrgentInterview = rs.getLong("urgent_interview");
                    tally.dueSoon = rs.getInt("due_soon");
                    tally.latestBreachAt = JdbiInterviewRecords.instant(rs, "latest_breach_at");
                    stale[0] += rs.getLong("stale");
                    earliest(validUntil, JdbiInterviewRecords.instant(rs, "valid_until"));
                    return tally;
                })
                .forEach(tallies::add);
        return stale[0];
    }

    /**
     * How far after a reader's clock a summary may have been evaluated and still be used as it is (decision 0046): a
     * writer evaluated it a moment after the reader's request began, on this server or on another whose clock is a
     * little ahead. Without it, a dashboard read while touches are logged found such summaries stale in every round,
     * evaluated them again at its own earlier instant and then summed every interview itself (issue 18).
     */
    static final Duration EVALUATED_AHEAD = Duration.ofSeconds(10);

    /**
     * A summary that may be used as it is: same inputs, same policy, and the clock inside its validity (evaluated at
     * most {@link #EVALUATED_AHEAD} after it).
     */
    private static final String FRESH =
            """
            s.summary_generation = s.input_generation AND s.policy_version = :policyVersion
            AND s.evaluated_at <= CAST(:now AS timestamptz) + interval '%d seconds'
            AND (s.valid_until IS NULL OR s.valid_until > :now)"""
                    .formatted(EVALUATED_AHEAD.toSeconds());

    /** Refreshes the stale summaries among the query's interviews; returns how many were stale. */
    private int refresh(UserPrincipal user, Query query, String where, JdbiPolicyStore.Versioned policy, Instant now) {
        List<Long> stale = jdbi.withHandle(handle -> bind(
                        handle.createQuery(
                                """
                                SELECT s.interview_id FROM plan_summaries s WHERE %s AND NOT (%s)
                                """
                                        .formatted(where, FRESH)),
                        user,
                        query)
                .bind("policyVersion", policy.version())
                .bind("now", now)
                .mapTo(Long.class)
                .list());
        storeInBatches(stale, policy, now);
        return stale.size();
    }

    /** The generation of an interview's inputs, read in the caller's snapshot (-1 when it has no summary row). */
    public static long generationOf(Handle handle, long interviewId) {
        return handle.createQuery("SELECT input_generation FROM plan_summaries WHERE interview_id = :id")
                .bind("id", interviewId)
                .mapTo(Long.class)
                .findOne()
                .orElse(-1L);
    }

    /**
     * Evaluates a record a writer has just loaded and stores its summary, with the generation read in the same snapshot;
     * nothing is stored if another write has changed the inputs since (the next dashboard then refreshes it). Returns
     * the plan, for the writer's answer.
     */
    public Plan evaluateAndStore(InterviewRecord record, long generation, Instant now) {
        JdbiPolicyStore.Versioned policy = policies.currentVersioned();
        Plan plan = evaluator.evaluate(record, policy.policy(), now);
        Evaluated evaluated = new Evaluated(
                record.interview().id().value(), generation, PlanSummary.of(plan, record, policy.policy()));
        jdbi.useTransaction(handle -> update(handle, List.of(evaluated), policy, now));
        return plan;
    }

    /**
     * Evaluates the record a writer has just changed and stores its summary and its candidate's sums in the writer's
     * own transaction (issue 18: one transaction a touch, no second read). The writer must hold the interview's
     * summary row ({@code Visibility.requireInterviewLocked}) since before it read the record, so the record is every input of the generation the
     * summary is stored under. Returns the plan, for the writer's answer.
     */
    public Plan storeWritten(Handle handle, InterviewRecord record, long candidateId, Instant now) {
        Written written = evaluateWritten(List.of(record), new long[] {candidateId}, now);
        Statements.runTogether(handle, written.statements());
        return written.plans().get(0);
    }

    /**
     * The plans of records a writer has just changed, in the order of {@code records}, and the statements that store
     * them as their interviews' summaries with their candidates' sums, to be sent after the writer's own writes in its
     * transaction ({@link #storeWritten}). Each summary's update moves its interview's input generation on and stores
     * the summary under the new one, so the writer's rows need not bump it ({@link
     * #touchesStoredWithTheirSummaries}). Nothing is sent: a writer that commits in the same round trip builds its
     * answers from the plans first (decision 0047).
     */
    public Written evaluateWritten(List<InterviewRecord> records, long[] candidateIds, Instant now) {
        JdbiPolicyStore.Versioned policy = policies.currentVersioned();
        List<Plan> plans = new ArrayList<>(records.size());
        List<Evaluated> evaluated = new ArrayList<>(records.size());
        for (InterviewRecord record : records) {
            Plan plan = evaluator.evaluate(record, policy.policy(), now);
            plans.add(plan);
            evaluated.add(new Evaluated(
                    record.interview().id().value(), null, PlanSummary.of(plan, record, policy.policy())));
        }
        List<Statements.Part> statements = new ArrayList<>(3);
        // The candidates' rows after their interviews' (which the caller's check locked in interview order).
        statements.add(candidatesLockedInOrder(candidateIds));
        statements.add(writtenStatement(evaluated, policy, now));
        statements.add(sumCandidatesStatement(candidateIds, policy, now));
        return new Written(List.copyOf(plans), java.util.Collections.unmodifiableList(statements));
    }

    /** What {@link #evaluateWritten} gives: the plans, and the statements that store them (a null: nothing to send). */
    public record Written(List<Plan> plans, List<Statements.Part> statements) {}

    /**
     * A summary to store under the inputs' {@code generation} it was evaluated from; null for one its writer stored:
     * the input generation as the writer's transaction sees it.
     */
    private record Evaluated(long id, Long generation, PlanSummary summary) {}

    /** An interview that could not be evaluated, and why (issue 14). */
    private record Failed(long id, long generation, String reason, Optional<String> before) {}

    /** Evaluates {@code ids} and stores their summaries, each only if its inputs did not change meanwhile. */
    private void store(List<Long> ids, JdbiPolicyStore.Versioned policy, Instant now) {
        // The generations and the records from one snapshot: a write after it bumps the generation, and the update
        // below then leaves that summary stale.
        List<Failed> failed = new ArrayList<>();
        List<Evaluated> evaluated = jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            Map<Long, Long> generations = new HashMap<>();
            Map<Long, String> failures = new HashMap<>();
            handle.createQuery(
                            """
                            SELECT interview_id, input_generation, failure
                              FROM plan_summaries WHERE interview_id = ANY(:ids)
                            """)
                    .bind("ids", ids.stream().mapToLong(Long::longValue).toArray())
                    .map((rs, context) -> {
                        generations.put(rs.getLong(1), rs.getLong(2));
                        if (rs.getString(3) != null) {
                            failures.put(rs.getLong(1), rs.getString(3));
                        }
                        return null;
                    })
                    .forEach(row -> {});
            JdbiInterviewRecords.Loaded loaded =
                    records.loadAll(handle, ids.stream().map(InterviewId::new).toList());
            List<Evaluated> result = new ArrayList<>(ids.size());
            for (InterviewRecord record : loaded.records()) {
                long id = record.interview().id().value();
                Long generation = generations.get(id);
                if (generation == null) {
                    continue;
                }
                try {
                    result.add(new Evaluated(
                            id,
                            generation,
                            PlanSummary.of(evaluator.evaluate(record, policy.policy(), now), record, policy.policy())));
                } catch (RuntimeException e) {
                    // One interview the engine cannot evaluate must not take the dashboard down with it.
                    failed.add(new Failed(
                            id,
                            generation,
                            "the plan cannot be evaluated: " + e,
                            Optional.ofNullable(failures.get(id))));
                }
            }
            loaded.unreadable().forEach((id, reason) -> {
                Long generation = generations.get(id);
                if (generation != null) {
                    failed.add(new Failed(id, generation, reason, Optional.ofNullable(failures.get(id))));
                }
            });
            return result;
        });
        jdbi.useTransaction(handle -> {
            // All it stores, the failures included, locked in interview order first (changeset 0029).
            long[] storing = java.util.stream.Stream.concat(
                            evaluated.stream().map(Evaluated::id),
                            failed.stream().map(Failed::id))
                    .mapToLong(Long::longValue)
                    .toArray();
            Statements.runTogether(handle, Arrays.asList(interviewsLockedInOrder(storing)));
            update(handle, evaluated, policy, now);
            fail(handle, failed, policy, now);
        });
    }

    /**
     * Stores each failure as the interview's summary (nothing due, nothing to sum, fresh until its inputs change, so
     * it is not evaluated again on every read) with its reason, and logs a reason once: when it first appears or
     * changes.
     */
    private static void fail(Handle handle, List<Failed> failed, JdbiPolicyStore.Versioned policy, Instant now) {
        if (failed.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(
                """
                UPDATE plan_summaries
                   SET summary_generation = :generation, policy_version = :policyVersion, evaluated_at = :now,
                       valid_until = NULL, due = 0, overdue = 0, breaches = 0, waiting = false, next_deadline = NULL,
                       urgent_rank = NULL, urgent_kind = NULL, urgent_state = NULL, urgent_deadline = NULL,
                       urgent_rules = NULL, due_soon = 0, thread = NULL, upcoming_start = NULL,
                       last_contact_at = NULL, last_contact_by = NULL, latest_breach_at = NULL,
                       latest_breach_rule = NULL, failure = :failure
                 WHERE interview_id = :id AND input_generation = :generation
                """);
        for (Failed each : failed) {
            batch.bind("id", each.id())
                    .bind("generation", each.generation())
                    .bind("policyVersion", policy.version())
                    .bind("now", now)
                    .bind("failure", each.reason())
                    .add();
            if (!each.before().equals(Optional.of(each.reason()))) {
                LOG.warn(
                        "Interview {} cannot be evaluated, so it is left out of plans, reminders and the calendar until"
                                + " the record is corrected: {}",
                        each.id(),
                        each.reason());
            }
        }
        batch.execute();
    }

    private static final String UPDATE_SUMMARY =
            """
            UPDATE plan_summaries
               SET summary_generation = coalesce(CAST(:generation AS bigint), input_generation),
                   policy_version = :policyVersion, evaluated_at = :now,
                   valid_until = :validUntil, due = :due, overdue = :overdue, breaches = :breaches,
                   waiting = :waiting, next_deadline = :nextDeadline, urgent_rank = :urgentRank,
                   urgent_kind = :urgentKind, urgent_state = :urgentState, urgent_deadline = :urgentDeadline,
                   urgent_rules = string_to_array(:urgentRules, ','), due_soon = :dueSoon, thread = :thread,
                   upcoming_start = :upcomingStart, last_contact_at = :lastContactAt,
                   last_contact_by = :lastContactBy, latest_breach_at = :latestBreachAt,
                   latest_breach_rule = :latestBreachRule, failure = NULL
             WHERE interview_id = :id
               AND input_generation = coalesce(CAST(:generation AS bigint), input_generation)
            """;

    private static void update(
            Handle handle, List<Evaluated> evaluated, JdbiPolicyStore.Versioned policy, Instant now) {
        PreparedBatch batch = handle.prepareBatch(UPDATE_SUMMARY);
        for (Evaluated each : evaluated) {
            batch.bindMap(updateBindings(each, policy, now)).add();
        }
        if (!evaluated.isEmpty()) {
            batch.execute();
        }
    }

    /**
     * The summaries a writer evaluated, as one statement to send with its other writes (issue 18: a writer's
     * summaries go in the same round trip as its own rows), each stored under its interview's input generation moved
     * on by one ({@link #UPDATE_WRITTEN}): one update for the whole group, its values in one array a column, so a
     * group of any size is one statement and one set of parameters.
     */
    private static Statements.Part writtenStatement(
            List<Evaluated> evaluated, JdbiPolicyStore.Versioned policy, Instant now) {
        int n = evaluated.size();
        long[] ids = new long[n];
        Map<String, String[]> columns = new LinkedHashMap<>();
        WRITTEN_COLUMNS.forEach(name -> columns.put(name, new String[n]));
        for (int k = 0; k < n; k++) {
            Evaluated each = evaluated.get(k);
            if (each.generation() != null) {
                throw new IllegalArgumentException("a written summary is stored under its writer's own generation");
            }
            ids[k] = each.id();
            // The values UPDATE_SUMMARY binds, as the text PostgreSQL reads back (an instant's ISO-8601 included).
            Map<String, Object> values = updateBindings(each, policy, now);
            int row = k;
            columns.forEach(
                    (name, column) -> column[row] = values.get(name) == null ? null : String.valueOf(values.get(name)));
        }
        Map<String, Object> parameters = new HashMap<>(columns);
        parameters.put("writtenIds", ids);
        parameters.put("writtenPolicyVersion", policy.version());
        parameters.put("writtenAt", now);
        return new Statements.Part(UPDATE_WRITTEN, parameters);
    }

    /** The values of {@link #updateBindings} that {@link #UPDATE_WRITTEN} takes as arrays, in its unnest's order. */
    private static final List<String> WRITTEN_COLUMNS = List.of(
            "validUntil",
            "due",
            "overdue",
            "breaches",
            "waiting",
            "nextDeadline",
            "urgentRank",
            "urgentKind",
            "urgentState",
            "urgentDeadline",
            "urgentRules",
            "dueSoon",
            "thread",
            "upcomingStart",
            "lastContactAt",
            "lastContactBy",
            "latestBreachAt",
            "latestBreachRule");

    /**
     * {@link #UPDATE_SUMMARY} for a group a writer evaluated, one row of arrays a summary (text, cast back to each
     * column's type). It moves each interview's input generation on as it stores the summary under it, and its
     * candidate's with it: what the generation bump of a touch's insert did, which the touch writer leaves to this
     * update (changeset 0027, decision 0043). Another
     * evaluation that read the old generation then stores nothing over it. After a writer whose own rows bumped the
     * generations already, the second bump changes nothing but the number.
     */
    private static final String UPDATE_WRITTEN =
            """
            WITH written AS (
                UPDATE plan_summaries s
                   SET input_generation = s.input_generation + 1, summary_generation = s.input_generation + 1,
                       policy_version = :writtenPolicyVersion, evaluated_at = :writtenAt,
                       valid_until = CAST(x.valid_until AS timestamptz), due = CAST(x.due AS integer),
                       overdue = CAST(x.overdue AS integer), breaches = CAST(x.breaches AS integer),
                       waiting = CAST(x.waiting AS boolean), next_deadline = CAST(x.next_deadline AS timestamptz),
                       urgent_rank = CAST(x.urgent_rank AS integer), urgent_kind = x.urgent_kind,
                       urgent_state = x.urgent_state, urgent_deadline = CAST(x.urgent_deadline AS timestamptz),
                       urgent_rules = string_to_array(x.urgent_rules, ','), due_soon = CAST(x.due_soon AS integer),
                       thread = x.thread, upcoming_start = CAST(x.upcoming_start AS timestamptz),
                       last_contact_at = CAST(x.last_contact_at AS timestamptz), last_contact_by = x.last_contact_by,
                       latest_breach_at = CAST(x.latest_breach_at AS timestamptz),
                       latest_breach_rule = x.latest_breach_rule, failure = NULL
                  FROM unnest(CAST(:writtenIds AS bigint[]), CAST(:validUntil AS text[]), CAST(:due AS text[]),
                              CAST(:overdue AS text[]), CAST(:breaches AS text[]), CAST(:waiting AS text[]),
                              CAST(:nextDeadline AS text[]), CAST(:urgentRank AS text[]),
                              CAST(:urgentKind AS text[]), CAST(:urgentState AS text[]),
                              CAST(:urgentDeadline AS text[]), CAST(:urgentRules AS text[]),
                              CAST(:dueSoon AS text[]), CAST(:thread AS text[]), CAST(:upcomingStart AS text[]),
                              CAST(:lastContactAt AS text[]), CAST(:lastContactBy AS text[]),
                              CAST(:latestBreachAt AS text[]), CAST(:latestBreachRule AS text[]))
                       AS x(id, valid_until, due, overdue, breaches, waiting, next_deadline, urgent_rank,
                            urgent_kind, urgent_state, urgent_deadline, urgent_rules, due_soon, thread,
                            upcoming_start, last_contact_at, last_contact_by, latest_breach_at, latest_breach_rule)
                 WHERE s.interview_id = x.id
             RETURNING s.candidate_id)
            UPDATE candidate_summaries c SET input_generation = c.input_generation + 1
             WHERE c.candidate_id IN (SELECT candidate_id FROM written)
            """;

    /**
     * An insert of touches that leaves the generation bump to {@link #storeWritten}'s update in the same transaction
     * (changeset 0027, decision 0043): the setting that tells the touches' trigger so, the insert, and the setting
     * cleared, so that any later write of the transaction bumps as usual.
     */
    public static List<Statements.Part> touchesStoredWithTheirSummaries(Statements.Part insert) {
        return List.of(
                new Statements.Part("SET LOCAL followup.touch_summaries = 'stored'", Map.of()),
                insert,
                new Statements.Part("SET LOCAL followup.touch_summaries = ''", Map.of()));
    }

    /** The values of one summary's {@link #UPDATE_SUMMARY} (a HashMap: several are null). */
    private static Map<String, Object> updateBindings(Evaluated each, JdbiPolicyStore.Versioned policy, Instant now) {
        PlanSummary summary = each.summary();
        Optional<PlanSummary.Urgent> urgent = summary.urgent();
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("generation", each.generation());
        bindings.put("id", each.id());
        bindings.put("policyVersion", policy.version());
        bindings.put("now", now);
        bindings.put("validUntil", summary.validUntil().orElse(null));
        bindings.put("due", summary.due());
        bindings.put("overdue", summary.overdue());
        bindings.put("breaches", summary.breaches());
        bindings.put("waiting", summary.waiting());
        bindings.put("nextDeadline", summary.nextDeadline().orElse(null));
        bindings.put("urgentRank", urgent.map(PlanSummary.Urgent::rank).orElse(null));
        bindings.put("urgentKind", urgent.map(step -> step.kind().name()).orElse(null));
        bindings.put("urgentState", urgent.map(step -> step.state().name()).orElse(null));
        bindings.put(
                "urgentDeadline", urgent.flatMap(PlanSummary.Urgent::deadline).orElse(null));
        bindings.put(
                "urgentRules",
                urgent.map(step -> String.join(",", step.rules())).orElse(null));
        bindings.put("dueSoon", summary.dueSoon());
        bindings.put("thread", summary.thread().name());
        bindings.put("upcomingStart", summary.upcomingStart().orElse(null));
        bindings.put(
                "lastContactAt",
                summary.lastContact().map(PlanSummary.Contact::at).orElse(null));
        bindings.put(
                "lastContactBy",
                summary.lastContact().map(contact -> contact.by().name()).orElse(null));
        bindings.put(
                "latestBreachAt",
                summary.latestBreach().map(PlanSummary.LatestBreach::at).orElse(null));
        bindings.put(
                "latestBreachRule",
                summary.latestBreach().map(PlanSummary.LatestBreach::rule).orElse(null));
        return bindings;
    }

    /**
     * The page of a dashboard: the tallies of candidates with interviews, the caller's visible candidates without any
     * (in the list, not only in the filter; none when filtered by company), what the caller marked as seen, and the
     * page's rows completed by one query ({@link #fillPage}).
     */
    private static Answer answerOf(
            Handle handle, UserPrincipal user, Query query, List<Tally> tallies, Instant now, Instant validUntil) {
        List<Tally> all = new ArrayList<>(tallies);
        Dashboard page = pageOf(handle, user, query, all, now);
        boolean everyone = user.role() == com.followup.api.auth.Role.ADMIN
                && query.recruiterId().isEmpty()
                && query.candidateId().isEmpty();
        Scope candidates = everyone
                ? Scope.ALL
                : Scope.of(all.stream().map(tally -> tally.candidateId).toList());
        return new Answer(page, Optional.ofNullable(validUntil), candidates);
    }

    /** {@code all} gets the caller's visible candidates without interviews added. */
    private static Dashboard pageOf(Handle handle, UserPrincipal user, Query query, List<Tally> all, Instant now) {
        if (query.companyId().isEmpty()) {
            bind(
                            handle.createQuery(
                                    """
                                    SELECT x.candidate_id, x.name
                                      FROM (SELECT id AS candidate_id, name FROM candidates) x
                                     WHERE %s
                                       AND NOT EXISTS (SELECT 1 FROM interviews i WHERE i.candidate_id = x.candidate_id)
                                    """
                                            .formatted(where(user, query, "x"))),
                            user,
                            query)
                    .map((rs, context) -> new Tally(rs.getLong("candidate_id"), rs.getString("name")))
                    .forEach(all::add);
        }
        Map<Long, Tally.Seen> seen = new HashMap<>();
        handle.createQuery("SELECT candidate_id, breaches, latest_at FROM breaches_seen WHERE user_id = :user")
                .bind("user", user.id())
                .map((rs, context) -> seen.put(
                        rs.getLong("candidate_id"),
                        new Tally.Seen(
                                rs.getInt("breaches"),
                                Optional.ofNullable(JdbiInterviewRecords.instant(rs, "latest_at")))))
                .forEach(ignored -> {});
        return Tally.page(all, query, seen, now, page -> fillPage(handle, query, page));
    }

    /**
     * Completes the page's rows in one query over their interviews' summaries: the most urgent step with its company
     * and the candidate's time zone, the latest breach, the next interview, threads that ended without an answer and
     * the last contact. Rows in interview id order, as the oracle adds them.
     */
    private static void fillPage(Handle handle, Query query, List<Tally> page) {
        Map<Long, Tally> byCandidate = new HashMap<>();
        page.stream().filter(tally -> tally.interviews > 0).forEach(tally -> byCandidate.put(tally.candidateId, tally));
        if (byCandidate.isEmpty()) {
            return;
        }
        org.jdbi.v3.core.statement.Query statement = handle.createQuery(
                        """
                        SELECT s.interview_id, s.candidate_id, co.name AS company, ca.zone, s.urgent_kind,
                               s.urgent_state, s.urgent_deadline, s.urgent_rules, s.thread, s.upcoming_start,
                               s.last_contact_at, s.last_contact_by, s.latest_breach_at, s.latest_breach_rule
                          FROM plan_summaries s
                          JOIN interviews i ON i.id = s.interview_id
                          JOIN companies co ON co.id = i.company_id
                          JOIN candidates ca ON ca.id = i.candidate_id
                         WHERE s.candidate_id = ANY(:candidates) %s
                         ORDER BY s.interview_id
                        """
                                .formatted(query.companyId().isPresent() ? "AND i.company_id = :company" : ""))
                .bind(
                        "candidates",
                        byCandidate.keySet().stream().mapToLong(Long::longValue).toArray());
        query.companyId().ifPresent(id -> statement.bind("company", id));
        statement
                .map((rs, context) -> {
                    long interview = rs.getLong("interview_id");
                    Tally tally = byCandidate.get(rs.getLong("candidate_id"));
                    String company = rs.getString("company");
                    ZoneId zone = ZoneId.of(rs.getString("zone"));
                    if (interview == tally.mostUrgentInterview && rs.getString("urgent_kind") != null) {
                        Optional<Instant> deadline =
                                Optional.ofNullable(JdbiInterviewRecords.instant(rs, "urgent_deadline"));
                        tally.mostUrgent = new NextStep(
                                interview,
                                company,
                                StepKind.valueOf(rs.getString("urgent_kind")),
                                StepState.valueOf(rs.getString("urgent_state")),
                                deadline.map(at -> PlanView.at(at, zone)),
                                strings(rs.getArray("urgent_rules")));
                    }
                    Instant breachAt = JdbiInterviewRecords.instant(rs, "latest_breach_at");
                    if (breachAt != null) {
                        tally.seeBreach(interview, company, rs.getString("latest_breach_rule"), breachAt, zone);
                    }
                    Instant start = JdbiInterviewRecords.instant(rs, "upcoming_start");
                    if (start != null) {
                        tally.seeInterview(interview, company, start, zone);
                    }
                    if (rs.getString("thread") != null) {
                        tally.seeThread(interview, company, ThreadStatus.valueOf(rs.getString("thread")));
                    }
                    Instant contact = JdbiInterviewRecords.instant(rs, "last_contact_at");
                    if (contact != null) {
                        tally.seeContact(interview, company, contact, rs.getString("last_contact_by"), zone);
                    }
                    return interview;
                })
                .list();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    /**
     * The condition on plan_summaries {@code s} for the caller's scope and the query's filters, written for each role
     * rather than as one OR of all roles, so the planner gets an index path for each (see docs/benchmarks.md).
     */
    private static String where(UserPrincipal user, Query query, String alias) {
        List<String> conditions = new ArrayList<>();
        switch (user.role()) {
            case ADMIN -> conditions.add("TRUE");
            case RECRUITER ->
                conditions.add(
                        alias
                                + ".candidate_id IN (SELECT candidate_id FROM recruiter_assignments WHERE recruiter_id = :scopeUser)");
            case CANDIDATE ->
                conditions.add(alias + ".candidate_id IN (SELECT id FROM candidates WHERE user_id = :scopeUser)");
        }
        query.recruiterId()
                .ifPresent(
                        id -> conditions.add(
                                alias
                                        + ".candidate_id IN (SELECT candidate_id FROM recruiter_assignments WHERE recruiter_id = :recruiter)"));
        query.companyId()
                .ifPresent(id -> conditions.add(
                        alias + ".interview_id IN (SELECT id FROM interviews WHERE company_id = :company)"));
        query.candidateId().ifPresent(id -> conditions.add(alias + ".candidate_id = :candidate"));
        return String.join(" AND ", conditions);
    }

    private static <T extends SqlStatement<T>> T bind(T statement, UserPrincipal user, Query query) {
        if (user.role() != com.followup.api.auth.Role.ADMIN) {
            statement.bind("scopeUser", user.id());
        }
        query.recruiterId().ifPresent(id -> statement.bind("recruiter", id));
        query.companyId().ifPresent(id -> statement.bind("company", id));
        query.candidateId().ifPresent(id -> statement.bind("candidate", id));
        return statement;
    }
}
