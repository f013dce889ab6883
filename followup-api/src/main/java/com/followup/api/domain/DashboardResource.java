package com.followup.api.domain;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.cache.ChangeFeed;
import com.followup.api.cache.ReadCache;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.api.representations.PlanView;
import com.followup.core.rules.Plan;
import com.followup.core.rules.Step;
import com.followup.core.rules.StepKind;
import com.followup.core.rules.StepState;
import com.followup.core.rules.ThreadStatus;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The recruiters' live view: each candidate with counts of what is due, overdue and breached, and threads
 * waiting on the company; most urgent first.
 */
@Path("/api/dashboard")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
public class DashboardResource {
    /** What a candidate row is filtered on. */
    public enum Filter {
        ALL,
        DUE,
        OVERDUE,
        BREACHES,
        WAITING
    }

    public enum Sort {
        URGENCY,
        NAME
    }

    public record Counts(long candidates, long due, long overdue, long breaches, long waitingOnCompany) {}

    public record NextStep(
            long interviewId,
            String company,
            StepKind kind,
            StepState state,
            Optional<OffsetDateTime> deadline,
            List<String> rules) {}

    public record CandidateRow(
            long candidateId,
            String name,
            int interviews,
            int due,
            int overdue,
            int breaches,
            int waitingOnCompany,
            Optional<NextStep> mostUrgent) {}

    public record Dashboard(Counts counts, List<CandidateRow> items, long total, int limit, long offset) {}

    private final PlanSummaries summaries;
    private final Clock clock;
    /** Answers kept until a write or the first instant one of their summaries changes state (decision 0012). */
    private final ReadCache<Asked, Served> answers;

    private final ObjectMapper json;

    private record Asked(long userId, Query query) {}

