package com.followup.core.rules;

/** R3: how many of the interviewers met have been thanked. Reported as a count, not only a rate. */
public record Coverage(int thanked, int met) {
    public Coverage {
        if (met < 1 || thanked < 0 || thanked > met) {
            throw new IllegalArgumentException("bad coverage " + thanked + "/" + met);
        }
    }

    public boolean complete() {
        return thanked == met;
    }

    public double rate() {
        return (double) thanked / met;
    }
}
