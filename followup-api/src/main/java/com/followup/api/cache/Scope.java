package com.followup.api.cache;

import java.util.Arrays;
import java.util.Collection;

/**
 * The candidates a cached answer is about (issue 18): a row notification naming one of them marks the answer changed,
 * one naming none leaves it alone. {@link #NONE} for answers that depend only on tables notified as a whole (tokens,
 * the policy), {@link #ALL} for answers about every candidate (an admin's whole dashboard).
 *
 * <p>A notification names <em>keys</em> (changeset 0025): each candidate something of changed (its own row, an
 * interview, a part of one, a dashboard mark), each interview whose row or parts changed ({@link #interviewKey}) and
 * each candidate whose own row changed ({@link #candidateRowKey}). An answer about candidates (a dashboard, a list) is
 * scoped by the candidates' keys; one about a single interview (its record) by {@link #ofInterview}, so a write to the
 * candidate's other interviews leaves it alone.
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

    /**
     * An answer about one interview of {@code candidate} that reads the candidate's own row (its name, zone) and the
     * interview's rows: marked by a write to either, not by one to the candidate's other interviews.
     */
    public static Scope ofInterview(long candidate, long interview) {
        long[] keys = {candidateRowKey(candidate), interviewKey(interview)};
        Arrays.sort(keys);
        return new Scope(false, keys);
    }

    private static final long INTERVIEW = 1L << 60;
    private static final long CANDIDATE_ROW = 2L << 60;

    /** The key a notification names for a write to interview {@code id} or one of its parts. */
    public static long interviewKey(long id) {
        return INTERVIEW | id;
    }

    /** The key a notification names for a write to candidate {@code id}'s own row. */
    public static long candidateRowKey(long id) {
        return CANDIDATE_ROW | id;
    }

    public boolean isAll() {
        return all;
    }

    /** The candidates, sorted (none for {@link #ALL} and {@link #NONE}). */
    long[] candidates() {
        return sorted;
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