    public DashboardResource(PlanSummaries summaries, Clock clock, ChangeFeed changes, ObjectMapper json) {
        this.summaries = requireNonNull(summaries, "summaries is null");
        this.json = requireNonNull(json, "json is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.answers = new ReadCache<>(changes, clock, 5_000);
    }

    @GET
    @ApiResponse(
            responseCode = "200",
            description = "The page of candidates, with counts over all of them",
            content = @Content(schema = @Schema(implementation = Dashboard.class)))
    public Response dashboard(
            @Auth UserPrincipal user,
            @QueryParam("recruiterId") Long recruiterId,
            @QueryParam("companyId") Long companyId,
            @QueryParam("candidateId") Long candidateId,
            @QueryParam("state") @DefaultValue("ALL") String state,
            @QueryParam("sort") @DefaultValue("URGENCY") String sort,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) long offset) {
        // The JSON is kept with the answer, so a cached dashboard is not serialised again for every request.
        byte[] json = served(user, query(recruiterId, companyId, candidateId, state, sort, limit, offset))
                .json();
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The same answer as {@link #dashboard}, as an object: for the portal's pages. */
    public Dashboard view(
            UserPrincipal user,
            Long recruiterId,
            Long companyId,
            Long candidateId,
            String state,
            String sort,
            int limit,
            long offset) {
        return served(user, query(recruiterId, companyId, candidateId, state, sort, limit, offset))
                .answer()
                .dashboard();
    }

    private static Query query(
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

    private Served served(UserPrincipal user, Query query) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return answers.get(
                new Asked(user.id(), query),
                () -> {
                    PlanSummaries.Answer answer = summaries.answer(user, query, now);
                    try {
                        return new Served(answer, json.writeValueAsBytes(answer.dashboard()));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("a dashboard cannot be written as JSON", e);
                    }
                },
                served -> served.answer().validUntil());
    }

    /** An answer and its JSON. */
    private record Served(PlanSummaries.Answer answer, byte[] json) {}

    /** What a dashboard request asks for. */
    public record Query(
            Optional<Long> recruiterId,
            Optional<Long> companyId,
            Optional<Long> candidateId,
            Filter filter,
            Sort sort,
            int limit,
            long offset) {}

    /** Counts over all, then the filter, the order and the page; {@code beforeRows} may complete the page's tallies. */
    static Dashboard page(List<Tally> all, Query query, java.util.function.Consumer<List<Tally>> beforeRows) {
        Counts counts = new Counts(
                all.size(),
                all.stream().mapToLong(tally -> tally.due).sum(),
                all.stream().mapToLong(tally -> tally.overdue).sum(),
                all.stream().mapToLong(tally -> tally.breaches).sum(),
                all.stream().mapToLong(tally -> tally.waiting).sum());
        List<Tally> selected = all.stream()
                .filter(tally -> tally.matches(query.filter()))
                .sorted(order(query.sort()))
                .toList();
        List<Tally> pageTallies =
                selected.stream().skip(query.offset()).limit(query.limit()).toList();
        beforeRows.accept(pageTallies);
        List<CandidateRow> page = pageTallies.stream().map(Tally::row).toList();
        return new Dashboard(counts, page, selected.size(), query.limit(), query.offset());
    }

    private static Comparator<Tally> order(Sort sort) {
        Comparator<Tally> byName = Comparator.comparing((Tally tally) -> tally.name.toLowerCase(Locale.ROOT))
                .thenComparingLong(tally -> tally.candidateId);
        return switch (sort) {
            case NAME -> byName;
            case URGENCY ->
                Comparator.comparingInt((Tally tally) -> -tally.overdue)
                        .thenComparingInt(tally -> -tally.breaches)
                        .thenComparingInt(tally -> -tally.due)
                        .thenComparing(tally -> tally.nextDeadline == null ? Instant.MAX : tally.nextDeadline)
                        .thenComparing(byName);
        };
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = java.util.Arrays.stream(type.getEnumConstants())
                    .map(Enum::name)
                    .toList();
            throw ProblemException.badRequest(
                    ErrorCode.INVALID_PARAMETER,
                    field + " must be one of " + allowed,
                    List.of(Problem.FieldError.of(field, "must be one of " + allowed)));
        }
    }

    /** One candidate's counts, gathered plan by plan (or read summed from the plan summaries). */
    static final class Tally {
        final long candidateId;
        final String name;
        int interviews;
        int due;
        int overdue;
        int breaches;
        int waiting;
        Instant nextDeadline;
        NextStep mostUrgent;
        /** For tallies read from plan summaries: the interview of the most urgent step, filled in for the page. */
        long mostUrgentInterview;

        int mostUrgentRank = Integer.MAX_VALUE;

        Tally(long candidateId, String name) {
            this.candidateId = candidateId;
            this.name = name;
        }

        void add(Plan plan, String company, java.time.ZoneId zone) {
            interviews++;
            breaches += plan.breaches().size();
            boolean candidateHasSomethingToDo = false;
            for (Step step : plan.steps()) {
                int rank =
                        switch (step.state()) {
                            case OVERDUE -> 0;
                            case DUE_SOON -> 1;
                            case OPEN -> 2;
                            case NOT_YET, DONE_ON_TIME, DONE_LATE, MISSED, NOT_NEEDED -> Integer.MAX_VALUE;
                        };
                if (rank == Integer.MAX_VALUE) {
                    continue;
                }
                candidateHasSomethingToDo = true;
                if (step.state() == StepState.OVERDUE) {
                    overdue++;
                } else {
                    due++;
                }
                Optional<Instant> deadline = step.window().deadline();
                deadline.filter(at -> nextDeadline == null || at.isBefore(nextDeadline))
                        .ifPresent(at -> nextDeadline = at);
                Instant stepDeadline = deadline.orElse(Instant.MAX);
                Instant currentDeadline = mostUrgent == null
                        ? Instant.MAX
                        : mostUrgent.deadline().map(OffsetDateTime::toInstant).orElse(Instant.MAX);
                if (rank < mostUrgentRank || (rank == mostUrgentRank && stepDeadline.isBefore(currentDeadline))) {
                    mostUrgentRank = rank;
                    mostUrgent = new NextStep(
                            plan.interview().value(),
                            company,
                            step.kind(),
                            step.state(),
                            deadline.map(at -> PlanView.at(at, zone)),
                            step.rules().stream().sorted().map(Enum::name).toList());
                }
            }
            if (plan.thread() == ThreadStatus.OPEN && !candidateHasSomethingToDo) {
                waiting++;
            }
        }

        boolean matches(Filter filter) {
            return switch (filter) {
                case ALL -> true;
                case DUE -> due > 0;
                case OVERDUE -> overdue > 0;
                case BREACHES -> breaches > 0;
                case WAITING -> waiting > 0;
            };
        }

        CandidateRow row() {
            return new CandidateRow(
                    candidateId, name, interviews, due, overdue, breaches, waiting, Optional.ofNullable(mostUrgent));
        }
    }
}
