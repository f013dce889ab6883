package com.followup.api.representations;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One page of a list, with the total so a client can show "41–60 of 312". */
public record Page<T>(List<T> items, long total, int limit, long offset) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public Page {
        items = List.copyOf(requireNonNull(items, "items is null"));
    }
}
