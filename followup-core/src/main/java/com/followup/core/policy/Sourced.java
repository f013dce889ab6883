package com.followup.core.policy;

import static java.util.Objects.requireNonNull;

/** A policy value with the place it came from, so a plan can say why a date is what it is. */
public record Sourced<T>(T value, ValueSource source) {
    public Sourced {
        requireNonNull(value, "value is null");
        requireNonNull(source, "source is null");
    }

    public static <T> Sourced<T> fromAgency(T value) {
        return new Sourced<>(value, ValueSource.AGENCY_DEFAULT);
    }

    public static <T> Sourced<T> fromCompany(T value) {
        return new Sourced<>(value, ValueSource.COMPANY);
    }

    public static <T> Sourced<T> fromInterview(T value) {
        return new Sourced<>(value, ValueSource.INTERVIEW);
    }
}
