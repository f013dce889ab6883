package com.followup.reports;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

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
        return new FigureRow(
                week,
                Dimension.AGENCY,
                0,
                parameters.agencyName(),
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                OptionalLong.empty(),
                OptionalLong.empty(),
                0);
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
