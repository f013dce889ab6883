package com.followup.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What the candidate learned at the close of the interview about next steps (R5). Having a timeline at all means the
 * candidate asked; each part may still be empty when the company did not say.
 *
 * @param decisionDate the day by which the company said it would decide or get back (R6)
 * @param preferredChannel how the company wants to be followed up (R10, R11)
 * @param preferredSpacing the time the company asked the candidate to leave between follow-ups (R7)
 */
public record Timeline(
        Optional<LocalDate> decisionDate, Optional<Channel> preferredChannel, Optional<Duration> preferredSpacing) {
    public static final Timeline NOTHING_SAID = new Timeline(Optional.empty(), Optional.empty(), Optional.empty());

    public Timeline {
        requireNonNull(decisionDate, "decisionDate is null");
        requireNonNull(preferredChannel, "preferredChannel is null");
        requireNonNull(preferredSpacing, "preferredSpacing is null");
        preferredSpacing.flatMap(Timeline::nonPositiveSpacing).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /**
     * Why {@code spacing} cannot be the spacing the company asked for (R7), if it cannot: positive, and at most a year
     * ({@link CompanyOverrides#MAX_SPACING}).
     */
    public static Optional<String> nonPositiveSpacing(Duration spacing) {
        if (spacing.isNegative() || spacing.isZero()) {
            return Optional.of("preferredSpacing must be positive, got " + spacing);
        }
        return spacing.compareTo(CompanyOverrides.MAX_SPACING) > 0
                ? Optional.of("preferredSpacing must be at most 365 days, got " + spacing)
                : Optional.empty();
    }

    public static Timeline decisionBy(LocalDate decisionDate) {
        return NOTHING_SAID.withDecisionDate(decisionDate);
    }

    public Timeline withDecisionDate(LocalDate decisionDate) {
        return new Timeline(Optional.of(decisionDate), preferredChannel, preferredSpacing);
    }

    public Timeline withPreferredChannel(Channel preferredChannel) {
        return new Timeline(decisionDate, Optional.of(preferredChannel), preferredSpacing);
    }

    public Timeline withPreferredSpacing(Duration preferredSpacing) {
        return new Timeline(decisionDate, preferredChannel, Optional.of(preferredSpacing));
    }
}
