package com.followup.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * What a client company asked for in place of the agency's defaults. An empty value means "use the agency's".
 *
 * @param spacing R7: the time between unanswered follow-ups
 * @param statusCheckLimit R8: how many unanswered status checks the company tolerates
 * @param preferredChannel R10, R11: the channel the company wants to be followed up through
 * @param doesNotReply R18: the company is known not to answer follow-ups
 */
public record CompanyOverrides(
        Optional<Duration> spacing,
        Optional<Integer> statusCheckLimit,
        Optional<Channel> preferredChannel,
        boolean doesNotReply) {
    public static final CompanyOverrides NONE =
            new CompanyOverrides(Optional.empty(), Optional.empty(), Optional.empty(), false);

    public CompanyOverrides {
        requireNonNull(spacing, "spacing is null");
        requireNonNull(statusCheckLimit, "statusCheckLimit is null");
        requireNonNull(preferredChannel, "preferredChannel is null");
        spacing.flatMap(CompanyOverrides::nonPositiveSpacing).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        statusCheckLimit.flatMap(CompanyOverrides::statusCheckLimitBelowOne).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /**
     * The longest spacing a company or a timeline may ask for (R7): a year. Longer ones are typing mistakes, and would
     * put the plan's dates past what PostgreSQL and ISO-8601 text can hold (issue 14 found year +1587344).
     */
    public static final Duration MAX_SPACING = Duration.ofDays(365);

    /** Why {@code spacing} cannot be a company's R7 spacing, if it cannot: positive, and at most a year. */
    public static Optional<String> nonPositiveSpacing(Duration spacing) {
        if (spacing.isNegative() || spacing.isZero()) {
            return Optional.of("spacing must be positive, got " + spacing);
        }
        return spacing.compareTo(MAX_SPACING) > 0
                ? Optional.of("spacing must be at most 365 days, got " + spacing)
                : Optional.empty();
    }

    /** Why {@code limit} cannot be a company's R8 limit, if it cannot: at least one status check is allowed. */
    public static Optional<String> statusCheckLimitBelowOne(int limit) {
        return limit < 1 ? Optional.of("statusCheckLimit must be at least 1, got " + limit) : Optional.empty();
    }

    public CompanyOverrides withSpacing(Duration spacing) {
        return new CompanyOverrides(Optional.of(spacing), statusCheckLimit, preferredChannel, doesNotReply);
    }

    public CompanyOverrides withStatusCheckLimit(int statusCheckLimit) {
        return new CompanyOverrides(spacing, Optional.of(statusCheckLimit), preferredChannel, doesNotReply);
    }

    public CompanyOverrides withPreferredChannel(Channel preferredChannel) {
        return new CompanyOverrides(spacing, statusCheckLimit, Optional.of(preferredChannel), doesNotReply);
    }

    public CompanyOverrides withDoesNotReply(boolean doesNotReply) {
        return new CompanyOverrides(spacing, statusCheckLimit, preferredChannel, doesNotReply);
    }
}
