package com.followup.api.cache;

import java.util.Arrays;
import java.util.Collection;

/**
 * The candidates a cached answer is about (issue 18): a row notification naming one of them marks the answer changed,
 * one naming none leaves it alone. {@link #NONE} for answers that depend only on tables notified as a whole (tokens,
 * the policy), {@link #ALL} for answers about every candidate (an admin's whole dashboard).
 */
public final class Scope {
    public static final Scope NONE = new Scope(false, new long[0]);
    public static final Scope ALL = new Scope(true, new long[0]);

    /** Above this many candidates an answer counts as about all of them: a search of a sorted array stays cheap. */
    private static final int AT_MOST = 5_000;

    private final boolean all;
    private final long[] sorted;

    private Scope(boolean all, long[] sorted) {
        this.all = all;
        this.sorted = sorted;
    }

    public static Scope of(Collection<Long> candidates) {
        if (candidates.size() > AT_MOST) {
            return ALL;
        }
        long[] ids = candidates.stream()
                .mapToLong(Long::longValue)
                .sorted()
                .distinct()
                .toArray();
        return new Scope(false, ids);
    }

    public static Scope of(long candidate) {
        return new Scope(false, new long[] {candidate});
    }

    public boolean isNone() {
        return !all && sorted.length == 0;
    }

    /** Whether one of {@code candidates} is in this scope. */
    public boolean intersects(long[] candidates) {
        if (candidates == null || candidates.length == 0) {
            return false;
        }
        if (all) {
            return true;
        }
        for (long candidate : candidates) {
            if (Arrays.binarySearch(sorted, candidate) >= 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return all ? "all candidates" : sorted.length + " candidates";
    }
}
