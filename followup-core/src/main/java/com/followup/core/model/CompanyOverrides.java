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
        spacing.ifPresent(value -> {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("spacing must be positive, got " + value);
            }
        });
        statusCheckLimit.ifPresent(value -> {
            if (value < 1) {
                throw new IllegalArgumentException("statusCheckLimit must be at least 1, got " + value);
            }
        });
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
