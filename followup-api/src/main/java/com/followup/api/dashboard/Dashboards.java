package com.followup.api.dashboard;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followup.api.access.Visibility;
import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.cache.ChangeFeed;
import com.followup.api.cache.ReadCache;
import com.followup.api.dashboard.DashboardBodies.CandidateRow;
import com.followup.api.dashboard.DashboardBodies.Dashboard;
import com.followup.api.dashboard.DashboardBodies.Filter;
import com.followup.api.dashboard.DashboardBodies.Query;
import com.followup.api.dashboard.DashboardBodies.Sort;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The recruiters' live view, for the API's {@code DashboardResource} and the portal's {@code StaffPages} alike: each
 * candidate the caller may see with counts of what is due, overdue and breached, and threads waiting on the company;
 * most urgent first. Staff only. Read from the stored plan summaries ({@link PlanSummaries}, decision 0009); one
 * answer per caller and query is kept until a write or the first instant one of its summaries changes state (decision
 * 0012), shared by both doors.
 */
public final class Dashboards {
    private final PlanSummaries summaries;
    private final Jdbi jdbi;
    private final Audit audit;
    private final Clock clock;
    private final ObjectMapper json;
    private final ReadCache<Asked, Served> answers;

    private record Asked(long userId, Query query) {}

    /** An answer and its JSON: a cached dashboard is not serialised again for every API request. */
    private record Served(PlanSummaries.Answer answer, byte[] json) {}

    /** How long a dashboard may still be shown after another user's write about its candidates (issue 18). */
    public static final Duration DEFAULT_LAG = Duration.ofMillis(500);

    public Dashboards(
            PlanSummaries summaries, Jdbi jdbi, Audit audit, Clock clock, ChangeFeed changes, ObjectMapper json) {
        this(summaries, jdbi, audit, clock, changes, json, Duration.ZERO);
    }

    /**
     * {@code lag}: an answer about candidates another user's write changed may still be served for that long after
     * it was read, while writes keep coming, so a busy agency's dashboard is read again at most once a lag, not once
     * a write; the writer's own next dashboard is always read again.
     */
    public Dashboards(
            PlanSummaries summaries,
            Jdbi jdbi,
            Audit audit,
            Clock clock,
            ChangeFeed changes,
            ObjectMapper json,
            Duration lag) {
        this.summaries = requireNonNull(summaries, "summaries is null");
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.json = requireNonNull(json, "json is null");
        this.answers = new ReadCache<>(requireNonNull(changes, "changes is null"), clock, 5_000, lag);
    }

    /**
     * The query of a request's parameters: {@code state} and {@code sort} name a {@link Filter} and a {@link Sort} in
     * any case (400 {@code INVALID_PARAMETER} naming the field otherwise).
     */
    public static Query query(
            Long recruiterId, Long companyId, Long candidateId, String state, String sort, int limit, long offset) {
        return new Query(
                Optional.ofNullable(recruiterId),
                Optional.ofNullable(companyId),
                Optional.ofNullable(candidateId),
                parse(Filter.class, state, "state"),
                parse(Sort.class, sort, "sort"),
                limit,
                offset);
    }

    public Dashboard show(UserPrincipal user, Query query) {
        return served(user, query).answer().dashboard();
    }

    /** The same answer as {@link #show}, as the JSON the API sends. */
    public byte[] showAsJson(UserPrincipal user, Query query) {
        return served(user, query).json();
    }

    /**
     * Marks a candidate's breaches as seen by the caller (a recruiter or an admin, each for themselves): the count and
     * the latest breach's instant as the dashboard shows them now. Until a breach beyond those appears, the candidate's
     * row no longer ranks as "new breaches" on the caller's dashboard; the breaches still count everywhere else.
     * Audited. 404 for a candidate the caller does not see.
     */
    public BreachesSeen markBreachesSeen(UserPrincipal user, long candidateId) {
        refuseCandidates(user);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // The row as the dashboard has it now (stale summaries are refreshed first); empty for a candidate not seen.
        Optional<CandidateRow> row = summaries
                .dashboard(
                        user,
                        new Query(
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(candidateId),
                                Filter.ALL,
                                Sort.NAME,
                                1,
                                0),
                        now)
                .items()
                .stream()
                .findFirst();
        int breaches = row.map(CandidateRow::breaches).orElse(0);
        Optional<Instant> latest = row.flatMap(CandidateRow::latestBreach)
                .map(breach -> breach.at().toInstant());
        jdbi.useTransaction(handle -> {
            Visibility.requireCandidate(handle, user, candidateId);
            handle.createUpdate(
                            """
                            INSERT INTO breaches_seen (user_id, candidate_id, breaches, latest_at, seen_at)
                            VALUES (:user, :candidate, :breaches, :latest, :now)
                            ON CONFLICT (user_id, candidate_id) DO UPDATE
                               SET breaches = excluded.breaches, latest_at = excluded.latest_at,
                                   seen_at = excluded.seen_at
                            """)
                    .bind("user", user.id())
                    .bind("candidate", candidateId)
                    .bind("breaches", breaches)
                    .bind("latest", latest.orElse(null))
                    .bind("now", now)
                    .execute();
            audit.record(handle, user, "breaches.seen", "candidate", candidateId, Map.of("breaches", breaches));
        });
        return new BreachesSeen(
                candidateId, breaches, latest.map(at -> at.atOffset(ZoneOffset.UTC)), now.atOffset(ZoneOffset.UTC));
    }

    /** What {@link #markBreachesSeen} recorded. */
    public record BreachesSeen(
            long candidateId, int breaches, Optional<OffsetDateTime> latestBreachAt, OffsetDateTime seenAt) {}

    private static void refuseCandidates(UserPrincipal user) {
        if (user.is(Role.CANDIDATE)) {
            // The doors allow only staff already; the service refuses on its own too, so a new door cannot forget.
            throw ProblemException.forbidden(ErrorCode.FORBIDDEN, "The dashboard is for recruiters and admins.");
        }
    }

    private Served served(UserPrincipal user, Query query) {
        refuseCandidates(user);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return answers.get(
                new Asked(user.id(), query),
                user.id(),
                () -> {
                    PlanSummaries.Answer answer = summaries.answer(user, query, now);
                    try {
                        return new Served(answer, json.writeValueAsBytes(answer.dashboard()));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("a dashboard cannot be written as JSON", e);
                    }
                },
                served -> served.answer().validUntil(),
                served -> served.answer().candidates());
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed =
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
            throw ProblemException.badRequest(
                    ErrorCode.INVALID_PARAMETER,
                    field + " must be one of " + allowed,
                    List.of(Problem.FieldError.of(field, "must be one of " + allowed)));
        }
    }
}
