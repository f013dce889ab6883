package com.followup.api.dashboard;

import com.followup.api.dashboard.DashboardBodies.CandidateRow;
import com.followup.api.dashboard.DashboardBodies.Counts;
import com.followup.api.dashboard.DashboardBodies.Dashboard;
import com.followup.api.dashboard.DashboardBodies.Filter;
import com.followup.api.dashboard.DashboardBodies.NextStep;
import com.followup.api.dashboard.DashboardBodies.Query;
import com.followup.api.dashboard.DashboardBodies.Sort;
import com.followup.api.representations.PlanView;
import com.followup.core.rules.Plan;
import com.followup.core.rules.Step;
import com.followup.core.rules.StepState;
import com.followup.core.rules.ThreadStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/** One candidate's counts, gathered plan by plan (or read summed from the plan summaries). */
final class Tally {
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

    /** Counts over all, then the filter, the order and the page; {@code beforeRows} may complete the page's tallies. */
    static Dashboard page(List<Tally> all, Query query, Consumer<List<Tally>> beforeRows) {
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
        return new Dashboard(counts, page, selected.size(), query.limit(), query.offset(), List.of());
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

    void add(Plan plan, String company, ZoneId zone) {
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
