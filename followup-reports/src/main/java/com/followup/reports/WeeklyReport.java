package com.followup.reports;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** A week's figures, ready to render: the rows of the report's week per group, and the scope's trend. */
public record WeeklyReport(WeeklyParameters parameters, List<FigureRow> rows) {
    /** How many candidates and companies the "most need attention" lists show. */
    public static final int ATTENTION_LIST_SIZE = 5;

    public WeeklyReport {
        requireNonNull(parameters, "parameters is null");
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
    }

    /** The whole scope in the report's week; all zeros when nothing happened. */
    public FigureRow headline() {
        return trend().get(trend().size() - 1);
    }

    /** One row per week of the trend, oldest first, weeks without interviews as zeros. */
    public List<FigureRow> trend() {
        List<FigureRow> trend = new ArrayList<>();
        for (int index = parameters.trendWeeks() - 1; index >= 0; index--) {
            String week = parameters.week().minusWeeks(index).toString();
            trend.add(rows.stream()
                    .filter(row ->
                            row.dimension() == Dimension.AGENCY && row.week().equals(week))
                    .findFirst()
                    .orElseGet(() -> empty(week)));
        }
        return trend;
    }

    /** The report week's rows of one dimension, in the order of the SQL (by id). */
    public List<FigureRow> rows(Dimension dimension) {
        String week = parameters.week().toString();
        return rows.stream()
                .filter(row -> row.dimension() == dimension && row.week().equals(week))
                .toList();
    }

    /** The groups with the most breaches this week, most first, then by name; only groups with a breach. */
    public List<FigureRow> needingAttention(Dimension dimension) {
        return rows(dimension).stream()
                .filter(row -> row.breaches() > 0 || row.ghosted() > 0)
                .sorted(Comparator.comparingLong(FigureRow::breaches)
                        .reversed()
                        .thenComparing(
                                Comparator.comparingLong(FigureRow::ghosted).reversed())
                        .thenComparing(FigureRow::name))
                .limit(ATTENTION_LIST_SIZE)
                .toList();
    }

    private FigureRow empty(String week) {
        return FigureRow.empty(week, Dimension.AGENCY, 0, parameters.agencyName());
    }

    /** A recruiter or company that appears in the trend weeks. */
    public record Group(Dimension dimension, long id, String name) {}

    /** The weeks of the trend, oldest first. */
    public List<String> trendWeeks() {
        List<String> weeks = new ArrayList<>();
        for (int index = parameters.trendWeeks() - 1; index >= 0; index--) {
            weeks.add(parameters.week().minusWeeks(index).toString());
        }
        return weeks;
    }

    /**
     * The groups of a dimension with at least one interview in the trend weeks, by id ({@link Dimension#AGENCY},
     * {@link Dimension#RECRUITER} and {@link Dimension#COMPANY} have a trend; the others only the report week).
     */
    public List<Group> trendGroups(Dimension dimension) {
        Map<Long, String> names = new TreeMap<>();
        for (FigureRow row : rows) {
            if (row.dimension() == dimension) {
                names.put(row.groupId(), row.name());
            }
        }
        if (dimension == Dimension.AGENCY) {
            return List.of(new Group(Dimension.AGENCY, 0, parameters.agencyName()));
        }
        return names.entrySet().stream()
                .map(entry -> new Group(dimension, entry.getKey(), entry.getValue()))
                .toList();
    }

    /** One group's row per trend week, oldest first; a week without its interviews is a row of zeros, not a gap. */
    public List<FigureRow> trend(Group group) {
        List<FigureRow> trend = new ArrayList<>();
        for (String week : trendWeeks()) {
            trend.add(rows.stream()
                    .filter(row -> row.dimension() == group.dimension()
                            && row.groupId() == group.id()
                            && row.week().equals(week))
                    .findFirst()
                    .orElseGet(() -> FigureRow.empty(week, group.dimension(), group.id(), group.name())));
        }
        return trend;
    }

    /**
     * Every row, with the zero rows of the trend filled in (each week of the trend for the scope, each recruiter and
     * each company that had an interview in one of them), ordered by week, dimension and id: the CSV's rows.
     */
    public List<FigureRow> rowsWithTrendZeros() {
        List<FigureRow> all = new ArrayList<>();
        for (Dimension dimension : List.of(Dimension.AGENCY, Dimension.RECRUITER, Dimension.COMPANY)) {
            for (Group group : trendGroups(dimension)) {
                all.addAll(trend(group));
            }
        }
        rows.stream()
                .filter(row -> row.dimension() == Dimension.CANDIDATE || row.dimension() == Dimension.HIRING_MANAGER)
                .forEach(all::add);
        all.sort(Comparator.comparing(FigureRow::week)
                .thenComparing(row -> row.dimension().name())
                .thenComparingLong(FigureRow::groupId));
        return all;
    }

    /**
     * Whether {@code row}'s week is too young for the response within {@link WeeklyParameters#RESPONSE_WINDOW}: its
     * threads may still be answered in time, so the figure is pending rather than low.
     */
    public boolean responsePending(FigureRow row) {
        return parameters.responsePending(IsoWeek.parse(row.week()));
    }

    /**
     * Replies within the window of the first follow-up, of the threads followed up long enough ago: empty while the
     * week is pending or when no thread could be counted.
     */
    public Optional<BigDecimal> responseWithinWindow(FigureRow row) {
        if (responsePending(row)) {
            return Optional.empty();
        }
        return rate(row.respondedWithinWindow(), row.followedUpCounted());
    }

    /** The scope's most recent trend week whose response within the window is counted, if any. */
    public Optional<FigureRow> latestCountedResponseWeek() {
        List<FigureRow> trend = trend();
        for (int index = trend.size() - 1; index >= 0; index--) {
            if (!responsePending(trend.get(index))) {
                return Optional.of(trend.get(index));
            }
        }
        return Optional.empty();
    }

    /** {@code part / whole} with four decimals, empty when the whole is zero (no rate without a count). */
    public static Optional<BigDecimal> rate(long part, long whole) {
        if (whole == 0) {
            return Optional.empty();
        }
        return Optional.of(BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP));
    }

    /** Seconds as hours with one decimal. */
    public static Optional<BigDecimal> hours(OptionalLong seconds) {
        if (seconds.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                BigDecimal.valueOf(seconds.getAsLong()).divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_UP));
    }
}
